"""One item: the JSON twins of the provider, service and gemeente pages."""

from __future__ import annotations

from flask import Response, request

from app.opendata import data as api_data
from app.opendata.http import ApiError, conditional, envelope
from app.opendata.views.common import bp, live_ref, meta, reject_unknown, validators
from app.search import facts as search_facts
from app.web import history as history_view
from app.web import providers as providers_view


@bp.get("/providers/<path:aanbieder_id>")
@conditional(validators)
def provider(aanbieder_id: str) -> Response:
    """One provider, as its page shows it (also when it is no longer contracted)."""
    reject_unknown()
    detail = providers_view.provider_detail(aanbieder_id)
    if detail is None:
        raise ApiError(404, f"Unknown provider id: {aanbieder_id[:100]!r}.")
    return envelope(api_data.provider_detail_json(detail), meta(), {"self": request.path})


@bp.get("/providers/<path:aanbieder_id>/history")
@conditional(validators)
def provider_history(aanbieder_id: str) -> Response:
    """What each import changed for one provider, and its availability measurements."""
    reject_unknown()
    found = history_view.history_of(aanbieder_id)
    if found is None:
        raise ApiError(404, f"Unknown provider id: {aanbieder_id[:100]!r}.")
    data = api_data.history_json(*found, history_view)
    return envelope(data, meta(), {"self": request.path})


@bp.get("/services/<code>")
@conditional(validators)
def service(code: str) -> Response:
    """One service: explanation, and per gemeente how it is bought and by how many providers."""
    reject_unknown()
    if code.upper() not in live_ref().dienst_codes:
        raise ApiError(404, f"Unknown service code: {code[:40]!r}. See /api/v1/services.")
    return envelope(search_facts.service_facts(code.upper()), meta(), {"self": request.path})


@bp.get("/gemeenten/<slug>")
@conditional(validators)
def gemeente(slug: str) -> Response:
    """One gemeente: its access team and, per service, whether it is bought regionally."""
    reject_unknown()
    facts = search_facts.gemeente_facts(slug.lower())
    if facts is None:
        raise ApiError(404, f"Unknown gemeente: {slug[:40]!r}. See /api/v1/gemeenten.")
    return envelope(facts, meta(), {"self": request.path})
