"""Availability as pages show it (what counts for a result card is in app/search/cards.py):
a source in the visitor's language, and the geometry of the small trend on the
provider page (the numbers are always in the text as well)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from flask_babel import format_date, gettext
from markupsafe import Markup

from app.domain import clock
from app.domain.availability import REGISTER_SOURCE, Availability, Value
from app.web.i18n import ngettext

TREND_WIDTH, TREND_HEIGHT = 120, 36


def source_name(bron: str) -> str:
    """Where a measurement comes from, in the visitor's language."""
    return gettext("contractregister") if bron == REGISTER_SOURCE else bron


def measured(value: Value) -> Markup:
    """When and by whom a value was measured, and "oud" after six weeks."""
    when = ""
    if value.peildatum:
        when = gettext("gemeten %(datum)s", datum=format_date(value.peildatum)) + ", "
    source = gettext("bron: %(bron)s", bron=source_name(value.bron))
    note = Markup('<span class="hint">(%s%s)</span>') % (when, source)
    if value.old(clock.today()):
        note += Markup(' <span class="old">%s</span>') % gettext("oud")
    return note


def waiting_time(a: Availability) -> Markup:
    """The newest waiting time, with its date and source ("onbekend" without one)."""
    if a.wachttijd is None:
        return Markup("%s") % gettext("onbekend")
    weeks = a.wachttijd.waarde
    return Markup("%s %s") % (
        ngettext("%(num)s week", "%(num)s weken", weeks),
        measured(a.wachttijd),
    )


def new_clients(a: Availability) -> Markup:
    """The newest answer on new clients, with its date and source."""
    n = a.nieuw
    if n is None:
        return Markup("%s") % gettext("onbekend")
    if n.waarde == "ja":
        answer = gettext("Neemt nieuwe cliënten aan")
    elif n.waarde == "wachtlijst":
        answer = gettext("Wachtlijst")
    else:
        answer = gettext("Neemt nu geen nieuwe cliënten aan")
    return Markup("%s %s") % (answer, measured(n))


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
