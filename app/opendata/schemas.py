"""JSON Schemas of what the API returns, for the OpenAPI description (app/opendata/spec.py).

Kept next to the dict builders in app/opendata/data.py in spirit: a field added there and
not here makes the schemathesis run in the tests fail (`additionalProperties: false`).
"""

from __future__ import annotations

from typing import Any

from app.search.params import SEARCH_PARAMETERS

STR, INT, NUM, BOOL = (
    {"type": "string"},
    {"type": "integer"},
    {"type": "number"},
    {"type": "boolean"},
)


def nullable(schema: dict[str, Any]) -> dict[str, Any]:
    return {**schema, "type": [schema["type"], "null"]}


def obj(properties: dict[str, Any], required: list[str] | None = None) -> dict[str, Any]:
    """A closed object: every listed property is always present unless said otherwise."""
    return {
        "type": "object",
        "properties": properties,
        "additionalProperties": False,
        "required": list(properties) if required is None else required,
    }


def array(items: dict[str, Any]) -> dict[str, Any]:
    return {"type": "array", "items": items}


def ref(name: str) -> dict[str, str]:
    return {"$ref": f"#/components/schemas/{name}"}


NL_EN = obj({"nl": STR, "en": STR})
DATE = {"type": "string", "format": "date"}
COUNTS = {"type": "object", "additionalProperties": INT}

FIGURE = {
    "oneOf": [
        obj(
            {
                "status": {"const": "ok"},
                "waarde": NUM,
                "eenheid": {"enum": ["procent", "cijfer"]},
                "aantal": INT,
                "periode_van": DATE,
                "periode_tot": DATE,
                "bron": STR,
            }
        ),
        obj(
            {
                "status": {"const": "te_weinig_gegevens"},
                "aantal": INT,
                "periode_van": DATE,
                "periode_tot": DATE,
                "bron": STR,
            }
        ),
        {"type": "null"},
    ]
}

PROVIDER_FIELDS = {
    "id": STR,
    "naam": STR,
    "omschrijving": nullable(STR),
    "leeftijd_min": nullable(INT),
    "leeftijd_max": nullable(INT),
    "wachttijd_weken": nullable(INT),
    "wachttijd_peildatum": {"type": ["string", "null"], "format": "date"},
    "nieuwe_clienten": {"enum": ["ja", "nee", "wachtlijst", None]},
    "hulp_op_afstand": nullable(BOOL),
    "huisbezoek": nullable(BOOL),
    "rolstoeltoegankelijk": nullable(BOOL),
    "talen": array(STR),
    "themas": array(STR),
    "contracten": array(obj({"dienst": STR, "gemeenten": array(STR)})),
    "locaties": array(
        obj(
            {
                "plaats": nullable(STR),
                "gemeente": nullable(STR),
                "lat": nullable(NUM),
                "lon": nullable(NUM),
            }
        )
    ),
    # The provider's services that answer this search (as the result card shows them).
    "diensten": array(STR),
}


def provider_schema(key_indicators: tuple[str, ...]) -> dict[str, Any]:
    """A provider of the list, with a figure (or null) for each key indicator."""
    return obj(
        {**PROVIDER_FIELDS, "cijfers": obj({code: ref("Figure") for code in key_indicators})}
    )


SERVICE = obj(
    {
        "code": STR,
        "wet": {"enum": ["jeugd", "wmo"]},
        "taxonomie": STR,
        "niveaus": array(STR),
        "segment": obj({"code": STR, "naam": NL_EN}),
        "naam": NL_EN,
        "uitleg": NL_EN,
        "voor_wie": NL_EN,
        "deelname_afwijkend": array(
            obj({"gemeente": STR, "soort": {"enum": ["lokaal", "deels"]}, "toelichting": NL_EN})
        ),
    }
)

GEMEENTE = obj(
    {
        "cbs": {"type": "string", "pattern": "^[0-9]{4}$"},
        "naam": STR,
        "slug": STR,
        "lat": NUM,
        "lon": NUM,
        "website": nullable(STR),
        "toegang": obj(
            {"naam": nullable(STR), "telefoon": nullable(STR), "website": nullable(STR)}
        ),
    }
)

THEME = obj({"code": STR, "label": NL_EN, "synoniemen": array(STR)})

# The JSON twins of the provider, service and gemeente pages (app/opendata/data.py,
# app/search/facts.py).
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
        "toegang": obj(
            {"naam": nullable(STR), "telefoon": nullable(STR), "website": nullable(STR)},
            required=[],
        ),
        "aanbieders": INT,
        "diensten": array(
            obj({"code": STR, "wet": {"enum": ["jeugd", "wmo"]}, "naam": NL_EN, **PARTICIPATION})
        ),
    }
)

INDICATOR = obj(
    {
        "code": STR,
        "naam": NL_EN,
        "eenheden": array(STR),
        "hoger_is_beter": BOOL,
        "landelijk": BOOL,
        "uitleg": NL_EN,
    }
)

REGISTER_META = {
    "oneOf": [
        obj(
            {
                "version": INT,
                "published_at": {"type": "string", "format": "date-time"},
                "fictief": BOOL,
            }
        ),
        {"type": "null"},
    ]
}

REGISTER = obj(
    {
        "version": INT,
        "published_at": {"type": "string", "format": "date-time"},
        "fictief": BOOL,
        "import_id": INT,
        "bestandsnaam": nullable(STR),
        "checksum": nullable(STR),
        "aantallen": COUNTS,
        "minimum_n": INT,
    }
)

ERROR = obj(
    {
        "error": obj(
            {"status": INT, "message": STR, "details": array(obj({"parameter": STR, "value": STR}))}
        )
    }
)

LINK = {"type": ["string", "null"], "format": "uri-reference"}
PAGE_LINKS = obj({k: LINK for k in ("self", "first", "last", "prev", "next")})

PROVIDER_META = obj(
    {
        "register": ref("RegisterMeta"),
        "total": INT,
        "page": INT,
        "pages": INT,
        "page_size": INT,
        "sort": STR,
        "query": STR,
        "facets": {"type": "object", "additionalProperties": COUNTS},
        "participation": array(obj({"dienst": STR, "deelname": {"enum": ["lokaal", "deels"]}})),
        # Typo help: the words were not found as given (fuzzy), or a better spelling exists.
        "suggestion": nullable(STR),
        "fuzzy": BOOL,
        # With no result: how many there would be without each choice.
        "without": array(obj({"parameter": {"enum": list(SEARCH_PARAMETERS)}, "total": INT})),
    },
    required=["register", "total", "page", "pages", "page_size"],
)


def envelope(
    data: dict[str, Any], meta: dict[str, Any] | None = None, links: dict[str, Any] | None = None
) -> dict[str, Any]:
    """The one response shape: data, meta, links."""
    default_meta = obj({"register": ref("RegisterMeta"), "total": INT}, required=["register"])
    return obj(
        {
            "data": data,
            "meta": meta or default_meta,
            "links": links or {"type": "object", "additionalProperties": LINK},
        }
    )


# HSDS tables as arrays of objects; the records themselves follow the official HSDS 3.0
# schemas (checked by tools/check_hsds.py), not repeated here.
HSDS_TABLES = (
    "taxonomy",
    "taxonomy_term",
    "organization",
    "organization_identifier",
    "phone",
    "contact",
    "location",
    "address",
    "service",
    "service_area",
    "service_at_location",
    "language",
    "attribute",
)
HSDS_DOCUMENT = obj({name: array({"type": "object", "required": ["id"]}) for name in HSDS_TABLES})

# Without "Provider": its figures depend on the reference data, see `components`.
COMPONENTS = {
    "Figure": FIGURE,
    "Service": SERVICE,
    "Gemeente": GEMEENTE,
    "Theme": THEME,
    "Indicator": INDICATOR,
    "RegisterMeta": REGISTER_META,
    "Register": REGISTER,
    "Error": ERROR,
    "PageLinks": PAGE_LINKS,
    "ProviderListMeta": PROVIDER_META,
    "HsdsDocument": HSDS_DOCUMENT,
    "ProviderDetail": PROVIDER_DETAIL,
    "FigureRow": FIGURE_ROW,
    "ServiceFacts": SERVICE_FACTS,
    "GemeenteFacts": GEMEENTE_FACTS,
}


def components(key_indicators: tuple[str, ...]) -> dict[str, Any]:
    """The named schemas; the provider's figures follow the reference data's key indicators."""
    return {**COMPONENTS, "Provider": provider_schema(key_indicators)}
