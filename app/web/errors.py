"""Error pages: a clear message and the right status, never a stack trace.
Under /api/ the same errors are JSON (see app/opendata/http.py)."""

from __future__ import annotations

import logging

from flask import Flask, render_template
from flask.typing import ResponseReturnValue
from werkzeug.exceptions import HTTPException, InternalServerError

from app.opendata.http import http_error_response, is_api_request

log = logging.getLogger(__name__)


def register(app: Flask) -> None:
    """Render every HTTP error with the site layout, or as JSON for the API."""

    @app.errorhandler(HTTPException)
    def http_error(error: HTTPException) -> ResponseReturnValue:
        if is_api_request():
            return http_error_response(error)
        return render_template("error.html", error=error), error.code or 500

    @app.errorhandler(Exception)
    def unexpected_error(error: Exception) -> ResponseReturnValue:
        log.exception("unexpected error")
        if is_api_request():
            return http_error_response(InternalServerError())
        return render_template("error.html", error=InternalServerError()), 500
