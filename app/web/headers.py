"""Headers and logging that keep visitors private and pages CSP-strict."""

from __future__ import annotations

import logging
import re

from flask import Flask, Response

CONTENT_SECURITY_POLICY = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'"
)
_QUERY = re.compile(r"\?[^ \"]*")


class AnonymousAccessLog(logging.Filter):
    """Drop the client address and the query string (search words may be personal).

    werkzeug formats its access line as '<address> - - [<time>] "%s" %s %s' with the
    request line, status and size as arguments.
    """

    def filter(self, record: logging.LogRecord) -> bool:
        if " - - [" in str(record.msg) and isinstance(record.args, tuple) and record.args:
            request_line = _QUERY.sub("", str(record.args[0]))
            record.msg, record.args = '"%s" %s %s', (request_line, *record.args[1:3])
        return True


def register_headers(app: Flask) -> None:
    """Security headers on every response; anonymous access logging."""
    logging.getLogger("werkzeug").addFilter(AnonymousAccessLog())

    @app.after_request
    def security_headers(response: Response) -> Response:
        response.headers.setdefault("Content-Security-Policy", CONTENT_SECURITY_POLICY)
        response.headers.setdefault("X-Content-Type-Options", "nosniff")
        response.headers.setdefault("Referrer-Policy", "no-referrer")
        response.headers.setdefault(
            "Permissions-Policy", "geolocation=(self), camera=(), microphone=()"
        )
        return response
