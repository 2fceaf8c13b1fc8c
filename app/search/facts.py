"""Facts about a service or a gemeente with live provider counts: shared by the
explanation pages (app/web/info.py) and their JSON twins (app/opendata/views/)."""

from __future__ import annotations

from typing import Any

from app.domain.reference import WETTEN
from app.search import live_catalog, live_reference


def _ref() -> Any:
    return live_reference()


def _providers_per_gemeente(code: str | None) -> dict[str, int]:
    """How many providers are contracted today per gemeente (for one service, or any)."""
    catalog = live_catalog()
    if catalog is None:
        return {}
    return {
        cbs: catalog.contract_mask(cbs, [code] if code else []).bit_count()
        for cbs in catalog.gemeenten
    }


def _purchase(dienst: str, cbs: str) -> dict[str, Any]:
    """How a gemeente buys a service, with the explanation when it is not regional."""
    exception = _ref().deelname_by_pair.get((dienst, cbs))
    return {
        "deelname": exception.deelname if exception else _ref().deelname_standaard,
        "toelichting": dict(exception.toelichting) if exception else {},
    }


def service_facts(code: str) -> dict[str, Any]:
    """A service with, per gemeente, how it is bought and how many providers there are."""
    dienst = _ref().dienst_codes[code]
    counts = _providers_per_gemeente(code)
    gemeenten = [
        {
            "cbs": g.cbs,
            "slug": g.slug,
            "naam": g.naam,
            **_purchase(code, g.cbs),
            "aanbieders": counts.get(g.cbs, 0),
        }
        for g in sorted(_ref().gemeenten, key=lambda g: g.naam)
    ]
    return {
        "code": code,
        "wet": dienst.wet,
        "segment": dienst.segment,
        "naam": dict(dienst.naam),
        "uitleg": dict(dienst.uitleg),
        "voor_wie": dict(dienst.voor_wie),
        "niveaus": list(dienst.niveaus),
        "gemeenten": gemeenten,
    }


def gemeente_facts(slug: str) -> dict[str, Any] | None:
    """A gemeente with its access team and, per service, whether it buys it regionally."""
    gemeente = next((g for g in _ref().gemeenten if g.slug == slug), None)
    if gemeente is None:
        return None
    catalog = live_catalog()
    services = []
    for dienst in _ref().diensten:
        count = catalog.contract_mask(gemeente.cbs, [dienst.code]).bit_count() if catalog else 0
        services.append(
            {
                "code": dienst.code,
                "wet": dienst.wet,
                "naam": dict(dienst.naam),
                **_purchase(dienst.code, gemeente.cbs),
                "aanbieders": count,
            }
        )
    return {
        "cbs": gemeente.cbs,
        "slug": gemeente.slug,
        "naam": gemeente.naam,
        "website": gemeente.website or None,
        "toegang": {wet: gemeente.team(wet).facts() for wet in WETTEN},
        "aanbieders": _providers_per_gemeente(None).get(gemeente.cbs, 0),
        "diensten": services,
    }
