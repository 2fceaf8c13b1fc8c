"""Open data: the read-only JSON API under /api/v1/, its OpenAPI description and the
exports. `views` are the routes; `http` the conventions (envelope, errors, 304, CORS);
`data` the JSON shapes; `spec` and `schemas` the OpenAPI document; `exports/` CSV and HSDS."""

from __future__ import annotations

from flask import Flask


def register_opendata(app: Flask) -> None:
    """The API blueprint and its HTTP conventions."""
    from app.opendata import views

    views.register(app)
