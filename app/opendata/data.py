"""What the open-data API publishes: plain dicts built from the published register.

The reference lists come from the reference data published with the register
(app/domain/reference.py), so they always belong to the register version they are
served with.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import asdict
from typing import Any
from urllib.parse import quote

from app.domain import clock
from app.domain.figures import figure_json
from app.domain.history import HistoryEntry
from app.domain.models import ImportRun, Locatie
from app.domain.provider_detail import ProviderDetail, ServiceLine, provider_path
from app.domain.quality import FigureRow
from app.domain.queries import Publication
from app.domain.reference import WETTEN, ReferenceData, Texts, Words
from app.extensions import DbSession
from app.opendata.availability import availability_json, per_service_json
from app.search.cards import Card
from app.search.catalog import Provider


def _nl_en(texts: Texts) -> dict[str, str]:
    """A text in the API's fixed shape: Dutch and English, empty when missing."""
    return {"nl": texts.get("nl", ""), "en": texts.get("en", "")}


def _words(words: Words) -> dict[str, list[str]]:
    """Words per language in the API's shape: Dutch and English always present (maybe
    empty), any further language as it comes."""
    return {"nl": [], "en": [], **{lang: list(found) for lang, found in words.items()}}


def register_meta(live: Publication | None) -> dict[str, Any] | None:
    """The register a response was made from (None before the first import)."""
    if live is None:
        return None
    return {
        "version": live.version,
        "published_at": _iso(live.published_at),
        "fictief": live.fictief,
    }


def _iso(moment: Any) -> str:
    """A stored naive UTC datetime as ISO 8601 with its zone."""
    return moment.replace(microsecond=0).isoformat() + "Z"


def register_json(session: DbSession, live: Publication, minimum_n: int) -> dict[str, Any]:
    """Publication date, import id, demo flag and row counts of the live register."""
    run = session.get(ImportRun, live.version)
    return {
        **(register_meta(live) or {}),
        "import_id": live.version,
        "bestandsnaam": run.bestandsnaam if run else None,
        "checksum": run.checksum if run else None,
        "aantallen": dict(run.aantallen) if run else {},
        "minimum_n": minimum_n,
    }


def provider_list_json(p: Provider, card: Card) -> dict[str, Any]:
    """One provider as the list endpoint shows it: contracts today, places, and the
    services and key figures of its result card, as the catalog's day and minimum n show
    them."""
    contracten: dict[str, list[str]] = defaultdict(list)
    for dienst, cbs in sorted(p.contracted):
        contracten[dienst].append(cbs)
    return {
        "id": p.id,
        "naam": p.naam,
        "omschrijving": p.omschrijving or None,
        "leeftijd_min": p.leeftijd_min,
        "leeftijd_max": p.leeftijd_max,
        "wachttijd_weken": p.wachttijd_weken,
        "wachttijd_peildatum": _day(p.wachttijd_peildatum),
        "nieuwe_clienten": p.nieuwe_clienten,
        "hulp_op_afstand": p.hulp_op_afstand,
        "huisbezoek": p.huisbezoek,
        "rolstoeltoegankelijk": p.rolstoeltoegankelijk,
        "talen": sorted(p.talen),
        "themas": sorted(p.themas),
        "contracten": [{"dienst": d, "gemeenten": g} for d, g in contracten.items()],
        "locaties": [
            {"plaats": plaats or None, "gemeente": cbs, "lat": lat, "lon": lon}
            for plaats, cbs, lat, lon in p.locaties
        ],
        "diensten": card.services,
        "cijfers": {code: figure_json(shown) for code, (_, shown) in card.figures.items()},
        "cijfers_dienst": {code: scope for code, (scope, _) in card.figures.items()},
        "gegevens_gewijzigd_op": _day(p.gewijzigd),
        "gegevens_gecontroleerd_op": _day(p.gecontroleerd),
        # As the result card: what counts for the services that answer the search.
        "beschikbaarheid": availability_json(card.availability, clock.today()),
    }


def services_json(ref: ReferenceData) -> list[dict[str, Any]]:
    """Every service with its segment, names, plain explanations and local purchasing."""
    segments = {s.code: s for s in ref.segmenten}
    local: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for u in sorted(ref.uitzonderingen, key=lambda u: (u.dienst, u.gemeente)):
        local[u.dienst].append(
            {"gemeente": u.gemeente, "soort": u.deelname, "toelichting": _nl_en(u.toelichting)}
        )
    return [
        {
            "code": d.code,
            "wet": d.wet,
            "taxonomie": d.taxonomie,
            "niveaus": list(d.niveaus),
            "segment": {"code": d.segment, "naam": _nl_en(segments[d.segment].naam)},
            "naam": _nl_en(d.naam),
            "uitleg": _nl_en(d.uitleg),
            "voor_wie": _nl_en(d.voor_wie),
            "zoekwoorden": _words(d.zoekwoorden),
            "deelname_afwijkend": local.get(d.code, []),
        }
        for d in ref.diensten
    ]


def gemeenten_json(ref: ReferenceData) -> list[dict[str, Any]]:
    """The 14 gemeenten with their access team; unknown fields are null, never made up."""
    return [
        {
            "cbs": g.cbs,
            "naam": g.naam,
            "slug": g.slug,
            "lat": g.lat,
            "lon": g.lon,
            "website": g.website or None,
            "toegang": {wet: g.team(wet).facts() for wet in WETTEN},
        }
        for g in sorted(ref.gemeenten, key=lambda g: g.naam)
    ]


def themes_json(ref: ReferenceData) -> list[dict[str, Any]]:
    """The specialisation themes with the words residents use for them."""
    return [
        {"code": t.code, "label": _nl_en(t.label), "zoekwoorden": _words(t.zoekwoorden)}
        for t in sorted(ref.themas, key=lambda t: t.code)
    ]


def indicators_json(ref: ReferenceData) -> list[dict[str, Any]]:
    """The quality indicators and how to read them."""
    return [
        {
            "code": i.code,
            "naam": _nl_en(i.naam),
            "eenheden": list(i.eenheden),
            "hoger_is_beter": i.hoger_is_beter,
            "landelijk": i.landelijk,
            "uitleg": _nl_en(i.uitleg),
        }
        for i in sorted(ref.indicatoren, key=lambda i: i.code)
    ]


def provider_detail_json(detail: ProviderDetail) -> dict[str, Any]:
    """The JSON twin of the provider page (same facts, same honesty rules)."""
    a = detail.aanbieder
    return {
        "id": a.id,
        "naam": a.naam,
        "pad": provider_path(a.id, a.naam),
        "omschrijving": {"nl": a.omschrijving, "en": a.omschrijving_en},
        "contact": {"telefoon": a.telefoon, "email": a.email, "website": a.website},
        "locaties": [_location_json(loc) for loc in a.locaties],
        "diensten": [_service_json(service) for service in detail.services],
        "gecontracteerd": not detail.no_contract,
        "niet_gecontracteerd_sinds": _day(detail.no_contract_since),
        "leeftijd_min": a.leeftijd_min,
        "leeftijd_max": a.leeftijd_max,
        "themas": detail.themas,
        "talen": detail.talen,
        "hulp_op_afstand": a.hulp_op_afstand,
        "huisbezoek": a.huisbezoek,
        "rolstoeltoegankelijk": a.rolstoeltoegankelijk,
        "keuze_hulpverlener": a.keuze_hulpverlener,
        **_availability_fields(detail),
        "kit_datum": _day(a.kit_datum),
        "keurmerken": a.keurmerken or [],
        "cijfers": [_row_json(row, detail) for row in detail.figures],
        "gegevens_gewijzigd_op": _day(detail.dates.gewijzigd),
        "gegevens_gecontroleerd_op": _day(detail.dates.gecontroleerd),
        "geschiedenis": f"/api/v1/providers/{quote(a.id, safe='/')}/history",
        "beschikbaarheid": availability_json(detail.beschikbaarheid, clock.today()),
        "beschikbaarheid_per_dienst": per_service_json(detail.availability, clock.today()),
    }


def _availability_fields(detail: ProviderDetail) -> dict[str, Any]:
    """The flat fields as before: the newest values over all the provider's services."""
    wait, new = detail.beschikbaarheid.wachttijd, detail.beschikbaarheid.nieuw
    return {
        "nieuwe_clienten": new.waarde if new else None,
        "wachttijd_weken": wait.waarde if wait else None,
        "wachttijd_peildatum": _day(wait.peildatum) if wait else None,
    }


def _location_json(loc: Locatie) -> dict[str, Any]:
    """One of the provider's locations, with its address as registered."""
    return {
        "naam": loc.naam,
        "straat": loc.straat,
        "huisnummer": loc.huisnummer,
        "postcode": loc.postcode,
        "plaats": loc.plaats,
        "gemeente": loc.gemeente_cbs,
        "lat": loc.lat,
        "lon": loc.lon,
        "rolstoeltoegankelijk": loc.rolstoeltoegankelijk,
    }


def _service_json(service: ServiceLine) -> dict[str, Any]:
    """A contracted service and the gemeenten it is contracted in."""
    return {
        "code": service.code,
        "wet": service.wet,
        "niveaus": service.niveaus,
        "gemeenten": service.gemeenten,
    }


def _row_json(row: FigureRow, detail: ProviderDetail) -> dict[str, Any]:
    data: dict[str, Any] = {
        "indicator": row.indicator,
        "dienst": row.dienst,
        "status": row.state,
        "hoger_is_beter": row.hoger_is_beter,
        "verouderd": row.old,
        **(figure_json(row.shown) or {}),
    }
    if row.figure is not None:
        data["gewijzigd_op"] = _day(detail.dates.of(row.figure.ingevoerd_run_id))
        data["gecontroleerd_op"] = _day(detail.figures_checked)
    if row.reference is not None:
        data["regio_mediaan"] = {
            "waarde": row.reference.median,
            "aanbieders": row.reference.providers,
        }
    return data


def _day(day: dt.date | None) -> str | None:
    return day.isoformat() if day else None


def history_json(detail: ProviderDetail, entries: list[HistoryEntry], words: Any) -> dict[str, Any]:
    """The JSON twin of the history page: per import the changes and measurements, each
    also as the sentence the page shows (`words`: app.web.history)."""
    a = detail.aanbieder
    return {
        "id": a.id,
        "naam": a.naam,
        "pad": provider_path(a.id, a.naam) + "/geschiedenis",
        "gegevens_gewijzigd_op": _day(detail.dates.gewijzigd),
        "gegevens_gecontroleerd_op": _day(detail.dates.gecontroleerd),
        "imports": [
            {
                "run": e.run_id,
                "datum": e.datum.isoformat(),
                "soort": e.soort,
                "bestand": e.bestand,
                "wijzigingen": [
                    {**asdict(c), "tekst": words.change_sentence(c)} for c in e.changes
                ],
                "metingen": [
                    {
                        **asdict(m),
                        "peildatum": m.peildatum.isoformat(),
                        "tekst": words.measurement_sentence(m),
                    }
                    for m in e.measurements
                ],
            }
            for e in entries
        ],
    }
