"""Facts about a service or a gemeente with live provider counts: shared by the
explanation pages (app/web/info.py) and their JSON twins (app/opendata/views.py)."""
from __future__ import annotations

from typing import Any

from flask import current_app

from app.search import live_reference
from app.search import live_catalog


def _ref() -> Any:
    return live_reference()


def _providers_per_gemeente(code: str | None) -> dict[str, int]:
    """How many providers are contracted today per gemeente (for one service, or any)."""
    catalog = live_catalog()
    if catalog is None:
        return {}
    return {cbs: catalog.contract_mask(cbs, [code] if code else []).bit_count()
            for cbs in catalog.gemeenten}


def service_facts(code: str) -> dict[str, Any]:
    """A service with, per gemeente, how it is bought and how many providers there are."""
    dienst = _ref().dienst_codes[code]
    counts = _providers_per_gemeente(code)
    gemeenten = []
    for g in sorted(_ref().gemeenten, key=lambda g: g["naam"]):
        exception = _ref().deelname_by_pair.get((code, g["cbs"]))
        gemeenten.append({"cbs": g["cbs"], "slug": g["slug"], "naam": g["naam"],
                          "deelname": exception["deelname"] if exception else "regionaal",
                          "toelichting": (exception or {}).get("toelichting") or {},
                          "aanbieders": counts.get(g["cbs"], 0)})
    return {"code": code, "wet": dienst["wet"], "segment": dienst["segment"],
            "naam": dienst["naam"], "uitleg": dienst["uitleg"], "voor_wie": dienst["voor_wie"],
            "niveaus": dienst.get("niveaus") or [], "gemeenten": gemeenten}


def gemeente_facts(slug: str) -> dict[str, Any] | None:
    """A gemeente with its access team and, per service, whether it buys it regionally."""
    gemeente = next((g for g in _ref().gemeenten if g["slug"] == slug), None)
    if gemeente is None:
        return None
    catalog = live_catalog()
    services = []
    for dienst in _ref().diensten:
        exception = _ref().deelname_by_pair.get((dienst["code"], gemeente["cbs"]))
        count = catalog.contract_mask(gemeente["cbs"], [dienst["code"]]).bit_count() if catalog else 0
        services.append({"code": dienst["code"], "wet": dienst["wet"], "naam": dienst["naam"],
                         "deelname": exception["deelname"] if exception else "regionaal",
                         "toelichting": (exception or {}).get("toelichting") or {},
                         "aanbieders": count})
    return {"cbs": gemeente["cbs"], "slug": gemeente["slug"], "naam": gemeente["naam"],
            "website": gemeente.get("website"), "toegang": gemeente.get("toegang") or {},
            "aanbieders": _providers_per_gemeente(None).get(gemeente["cbs"], 0),
            "diensten": services}
