"""Availability as pages show it: what counts for the search a result card belongs to,
a source in the visitor's language, and the geometry of the small trend on the
provider page (the numbers are always in the text as well)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from flask_babel import gettext

from app.domain.availability import REGISTER_SOURCE, Availability, effective, summary
from app.search import live_catalog
from app.search.finder import matching_services

TREND_WIDTH, TREND_HEIGHT = 120, 36


def availability_for(provider: Any, params: Any) -> Availability:
    """What counts for a result of this search: the provider's services that answer it,
    in the chosen gemeente (any when none is chosen)."""
    catalog = live_catalog()
    if catalog is None:
        return provider.beschikbaarheid
    wanted = set(matching_services(provider, params, catalog))
    pairs = [
        (code, cbs)
        for code, cbs in provider.contracted
        if code in wanted and params.g in (None, cbs)
    ]
    if not pairs:
        return provider.beschikbaarheid
    return summary(effective(provider.scopes, code, cbs) for code, cbs in pairs)


def source_name(bron: str) -> str:
    """Where a measurement comes from, in the visitor's language."""
    return gettext("contractregister") if bron == REGISTER_SOURCE else bron


@dataclass(frozen=True)
class TrendPoint:
    x: float
    y: float
    peildatum: dt.date
    weken: int


def trend_points(trend: list[tuple[dt.date, int]]) -> list[TrendPoint]:
    """Where each measurement goes in a TREND_WIDTH x TREND_HEIGHT picture: evenly spaced,
    0 weeks at the bottom, the longest wait of the series near the top."""
    if not trend:
        return []
    top = max(max(weeks for _, weeks in trend), 1)
    step = (TREND_WIDTH - 8) / max(len(trend) - 1, 1)
    return [
        TrendPoint(
            round(4 + i * step, 1),
            round(TREND_HEIGHT - 4 - weeks / top * (TREND_HEIGHT - 8), 1),
            day,
            weeks,
        )
        for i, (day, weeks) in enumerate(trend)
    ]
