"""Schemas of the lists: the providers of a search, the reference lists, the register,
the error and the one response shape (envelope), and the HSDS export."""

from __future__ import annotations

from typing import Any

from app.opendata.schemas.base import (
    AVAILABILITY,
    BOOL,
    COUNTS,
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
from app.search.params import SEARCH_PARAMETERS

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
    # The provider's services that answer this search (as the result card shows them),
    # the one it was found through first.
    "diensten": array(STR),
    # When the register last changed the provider's data, and last confirmed it.
    "gegevens_gewijzigd_op": {"type": ["string", "null"], "format": "date"},
    "gegevens_gecontroleerd_op": {"type": ["string", "null"], "format": "date"},
    # The newest waiting time and answer on new clients, with date, source and age.
    "beschikbaarheid": AVAILABILITY,
}


def provider_schema(key_indicators: tuple[str, ...]) -> dict[str, Any]:
    """A provider of the list, with a figure (or null) for each key indicator, as its
    result card shows them, and what each figure is about: a service code, or null for
    the provider as a whole."""
    return obj(
        {
            **PROVIDER_FIELDS,
            "cijfers": obj({code: ref("Figure") for code in key_indicators}),
            "cijfers_dienst": obj({code: nullable(STR) for code in key_indicators}),
        }
    )


# The words residents type, per language code (nl and en always; more languages later).
WORDS = {
    "type": "object",
    "properties": {"nl": array(STR), "en": array(STR)},
    "additionalProperties": array(STR),
    "required": ["nl", "en"],
}

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
        "zoekwoorden": WORDS,
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
        "toegang": TEAMS,
    }
)

THEME = obj({"code": STR, "label": NL_EN, "zoekwoorden": WORDS})


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
        # Typo help: some words were searched in another spelling (fuzzy); a spelling in
        # the response's language that finds something ("Did you mean").
        "suggestion": nullable(STR),
        "fuzzy": BOOL,
        # Words were given but cannot be searched for a moment (the index is being
        # rebuilt): then no provider is listed as matching them; try again shortly.
        "text_unavailable": BOOL,
        # What the words name: services (d) and themes (t), strongest first; the strongest
        # come with the search by that filter instead of those words, and its total.
        "recognised": array(
            obj(
                {
                    "parameter": {"enum": ["d", "t"]},
                    "code": STR,
                    "words": array(STR),
                    "strength": {"enum": ["phrase", "words", "word"]},
                    "offer": {"oneOf": [obj({"query": STR, "total": INT}), {"type": "null"}]},
                }
            )
        ),
        # Words for which nothing was found: the search went on with the others.
        "unmatched": array(STR),
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
    "metadata",
)
HSDS_DOCUMENT = obj({name: array({"type": "object", "required": ["id"]}) for name in HSDS_TABLES})
