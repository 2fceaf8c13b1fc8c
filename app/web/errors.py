"""Error pages: a clear message and the right status, never a stack trace.
Under /api/ the same errors are JSON (see app/opendata/http.py).

An unexpected error goes to the error log with its stack trace (method and path, never
the query string), and to the error-monitoring hook when ERROR_HOOK names one: a
function `hook(error, context)` that may pass it on to a monitoring service."""

from __future__ import annotations

import logging
import pkgutil
from collections.abc import Callable
from typing import Any

from flask import Flask, current_app, render_template, request
from flask.typing import ResponseReturnValue
from werkzeug.exceptions import HTTPException, InternalServerError

from app.config import SettingsError
from app.opendata.http import http_error_response, is_api_request

log = logging.getLogger(__name__)
ErrorHook = Callable[[BaseException, dict[str, Any]], None]


def load_hook(name: str) -> ErrorHook | None:
    """The function ERROR_HOOK names ("package.module:function"), or None when unset."""
    if not name:
        return None
    try:
        hook = pkgutil.resolve_name(name)
    except (ImportError, AttributeError, ValueError) as exc:
        raise SettingsError(f"ERROR_HOOK {name!r} cannot be loaded: {exc}") from None
    if not callable(hook):
        raise SettingsError(f"ERROR_HOOK {name!r} is not a function.")
    return hook


def report(error: Exception) -> None:
    """Log an unexpected error with its stack trace and pass it to the hook, if any."""
    log.exception("unexpected error on %s %s", request.method, request.path)
    hook: ErrorHook | None = current_app.extensions.get("error_hook")
    if hook is None:
        return
    try:
        hook(error, {"method": request.method, "path": request.path})
    except Exception:
        log.exception("the error hook %s failed", current_app.config["ERROR_HOOK"])


def register(app: Flask) -> None:
    """Render every HTTP error with the site layout, or as JSON for the API."""
    app.extensions["error_hook"] = load_hook(app.config["ERROR_HOOK"])

    @app.errorhandler(HTTPException)
    def http_error(error: HTTPException) -> ResponseReturnValue:
        if is_api_request():
            return http_error_response(error)
        return render_template("error.html", error=error), error.code or 500

    @app.errorhandler(Exception)
    def unexpected_error(error: Exception) -> ResponseReturnValue:
        report(error)
        if is_api_request():
            return http_error_response(InternalServerError())
        return render_template("error.html", error=InternalServerError()), 500
