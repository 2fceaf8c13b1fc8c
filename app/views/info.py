"""Pages that explain: kinds of help (/hulp), gemeenten (/gemeente) and how to read the
figures (/uitleg/cijfers). Their JSON twins (app/views/api.py) use the same *_facts."""
from __future__ import annotations

import datetime as dt
from typing import Any

from flask import Blueprint, abort, current_app, render_template

from app.views.search import live_catalog

bp = Blueprint("info", __name__)


def _ref() -> Any:
    return current_app.extensions["reference"]


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


@bp.get("/hulp")
def services():  # type: ignore[no-untyped-def]
    return render_template("services.html")


@bp.get("/hulp/<code>")
def service(code: str):  # type: ignore[no-untyped-def]
    if code.upper() not in _ref().dienst_codes:
        abort(404)
    return render_template("service.html", facts=service_facts(code.upper()))


@bp.get("/gemeente/<slug>")
def gemeente(slug: str):  # type: ignore[no-untyped-def]
    facts = gemeente_facts(slug.lower())
    if facts is None:
        abort(404)
    return render_template("gemeente.html", facts=facts,
                           gemeente=_ref().gemeenten_by_cbs[facts["cbs"]])


# The date this statement was last checked against the site (update it with each review).
STATEMENT_DATE = dt.date(2026, 11, 22)


@bp.get("/toegankelijkheid")
def accessibility():  # type: ignore[no-untyped-def]
    """The accessibility statement, in the form of the Dutch government's model."""
    return render_template("accessibility.html", statement_date=STATEMENT_DATE,
                           contact=current_app.config["ERROR_REPORT_EMAIL"])


@bp.get("/open-data")
def open_data():  # type: ignore[no-untyped-def]
    """What others can reuse: the API, the CSV files and the HSDS export."""
    return render_template("open_data.html")


@bp.get("/uitleg/cijfers")
def indicators():  # type: ignore[no-untyped-def]
    return render_template("indicators.html", minimum_n=current_app.config["MINIMUM_N"])
