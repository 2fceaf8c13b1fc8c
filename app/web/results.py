"""The search page and its JSON twin: parse, call `find`, render."""
from __future__ import annotations

from typing import Any

from flask import Blueprint, current_app, jsonify, redirect, render_template, request
from flask_babel import get_locale

from app.opendata import data as api_data
from app.search import params as search_params
from app.search import run_search
from app.search.catalog import Catalog, Provider
from app.search.finder import matching_services
from app.web.i18n import explicit_language

bp = Blueprint("results", __name__)


def _ref():  # type: ignore[no-untyped-def]
    return current_app.extensions["reference"]


@bp.get("/zoeken")
def zoeken():  # type: ignore[no-untyped-def]
    """The result page. A non-canonical query string is redirected to the canonical one,
    so every search has exactly one link."""
    params, result, catalog = run_search(request.args)
    canonical = search_params.canonical_query(params, _ref(), lang=explicit_language())
    if request.query_string.decode() != canonical and not params.notices:
        return redirect(f"{request.path}?{canonical}" if canonical else request.path, 302)
    return render_template("search.html", params=params, result=result, catalog=catalog,
                           ref=_ref(), canonical_path=f"{request.path}?{canonical}" if canonical else request.path,
                           matching=lambda provider: matching_services(provider, params, catalog))


def _provider_json(p: Provider, params: search_params.SearchParams, catalog: Catalog) -> dict[str, Any]:
    """The API's provider shape, plus the services that answer this search."""
    return {**api_data.provider_json(p),
            "diensten": matching_services(p, params, catalog)}


@bp.get("/api/v1/search")
def search_json():  # type: ignore[no-untyped-def]
    """The same search as /zoeken, as JSON."""
    params, result, catalog = run_search(request.args)
    notices = [{"parameter": name, "waarde": value} for name, value in params.notices]
    if result is None or catalog is None:
        return jsonify({"total": 0, "results": [], "facets": {}, "notices": notices})
    return jsonify({
        "query": search_params.canonical_query(params, _ref()),
        "total": result.total, "page": result.page, "pages": result.pages, "sort": result.sort,
        "results": [_provider_json(p, params, catalog) for p in result.providers],
        "facets": {name: facet.counts for name, facet in result.facets.items()},
        "participation": [{"dienst": d, "deelname": s} for d, s in result.participation],
        "suggestion": result.suggestion, "fuzzy": result.fuzzy, "notices": notices,
        "without": [{"parameter": name, "total": total} for name, total in result.without],
        "language": str(get_locale()),
    })
