"""The open-data API under /api/v1/: thin views over app.opendata.data, the search and
the exports. Conventions (envelope, errors, 304, CORS) live in app.opendata.http; the
contract is written down in app.opendata.spec and served at /api/v1/openapi.json.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from flask import Blueprint, Flask, Response, current_app, jsonify, request, stream_with_context

from app.domain import clock
from app.domain.reference import ReferenceData
from app.extensions import db
from app.opendata import data as api_data
from app.opendata.exports.csv_export import contract_rows, csv_stream, figure_rows
from app.opendata.exports.hsds import hsds_stream
from app.opendata.http import (
    ApiError,
    Validators,
    conditional,
    envelope,
    register_api_http,
    validators_for,
)
from app.opendata.spec import openapi_document
from app.search import facts as search_facts
from app.search import live_reference, publication, run_search
from app.search import params as search_params
from app.search.finder import PAGE_SIZE, SearchResult, matching_services
from app.web import providers as providers_view

bp = Blueprint("api", __name__, url_prefix="/api/v1")

# Query parameters of /providers: exactly the search page's grammar.
PROVIDER_PARAMETERS = frozenset(search_params.SEARCH_PARAMETERS)


def register(app: Flask) -> None:
    """The blueprint plus the API's HTTP conventions."""
    app.register_blueprint(bp)
    register_api_http(app)


def _validators() -> Validators | None:
    live = publication()
    return validators_for(live, clock.today()) if live else None


def _minimum_n() -> int:
    return int(current_app.config["MINIMUM_N"])


def _meta(**extra: Any) -> dict[str, Any]:
    return {"register": api_data.register_meta(publication()), **extra}


def _reject_unknown(allowed: frozenset[str] = frozenset()) -> None:
    unknown = sorted(set(request.args) - allowed)
    if unknown:
        raise ApiError(
            400,
            f"Unknown query parameter(s): {', '.join(unknown)}.",
            [{"parameter": name, "value": request.args.get(name, "")[:40]} for name in unknown],
        )


def _reject_empty(exempt: tuple[str, ...] = ()) -> None:
    """The search page reads an empty field as "no choice"; the API asks for a value, so a
    client's bug (sort= with nothing after it) does not pass silently."""
    empty = sorted(
        name
        for name in request.args
        if name not in exempt and any(not value.strip() for value in request.args.getlist(name))
    )
    if empty:
        raise ApiError(
            400,
            f"Empty value for: {', '.join(empty)}. Leave a parameter out "
            "instead of sending it empty.",
            [{"parameter": name, "value": ""} for name in empty],
        )


def _require_register() -> None:
    if publication() is None:
        raise ApiError(404, "No register has been published yet.")


@bp.get("/")
def index() -> Response:
    """Where everything is."""
    _reject_unknown()
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
    return envelope({"endpoints": {p: f"{bp.url_prefix}/{p}" for p in paths}}, _meta())


@bp.get("/providers")
@conditional(_validators)
def providers() -> Response:
    """The search as data (the result page's JSON twin): same parameters, filters, sorts
    and order as /zoeken; bad values are a 400 here where the page shows a notice."""
    _reject_unknown(PROVIDER_PARAMETERS)
    _reject_empty(exempt=("q",))
    params, result, catalog = run_search(request.args)
    _reject_notices(params)
    if result is None or catalog is None:
        return envelope([], _meta(total=0, page=1, pages=1, page_size=PAGE_SIZE))
    if params.p > result.pages:
        # A valid number, but no such page: like an unknown id, a 404.
        raise ApiError(
            404,
            f"Page {params.p} does not exist; there are {result.pages}.",
            [{"parameter": "p", "value": str(params.p)}],
        )
    data = [
        {**api_data.provider_list_json(p), "diensten": matching_services(p, params, catalog)}
        for p in result.providers
    ]
    return envelope(
        data, _meta(**_search_meta(params, result)), _page_links(params, result.page, result.pages)
    )


def _search_meta(params: search_params.SearchParams, result: SearchResult) -> dict[str, Any]:
    """What the result page says about the search besides the providers themselves."""
    return {
        "total": result.total,
        "page": result.page,
        "pages": result.pages,
        "page_size": PAGE_SIZE,
        "sort": result.sort,
        "query": search_params.canonical_query(params, _ref()),
        "facets": {name: facet.counts for name, facet in result.facets.items()},
        "participation": [{"dienst": d, "deelname": s} for d, s in result.participation],
        "suggestion": result.suggestion,
        "fuzzy": result.fuzzy,
        "without": [{"parameter": name, "total": total} for name, total in result.without],
    }


def _ref() -> ReferenceData:
    return live_reference()


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
        query = search_params.canonical_query(params, _ref(), p=number)
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
        _reject_unknown()
        _require_register()
        data = build(live_reference())
        return envelope(data, _meta(total=len(data)), {"self": request.path})

    return conditional(_validators)(view)


for _name, _build in REFERENCE_LISTS.items():
    bp.add_url_rule(f"/{_name}", _name, _reference_list(_build))


@bp.get("/register")
@conditional(_validators)
def register_info() -> Response:
    """Which register is published: date, import id, demo flag, counts."""
    _reject_unknown()
    _require_register()
    live = publication()
    assert live is not None  # _require_register
    return envelope(
        api_data.register_json(db.session, live, _minimum_n()), _meta(), {"self": request.path}
    )


# --- one item: the JSON twins of the provider, service and gemeente pages --------------


@bp.get("/providers/<path:aanbieder_id>")
@conditional(_validators)
def provider(aanbieder_id: str) -> Response:
    """One provider, as its page shows it (also when it is no longer contracted)."""
    _reject_unknown()
    detail = providers_view.provider_detail(aanbieder_id)
    if detail is None:
        raise ApiError(404, f"Unknown provider id: {aanbieder_id[:100]!r}.")
    return envelope(api_data.provider_detail_json(detail), _meta(), {"self": request.path})


@bp.get("/services/<code>")
@conditional(_validators)
def service(code: str) -> Response:
    """One service: explanation, and per gemeente how it is bought and by how many providers."""
    _reject_unknown()
    if code.upper() not in _ref().dienst_codes:
        raise ApiError(404, f"Unknown service code: {code[:40]!r}. See /api/v1/services.")
    return envelope(search_facts.service_facts(code.upper()), _meta(), {"self": request.path})


@bp.get("/gemeenten/<slug>")
@conditional(_validators)
def gemeente(slug: str) -> Response:
    """One gemeente: its access team and, per service, whether it is bought regionally."""
    _reject_unknown()
    facts = search_facts.gemeente_facts(slug.lower())
    if facts is None:
        raise ApiError(404, f"Unknown gemeente: {slug[:40]!r}. See /api/v1/gemeenten.")
    return envelope(facts, _meta(), {"self": request.path})


@bp.get("/openapi.json")
def openapi() -> Response:
    """The OpenAPI 3.1 description of this API."""
    _reject_unknown()
    return jsonify(openapi_document())


# --- exports: streamed, so memory stays flat whatever the register size ----------------


def _download(chunks: Iterator[str], mimetype: str, filename: str) -> Response:
    """A streamed attachment; `chunks` is a generator that has not started yet."""
    _reject_unknown()
    _require_register()
    response = Response(stream_with_context(chunks), mimetype=mimetype)
    response.headers["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@bp.get("/export/contracten.csv")
@conditional(_validators)
def export_contracts() -> Response:
    """Providers x contracts as CSV for Excel."""
    return _download(
        csv_stream(contract_rows(db.session, clock.today())), "text/csv", "contracten.csv"
    )


@bp.get("/export/kwaliteit.csv")
@conditional(_validators)
def export_figures() -> Response:
    """The quality figures as CSV for Excel."""
    return _download(
        csv_stream(figure_rows(db.session, _minimum_n(), clock.today())),
        "text/csv",
        "kwaliteit.csv",
    )


@bp.get("/export/hsds.json")
@conditional(_validators)
def export_hsds() -> Response:
    """The register as Open Referral HSDS 3.0 (tabular JSON)."""
    return _download(
        hsds_stream(db.session, clock.today(), _minimum_n()), "application/json", "hsds.json"
    )
