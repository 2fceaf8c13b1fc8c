"""The building blocks of the API's JSON Schemas: scalar types and closed objects."""

from __future__ import annotations

from typing import Any

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

# A gemeente's access teams, per law, with the page each came from and the date seen.
TEAM = obj(
    {
        name: nullable(STR)
        for name in ("naam", "telefoon", "uren", "website", "email", "bron", "gezien")
    }
)
TEAMS = obj({"jeugd": TEAM, "wmo": TEAM})
# Availability (app/opendata/availability.py): a measured value with its date and source.
MEASURED = {
    "anyOf": [
        obj(
            {
                "waarde": {"type": ["integer", "string"]},
                "peildatum": {"type": ["string", "null"], "format": "date"},
                "bron": STR,
                "oud": BOOL,
            }
        ),
        {"type": "null"},
    ]
}
AVAILABILITY = obj({"wachttijd": MEASURED, "nieuwe_clienten": MEASURED})
SERVICE_AVAILABILITY = obj(
    {
        "dienst": STR,
        "gemeenten": array(
            obj({"gemeenten": array(STR), "wachttijd": MEASURED, "nieuwe_clienten": MEASURED})
        ),
        "trend": array(obj({"peildatum": DATE, "weken": INT})),
    }
)
