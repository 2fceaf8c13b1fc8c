"""The lists: the index, the search (/providers), the reference lists, the register and
the OpenAPI document."""

from __future__ import annotations

from typing import Any

from flask import Response, jsonify, request

from app.extensions import db
from app.opendata import data as api_data
from app.opendata.http import ApiError, conditional, envelope
from app.opendata.spec import openapi_document
from app.opendata.views.common import (
    bp,
    live_ref,
    meta,
    minimum_n,
    reject_empty,
    reject_unknown,
    require_register,
    validators,
)
from app.search import live_reference, publication, run_search
from app.search import params as search_params
from app.search.cards import card
from app.search.finder import PAGE_SIZE, SearchResult
from app.search.offers import Recognised

# Query parameters of /providers: exactly the search page's grammar.
PROVIDER_PARAMETERS = frozenset(search_params.SEARCH_PARAMETERS)


@bp.get("/")
def index() -> Response:
    """Where everything is."""
    reject_unknown()
    paths = (
        "providers",
        "services",
        "gemeenten",
        "themes",
        "indicators",
        "register",
        "export/contracten.csv",
        "export/kwaliteit.csv",
        "export/hsds.json",
        "openapi.json",
    )
    return envelope({"endpoints": {p: f"{bp.url_prefix}/{p}" for p in paths}}, meta())


@bp.get("/providers")
@conditional(validators)
def providers() -> Response:
    """The search as data (the result page's JSON twin): same parameters, filters, sorts
    and order as /zoeken; bad values are a 400 here where the page shows a notice."""
    reject_unknown(PROVIDER_PARAMETERS)
    reject_empty(exempt=("q",))
    params, result, catalog = run_search(request.args)
    _reject_notices(params)
    if result is None or catalog is None:
        return envelope([], meta(total=0, page=1, pages=1, page_size=PAGE_SIZE))
    if params.p > result.pages:
        # A valid number, but no such page: like an unknown id, a 404.
        raise ApiError(
            404,
            f"Page {params.p} does not exist; there are {result.pages}.",
            [{"parameter": "p", "value": str(params.p)}],
        )
    data = [api_data.provider_list_json(p, card(p, result, catalog)) for p in result.providers]
    return envelope(
        data, meta(**_search_meta(params, result)), _page_links(params, result.page, result.pages)
    )


def _search_meta(params: search_params.SearchParams, result: SearchResult) -> dict[str, Any]:
    """What the result page says about the search besides the providers themselves."""
    return {
        "total": result.total,
        "page": result.page,
        "pages": result.pages,
        "page_size": PAGE_SIZE,
        "sort": result.sort,
        "query": search_params.canonical_query(params, live_ref()),
        "facets": {name: facet.counts for name, facet in result.facets.items()},
        "participation": [{"dienst": d, "deelname": s} for d, s in result.participation],
        "suggestion": result.suggestion,
        "fuzzy": result.fuzzy,
        "text_unavailable": result.text_unavailable,
        "recognised": [_recognised_json(item) for item in result.recognised],
        "unmatched": result.unmatched,
        "without": [{"parameter": name, "total": total} for name, total in result.without],
    }


def _recognised_json(item: Recognised) -> dict[str, Any]:
    """A service or theme the words name, and the search by it that the page offers."""
    offer = item.offer
    return {
        "parameter": item.parameter,
        "code": item.code,
        "words": list(item.words),
        "strength": item.strength,
        "offer": None
        if offer is None
        else {"query": search_params.canonical_query(offer, live_ref()), "total": item.total},
    }


def _reject_notices(params: search_params.SearchParams) -> None:
    """The HTML search drops bad values with a notice; the API says no, with the reason."""
    if not params.notices:
        return
    details = [{"parameter": name, "value": value} for name, value in params.notices]
    listed = ", ".join(f"{d['parameter']}={d['value']!r}" for d in details)
    raise ApiError(
        400,
        f"Invalid value(s): {listed}. Allowed values are listed in "
        "/api/v1/openapi.json and by /api/v1/services, /gemeenten and /themes.",
        details,
    )


def _page_links(params: search_params.SearchParams, page: int, pages: int) -> dict[str, str | None]:
    def link(number: int) -> str:
        query = search_params.canonical_query(params, live_ref(), p=number)
        return f"{request.path}?{query}" if query else request.path

    return {
        "self": link(page),
        "first": link(1),
        "last": link(pages),
        "prev": link(page - 1) if page > 1 else None,
        "next": link(page + 1) if page < pages else None,
    }


# The reference lists: /services (the taxonomy with plain explanations), /gemeenten (with
# their access teams), /themes and /indicators, each from the published reference data.
REFERENCE_LISTS = {
    "services": api_data.services_json,
    "gemeenten": api_data.gemeenten_json,
    "themes": api_data.themes_json,
    "indicators": api_data.indicators_json,
}


def _reference_list(build: Any) -> Any:
    def view() -> Response:
        reject_unknown()
        require_register()
        data = build(live_reference())
        return envelope(data, meta(total=len(data)), {"self": request.path})

    return conditional(validators)(view)


for _name, _build in REFERENCE_LISTS.items():
    bp.add_url_rule(f"/{_name}", _name, _reference_list(_build))


@bp.get("/register")
@conditional(validators)
def register_info() -> Response:
    """Which register is published: date, import id, demo flag, counts."""
    reject_unknown()
    require_register()
    live = publication()
    assert live is not None  # require_register
    return envelope(
        api_data.register_json(db.session, live, minimum_n()), meta(), {"self": request.path}
    )


@bp.get("/openapi.json")
def openapi() -> Response:
    """The OpenAPI 3.1 description of this API."""
    reject_unknown()
    return jsonify(openapi_document())
