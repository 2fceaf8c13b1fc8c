"""Availability as pages show it (what counts for a result card is in app/search/cards.py):
a source in the visitor's language, and the geometry of the small trend on the
provider page (the numbers are always in the text as well)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from flask_babel import gettext

from app.domain.availability import REGISTER_SOURCE

TREND_WIDTH, TREND_HEIGHT = 120, 36


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
