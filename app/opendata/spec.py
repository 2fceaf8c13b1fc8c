"""The OpenAPI 3.1 description of /api/v1/, served at /api/v1/openapi.json.

The search parameters come from the grammar's table (app/search/params.py) and the
reference data, so the description says what the API accepts.
"""

from __future__ import annotations

from typing import Any

from app.opendata import schemas as s
from app.search import live_reference
from app.search.params import INTEGER, NUMBER, ONE, PAGE, PARAMETERS, TEXT, Parameter

CONDITIONAL_HEADERS = {
    "ETag": {
        "description": "Register version and day; send it back as If-None-Match.",
        "schema": s.STR,
    },
    "Last-Modified": {
        "description": "Publication time of the register (or the start of "
        "today, when contract truth last changed).",
        "schema": s.STR,
    },
}


def _query(name: str, schema: dict[str, Any], description: str) -> dict[str, Any]:
    param: dict[str, Any] = {
        "name": name,
        "in": "query",
        "required": False,
        "schema": schema,
        "description": description,
    }
    if schema.get("type") == "array":
        param.update(style="form", explode=True)
    return param


def parameter_schema(param: Parameter, ref: Any) -> dict[str, Any]:
    """The JSON Schema of one search parameter, read from the grammar's table."""
    if param.kind == TEXT:
        return {"type": "string", "maxLength": param.max_length}
    if param.kind in (INTEGER, PAGE, NUMBER):
        kind = "number" if param.kind == NUMBER else "integer"
        return {"type": kind, "minimum": param.minimum, "maximum": param.maximum}
    value: dict[str, Any] = {"type": "string"}
    if param.pattern:
        value["pattern"] = param.pattern
    else:
        value["enum"] = param.allowed(ref)
    return value if param.kind == ONE else {"type": "array", "items": value}


def _provider_parameters() -> list[dict[str, Any]]:
    ref = live_reference()
    return [
        _query(param.name, parameter_schema(param, ref), param.description)
        for param in PARAMETERS
        if not param.page_only
    ]


def _json(schema: dict[str, Any], description: str, conditional: bool = True) -> dict[str, Any]:
    response: dict[str, Any] = {
        "description": description,
        "content": {"application/json": {"schema": schema}},
    }
    if conditional:
        response["headers"] = CONDITIONAL_HEADERS
    return response


ERROR_400 = _json(s.ref("Error"), "A parameter is unknown or has an invalid value.", False)
ERROR_404 = _json(s.ref("Error"), "Nothing published yet, or no such resource.", False)
NOT_MODIFIED = {"description": "Not modified since the ETag / date the client sent."}


def _get(
    summary: str,
    ok: dict[str, Any],
    parameters: list[dict[str, Any]] | None = None,
    tag: str = "register",
) -> dict[str, Any]:
    return {
        "get": {
            "summary": summary,
            "tags": [tag],
            "parameters": parameters or [],
            "responses": {"200": ok, "304": NOT_MODIFIED, "400": ERROR_400, "404": ERROR_404},
        }
    }


def _list(name: str, summary: str) -> dict[str, Any]:
    return _get(summary, _json(s.envelope(s.array(s.ref(name))), summary))


def _item(name: str, key: str, summary: str) -> dict[str, Any]:
    operation = _get(summary, _json(s.envelope(s.ref(name)), summary))
    operation["get"]["parameters"] = [
        {"name": key, "in": "path", "required": True, "schema": {"type": "string", "minLength": 1}}
    ]
    return operation


def _download(media: str, schema: dict[str, Any], summary: str) -> dict[str, Any]:
    ok = {
        "description": summary,
        "headers": CONDITIONAL_HEADERS,
        "content": {media: {"schema": schema}},
    }
    return _get(summary, ok, tag="export")


def _search_paths() -> dict[str, Any]:
    """The index, the search and one provider."""
    return {
        "/api/v1/": _get(
            "Index of the API",
            _json(
                s.envelope(s.obj({"endpoints": {"type": "object", "additionalProperties": s.STR}})),
                "Links to every endpoint.",
                False,
            ),
        ),
        "/api/v1/providers": _get(
            "Contracted providers: the search page's filters, sorts and order, paginated",
            _json(
                s.envelope(
                    s.array(s.ref("Provider")), s.ref("ProviderListMeta"), s.ref("PageLinks")
                ),
                "One page of providers.",
            ),
            _provider_parameters(),
        ),
        "/api/v1/providers/{aanbieder_id}": _item(
            "ProviderDetail",
            "aanbieder_id",
            "One provider, as on its page (also when no longer contracted)",
        ),
        "/api/v1/providers/{aanbieder_id}/history": _item(
            "ProviderHistory",
            "aanbieder_id",
            "What each import changed for one provider, and its availability measurements",
        ),
    }


def _reference_paths() -> dict[str, Any]:
    """The reference lists, their items and the register."""
    return {
        "/api/v1/services": _list("Service", "The service taxonomy"),
        "/api/v1/services/{code}": _item(
            "ServiceFacts",
            "code",
            "One service: per gemeente how it is bought and by how many providers",
        ),
        "/api/v1/gemeenten": _list("Gemeente", "The 14 gemeenten and their access teams"),
        "/api/v1/gemeenten/{slug}": _item(
            "GemeenteFacts", "slug", "One gemeente: its access team and how it buys each service"
        ),
        "/api/v1/themes": _list("Theme", "Specialisation themes"),
        "/api/v1/indicators": _list("Indicator", "Quality indicators"),
        "/api/v1/register": _get(
            "The published register: date, import id, demo flag",
            _json(s.envelope(s.ref("Register")), "The live register."),
        ),
    }


def _export_paths() -> dict[str, Any]:
    """The downloads."""
    csv = {"type": "string"}
    return {
        "/api/v1/export/contracten.csv": _download(
            "text/csv", csv, "Providers x contracts, CSV for Excel (UTF-8 BOM, ';')"
        ),
        "/api/v1/export/kwaliteit.csv": _download(
            "text/csv", csv, "Quality figures, CSV for Excel (UTF-8 BOM, ';')"
        ),
        "/api/v1/export/hsds.json": _download(
            "application/json", s.ref("HsdsDocument"), "Open Referral HSDS 3.0, tabular JSON"
        ),
    }


def _paths() -> dict[str, Any]:
    """Every path, in the order of the API's index."""
    return {
        **_search_paths(),
        **_reference_paths(),
        **_export_paths(),
        "/api/v1/openapi.json": _get(
            "This description", _json({"type": "object"}, "OpenAPI 3.1.", False), tag="meta"
        ),
    }


def openapi_document() -> dict[str, Any]:
    """The whole OpenAPI 3.1 document."""
    return {
        "openapi": "3.1.0",
        "info": {
            "title": "Kies je zorgaanbieder Twente: open data",
            "version": "1.0.0",
            "description": "The contract register of the 14 Twente municipalities: contracted "
            "youth-care and Wmo providers. Read-only, no authentication, CORS "
            "open. Every response is {data, meta, links}; every error is "
            "{error: {status, message, details}}. See docs/open-data.md.",
            "license": {
                "name": "CC0 1.0 (proposed, to be confirmed by the municipalities)",
                "identifier": "CC0-1.0",
            },
        },
        "paths": _paths(),
        "components": {"schemas": s.components(live_reference().key_indicators)},
    }
