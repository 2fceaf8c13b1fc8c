"""The open-data API under /api/v1/: thin views over app.opendata.data, the search and
the exports. Conventions (envelope, errors, 304, CORS) live in app.opendata.http; the
contract is written down in app.opendata.spec and served at /api/v1/openapi.json.

One blueprint (`api`, in `common` with the checks every view shares), its routes by
concern: `lists` (index, the search, the reference lists, the register, the OpenAPI
document), `items` (the JSON twins of the provider, service and gemeente pages) and
`exports` (the streamed downloads).
"""

from __future__ import annotations

from flask import Flask

from app.opendata.http import register_api_http
from app.opendata.views import exports, items, lists
from app.opendata.views.common import bp

__all__ = ["bp", "exports", "items", "lists", "register"]


def register(app: Flask) -> None:
    """The blueprint plus the API's HTTP conventions."""
    app.register_blueprint(bp)
    register_api_http(app)
