"""Headers and logging that keep visitors private and pages CSP-strict."""

from __future__ import annotations

import logging
import re
from typing import Any

from flask import Flask, Response, current_app, request
from flask.sessions import SecureCookieSessionInterface

CONTENT_SECURITY_POLICY = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'"
)
# One year; sent only when the site's public address is https (HSTS over http is ignored,
# and on a developer's http://127.0.0.1 it would only get in the way).
HSTS = "max-age=31536000"
_QUERY = re.compile(r"\?[^ \"]*")
log = logging.getLogger(__name__)


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


class NoCookieSessions(SecureCookieSessionInterface):
    """Flask's session, never written back: no visitor ever gets a cookie."""

    def save_session(self, *args: Any) -> None:
        return None


def static_file_headers(headers: Any, https: bool) -> None:
    """The headers every static file gets too (WhiteNoise serves them, not Flask)."""
    headers["X-Content-Type-Options"] = "nosniff"
    headers["Cross-Origin-Resource-Policy"] = "same-origin"
    if https:
        headers["Strict-Transport-Security"] = HSTS


def security_headers(response: Response) -> Response:
    """Security and privacy headers on every response of the app."""
    headers = response.headers
    headers.setdefault("Content-Security-Policy", CONTENT_SECURITY_POLICY)
    headers.setdefault("X-Content-Type-Options", "nosniff")
    headers.setdefault("Referrer-Policy", "no-referrer")
    headers.setdefault("Permissions-Policy", "geolocation=(self), camera=(), microphone=()")
    headers.setdefault("Cross-Origin-Opener-Policy", "same-origin")
    # Open data may be read by any site (CORS is open there); pages and files stay ours.
    api = request.path.startswith("/api/")
    headers.setdefault("Cross-Origin-Resource-Policy", "cross-origin" if api else "same-origin")
    if current_app.config["PUBLIC_URL"].startswith("https://"):
        headers.setdefault("Strict-Transport-Security", HSTS)
    if "Set-Cookie" in headers:  # a bug somewhere: the promise is "no cookies", so keep it
        log.error("a response tried to set a cookie on %s; removed", request.path)
        del headers["Set-Cookie"]
    return response


def register_headers(app: Flask) -> None:
    """Security headers on every response; no session cookie; anonymous access logging."""
    logging.getLogger("werkzeug").addFilter(AnonymousAccessLog())
    app.session_interface = NoCookieSessions()
    app.after_request(security_headers)
