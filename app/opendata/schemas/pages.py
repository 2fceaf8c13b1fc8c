"""Schemas of the JSON twins of the provider, service and gemeente pages
(app/opendata/data.py, app/search/facts.py)."""

from __future__ import annotations

from app.opendata.schemas.base import (
    AVAILABILITY,
    BOOL,
    DATE,
    INT,
    NL_EN,
    NUM,
    SERVICE_AVAILABILITY,
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
        "gewijzigd_op": NULLABLE_DATE,
        "gecontroleerd_op": NULLABLE_DATE,
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
        "gegevens_gewijzigd_op": NULLABLE_DATE,
        "gegevens_gecontroleerd_op": NULLABLE_DATE,
        "geschiedenis": STR,
        "beschikbaarheid": AVAILABILITY,
        "beschikbaarheid_per_dienst": array(SERVICE_AVAILABILITY),
    }
)
CHANGE_KINDS = [
    "in_register",
    "terug_in_register",
    "uit_register",
    "gegevens",
    "dienst_erbij",
    "dienst_eraf",
    "contract_status",
    "contract_periode",
    "niveaus",
    "gemeente_erbij",
    "gemeente_eraf",
    "cijfer_nieuw",
    "cijfer_weg",
]
PROVIDER_HISTORY = obj(
    {
        "id": STR,
        "naam": STR,
        "pad": STR,
        "gegevens_gewijzigd_op": NULLABLE_DATE,
        "gegevens_gecontroleerd_op": NULLABLE_DATE,
        "imports": array(
            obj(
                {
                    "run": INT,
                    "datum": DATE,
                    "soort": {"enum": ["register", "beschikbaarheid"]},
                    "bestand": STR,
                    "wijzigingen": array(
                        obj(
                            {
                                "soort": {"enum": CHANGE_KINDS},
                                **{k: nullable(STR) for k in ("veld", "dienst", "gemeente")},
                                **{k: nullable(STR) for k in ("oud", "nieuw")},
                                "tekst": STR,
                            }
                        )
                    ),
                    "metingen": array(
                        obj(
                            {
                                "dienst": nullable(STR),
                                "gemeente": nullable(STR),
                                "wachttijd_weken": nullable(INT),
                                "neemt_nieuwe_clienten": {
                                    "enum": ["ja", "nee", "wachtlijst", None]
                                },
                                "peildatum": DATE,
                                "bron": STR,
                                "tekst": STR,
                            }
                        )
                    ),
                }
            )
        ),
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
