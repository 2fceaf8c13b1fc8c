"""JSON Schemas of what the API returns, for the OpenAPI description (app/opendata/spec.py).

Kept next to the dict builders in app/opendata/data.py in spirit: a field added there and
not here makes the schemathesis run in the tests fail (`additionalProperties: false`).

`base` has the building blocks, `lists` the lists and the response shape, `pages` the
JSON twins of the pages; this module is the door: the blocks the spec uses and the
named components.
"""

from __future__ import annotations

from typing import Any

from app.opendata.schemas.base import STR, array, obj, ref
from app.opendata.schemas.lists import (
    ERROR,
    FIGURE,
    GEMEENTE,
    HSDS_DOCUMENT,
    INDICATOR,
    PAGE_LINKS,
    PROVIDER_META,
    REGISTER,
    REGISTER_META,
    SERVICE,
    THEME,
    envelope,
    provider_schema,
)
from app.opendata.schemas.pages import (
    FIGURE_ROW,
    GEMEENTE_FACTS,
    PROVIDER_DETAIL,
    PROVIDER_HISTORY,
    SERVICE_FACTS,
)

__all__ = ["STR", "array", "components", "envelope", "obj", "ref"]

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
    "ProviderHistory": PROVIDER_HISTORY,
    "FigureRow": FIGURE_ROW,
    "ServiceFacts": SERVICE_FACTS,
    "GemeenteFacts": GEMEENTE_FACTS,
}


def components(key_indicators: tuple[str, ...]) -> dict[str, Any]:
    """The named schemas; the provider's figures follow the reference data's key indicators."""
    return {**COMPONENTS, "Provider": provider_schema(key_indicators)}
