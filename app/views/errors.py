"""Error pages: a clear message and the right status, never a stack trace."""
from __future__ import annotations

import logging

from flask import Flask, render_template
from werkzeug.exceptions import HTTPException, InternalServerError

log = logging.getLogger(__name__)


def register(app: Flask) -> None:
    """Render every HTTP error with the site layout."""

    @app.errorhandler(HTTPException)
    def http_error(error: HTTPException):  # type: ignore[no-untyped-def]
        return render_template("error.html", error=error), error.code

    @app.errorhandler(Exception)
    def unexpected_error(error: Exception):  # type: ignore[no-untyped-def]
        log.exception("unexpected error")
        return render_template("error.html", error=InternalServerError()), 500
