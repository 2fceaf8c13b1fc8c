"""HTTP conventions of the open-data API, in one place: the response envelope, JSON
errors, conditional requests (ETag / Last-Modified / 304) and CORS.

Every API response is `{"data": ..., "meta": ..., "links": ...}`; every error is
`{"error": {"status": ..., "message": ..., "details": [...]}}`.
"""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from flask import Flask, Response, jsonify, request
from werkzeug.exceptions import HTTPException
from werkzeug.http import is_resource_modified

from app.domain.queries import Publication

API_PREFIX = "/api/"
ALLOWED_METHODS = "GET, HEAD, OPTIONS"
# Headers a browser script may read from a cross-origin response.
EXPOSED_HEADERS = "ETag, Last-Modified, Content-Disposition"
PREFLIGHT_MAX_AGE = "86400"


@dataclass(frozen=True)
class Validators:
    """What makes a response current: the published register version, the day and the
    site's own version (code and settings).

    The day is part of it because contract truth ("active today") and the neutral
    daily order change at midnight even when no new register is published.
    """

    etag: str
    last_modified: dt.datetime


def validators_for(live: Publication, day: dt.date, site: str) -> Validators:
    """ETag and Last-Modified for the live register on `day` (its state: version,
    confirmation and availability), served by site version `site`."""
    published = (live.updated_at or live.published_at).replace(tzinfo=dt.UTC, microsecond=0)
    midnight = dt.datetime.combine(day, dt.time(), tzinfo=dt.UTC)
    etag = f"register-{live.state}-{day.isoformat()}-{site}"
    return Validators(etag, max(published, midnight))


def not_modified(validators: Validators) -> bool:
    """True when the client's If-None-Match / If-Modified-Since still match."""
    return not is_resource_modified(
        request.environ, etag=validators.etag, last_modified=validators.last_modified
    )


def with_validators(response: Response, validators: Validators | None) -> Response:
    """Set ETag and Last-Modified (nothing when no register is published). The ETag is
    weak: the gzip and the plain body are the same JSON, and a 304 carries it unchanged."""
    if validators is not None:
        response.set_etag(validators.etag, weak=True)
        response.last_modified = validators.last_modified
    return response


def conditional(get_validators: Callable[[], Validators | None]) -> Callable[..., Any]:
    """Decorate a view: answer 304 before doing any work when the client is up to date."""

    def decorate(view: Callable[..., Any]) -> Callable[..., Any]:
        @functools.wraps(view)
        def wrapper(*args: Any, **kwargs: Any) -> Response:
            validators = get_validators()
            if validators is not None and not_modified(validators):
                return with_validators(Response(status=304), validators)
            return with_validators(view(*args, **kwargs), validators)

        return wrapper

    return decorate


def envelope(
    data: Any,
    meta: dict[str, Any] | None = None,
    links: dict[str, str | None] | None = None,
    status: int = 200,
) -> Response:
    """The one response shape of the API."""
    response = jsonify({"data": data, "meta": meta or {}, "links": links or {}})
    response.status_code = status
    return response


class ApiError(Exception):
    """A client error with a message and, optionally, the offending parameters."""

    def __init__(
        self, status: int, message: str, details: list[dict[str, str]] | None = None
    ) -> None:
        super().__init__(message)
        self.status = status
        self.message = message
        self.details = details or []


def error_response(
    status: int, message: str, details: list[dict[str, str]] | None = None
) -> Response:
    """An error as JSON with the right status."""
    response = jsonify({"error": {"status": status, "message": message, "details": details or []}})
    response.status_code = status
    return response


def http_error_response(error: HTTPException) -> Response:
    """A werkzeug HTTP error (404, 405, ...) as an API error."""
    messages = {
        404: "No such resource under /api/. See /api/v1/openapi.json.",
        405: f"Method not allowed; the API is read-only ({ALLOWED_METHODS}).",
    }
    status = error.code or 500
    response = error_response(status, messages.get(status, error.description or error.name))
    if status == 405:
        response.headers["Allow"] = ALLOWED_METHODS
    return response


def is_api_request() -> bool:
    """Whether the current request is for the API (so errors are JSON, not HTML)."""
    return request.path.startswith(API_PREFIX)


def register_api_http(app: Flask) -> None:
    """CORS on every API response; ApiError rendered as JSON."""

    @app.errorhandler(ApiError)
    def api_error(error: ApiError) -> Response:
        return error_response(error.status, error.message, error.details)

    @app.after_request
    def cors(response: Response) -> Response:
        if is_api_request():
            _add_cors(response)
        return response


def _add_cors(response: Response) -> None:
    # Open data: any site may read it; there are no cookies or credentials to protect.
    response.headers["Access-Control-Allow-Origin"] = "*"
    response.headers["Access-Control-Expose-Headers"] = EXPOSED_HEADERS
    if request.method == "OPTIONS":
        response.headers["Access-Control-Allow-Methods"] = ALLOWED_METHODS
        asked = request.headers.get("Access-Control-Request-Headers")
        if asked:
            response.headers["Access-Control-Allow-Headers"] = asked
        response.headers["Access-Control-Max-Age"] = PREFLIGHT_MAX_AGE
