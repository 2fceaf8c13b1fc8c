"""The search page and its JSON twin: parse, call `find`, render."""
from __future__ import annotations

import datetime as dt
from typing import Any

from flask import Blueprint, current_app, jsonify, redirect, render_template, request
from flask_babel import format_decimal, format_percent, get_locale
from flask_babel import lazy_gettext as _l

from app import search_params
from app.catalog import Catalog, Figure, Provider
from app.extensions import db
from app.figures import figure_json
from app.finder import SearchResult, find
from app.views.pages import publication

bp = Blueprint("search", __name__)


def _ref():  # type: ignore[no-untyped-def]
    return current_app.extensions["reference"]


def _catalog() -> Catalog | None:
    live = publication()
    if live is None:
        return None
    return current_app.extensions["catalog"].get(
        db.session, live.version, dt.date.today(), current_app.config["MINIMUM_N"])


def run_search() -> tuple[search_params.SearchParams, SearchResult | None, Catalog | None]:
    """Parse the query string and search the live register (None when nothing is live)."""
    params = search_params.parse(request.args, _ref())
    catalog = _catalog()
    if catalog is None:
        return params, None, None
    points = {g["cbs"]: (g["lat"], g["lon"]) for g in _ref().gemeenten}
    return params, find(catalog, current_app.extensions["search_index"], params, points), catalog


def _lang() -> str | None:
    return request.args.get("lang") if request.args.get("lang") in current_app.config["LANGUAGES"] else None


@bp.get("/zoeken")
def zoeken():  # type: ignore[no-untyped-def]
    """The result page. A non-canonical query string is redirected to the canonical one,
    so every search has exactly one link."""
    params, result, catalog = run_search()
    canonical = search_params.canonical_query(params, _ref(), lang=_lang())
    if request.query_string.decode() != canonical and not params.notices:
        return redirect(f"{request.path}?{canonical}" if canonical else request.path, 302)
    return render_template("search.html", params=params, result=result, catalog=catalog,
                           ref=_ref(), canonical=canonical)


def _provider_json(p: Provider, params: search_params.SearchParams, minimum_n: int) -> dict[str, Any]:
    return {
        "id": p.id, "naam": p.naam,
        "diensten": sorted({d for d, g in p.contracted if params.g in (None, g)
                            and (not params.d or d in params.d)}),
        "plaatsen": sorted({plaats for plaats, *_ in p.locaties if plaats}),
        "wachttijd_weken": p.wachttijd_weken,
        "wachttijd_peildatum": p.wachttijd_peildatum.isoformat() if p.wachttijd_peildatum else None,
        "cijfers": {k: figure_json(p.figures.get(k), minimum_n)
                    for k in ("clienttevredenheid", "doelrealisatie", "uitval")},
    }


@bp.get("/api/v1/search")
def search_json():  # type: ignore[no-untyped-def]
    """The same search as /zoeken, as JSON."""
    params, result, catalog = run_search()
    notices = [{"parameter": name, "waarde": value} for name, value in params.notices]
    if result is None or catalog is None:
        return jsonify({"total": 0, "results": [], "facets": {}, "notices": notices})
    return jsonify({
        "query": search_params.canonical_query(params, _ref()),
        "total": result.total, "page": result.page, "pages": result.pages, "sort": result.sort,
        "results": [_provider_json(p, params, catalog.minimum_n) for p in result.providers],
        "facets": {name: facet.counts for name, facet in result.facets.items()},
        "participation": [{"dienst": d, "deelname": s} for d, s in result.participation],
        "suggestion": result.suggestion, "fuzzy": result.fuzzy, "notices": notices,
        "language": str(get_locale()),
    })


SORT_EXPLANATIONS = {
    "relevantie": _l("De aanbieders die het best bij uw zoekwoorden passen, staan bovenaan."),
    "neutraal": _l("Zonder zoekwoorden staan de aanbieders in een willekeurige volgorde die elke dag verandert. Niemand betaalt voor een plek bovenaan."),
    "naam": _l("Op naam, van A tot Z."),
    "tevredenheid": _l("Hoogste cliënttevredenheid eerst. Aanbieders zonder (genoeg) gegevens staan onderaan."),
    "doelen": _l("Hoogste doelrealisatie eerst. Aanbieders zonder (genoeg) gegevens staan onderaan."),
    "uitval": _l("Laagste uitval eerst (lager is beter). Aanbieders zonder (genoeg) gegevens staan onderaan."),
    "wachttijd": _l("Kortste wachttijd eerst. Aanbieders zonder wachttijd staan onderaan."),
    "afstand": _l("Dichtstbijzijnde locatie eerst. Aanbieders zonder adres staan onderaan."),
}


@bp.app_context_processor
def search_helpers() -> dict[str, Any]:
    """Helpers for the search templates."""
    locale = str(get_locale())

    def canonical_query(params: search_params.SearchParams, ref: Any, **changes: Any) -> str:
        return search_params.canonical_query(params, ref, lang=_lang(), **changes)

    def indicator_name(code: str) -> str:
        indicator = _ref().indicator_codes[code]
        return indicator["naam"].get(locale) or indicator["naam"]["nl"]

    def figure_text(figure: Figure) -> str:
        if figure.eenheid == "cijfer":
            return format_decimal(figure.waarde, format="#,##0.0")
        return format_percent(figure.waarde / 100, format="#,##0.#%")

    return {"canonical_query": canonical_query, "sort_explanation": lambda s: str(SORT_EXPLANATIONS[s]),
            "indicator_name": indicator_name, "figure_text": figure_text}


@bp.app_template_filter("gemeente_slug")
def gemeente_slug(cbs: str) -> str:
    return next(g["slug"] for g in _ref().gemeenten if g["cbs"] == cbs)
