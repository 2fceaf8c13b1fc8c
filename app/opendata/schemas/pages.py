"""Schemas of the JSON twins of the provider, service and gemeente pages
(app/opendata/data.py, app/search/facts.py)."""

from __future__ import annotations

from app.opendata.schemas.base import (
    BOOL,
    DATE,
    INT,
    NL_EN,
    NUM,
    STR,
    TEAMS,
    array,
    nullable,
    obj,
    ref,
)

NULLABLE_DATE = {"type": ["string", "null"], "format": "date"}
FIGURE_ROW = obj(
    {
        "indicator": STR,
        "dienst": nullable(STR),
        "status": {"enum": ["ok", "te_weinig_gegevens", "geen_gegevens"]},
        "hoger_is_beter": BOOL,
        "verouderd": BOOL,
        "aantal": INT,
        "periode_van": DATE,
        "periode_tot": DATE,
        "bron": STR,
        "waarde": NUM,
        "eenheid": {"enum": ["procent", "cijfer"]},
        "regio_mediaan": obj({"waarde": NUM, "aanbieders": INT}),
    },
    required=["indicator", "dienst", "status", "hoger_is_beter", "verouderd"],
)
PROVIDER_DETAIL = obj(
    {
        "id": STR,
        "naam": STR,
        "pad": STR,
        "omschrijving": obj({"nl": nullable(STR), "en": nullable(STR)}),
        "contact": obj(
            {"telefoon": nullable(STR), "email": nullable(STR), "website": nullable(STR)}
        ),
        "locaties": array(
            obj(
                {
                    k: nullable(STR)
                    for k in ("naam", "straat", "huisnummer", "postcode", "plaats", "gemeente")
                }
                | {
                    "lat": nullable(NUM),
                    "lon": nullable(NUM),
                    "rolstoeltoegankelijk": nullable(BOOL),
                }
            )
        ),
        "diensten": array(
            obj(
                {
                    "code": STR,
                    "wet": {"enum": ["jeugd", "wmo"]},
                    "niveaus": array(STR),
                    "gemeenten": array(STR),
                }
            )
        ),
        "gecontracteerd": BOOL,
        "niet_gecontracteerd_sinds": NULLABLE_DATE,
        "leeftijd_min": nullable(INT),
        "leeftijd_max": nullable(INT),
        "themas": array(STR),
        "talen": array(STR),
        "hulp_op_afstand": nullable(BOOL),
        "huisbezoek": nullable(BOOL),
        "rolstoeltoegankelijk": nullable(BOOL),
        "keuze_hulpverlener": nullable(BOOL),
        "nieuwe_clienten": {"enum": ["ja", "nee", "wachtlijst", None]},
        "wachttijd_weken": nullable(INT),
        "wachttijd_peildatum": NULLABLE_DATE,
        "kit_datum": NULLABLE_DATE,
        "keurmerken": array(STR),
        "cijfers": array(ref("FigureRow")),
    }
)
PARTICIPATION = {
    "deelname": {"enum": ["regionaal", "lokaal", "deels"]},
    "toelichting": obj({"nl": STR, "en": STR}, required=[]),
    "aanbieders": INT,
}
SERVICE_FACTS = obj(
    {
        "code": STR,
        "wet": {"enum": ["jeugd", "wmo"]},
        "segment": STR,
        "naam": NL_EN,
        "uitleg": NL_EN,
        "voor_wie": NL_EN,
        "niveaus": array(STR),
        "gemeenten": array(obj({"cbs": STR, "slug": STR, "naam": STR, **PARTICIPATION})),
    }
)
GEMEENTE_FACTS = obj(
    {
        "cbs": STR,
        "slug": STR,
        "naam": STR,
        "website": nullable(STR),
        "toegang": TEAMS,
        "aanbieders": INT,
        "diensten": array(
            obj({"code": STR, "wet": {"enum": ["jeugd", "wmo"]}, "naam": NL_EN, **PARTICIPATION})
        ),
    }
)
