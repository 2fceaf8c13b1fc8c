"""The one rule for what a measured figure may show (DESIGN.md §3, REGISTER.md `kwaliteit`).

- below the minimum n there is no number, only "te weinig gegevens (n = 6)";
- a missing figure is "geen gegevens", never 0;
- a figure whose period ended more than two years ago is marked "oud cijfer".

`show` decides; everything that shows a figure (provider page, result cards, comparison,
the finder's figure sorts, CSV, HSDS and the API) asks it instead of deciding again.
A result card shows the figures of the service it was found through, or the provider's
overall figures, and says which (`card_figures`).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from typing import Any, Literal

OLD_AFTER_YEARS = 2

State = Literal["ok", "te_weinig_gegevens", "geen_gegevens"]


@dataclass(frozen=True)
class Figure:
    """One measured figure: value, unit, n, period and source (as in the register)."""

    indicator: str
    dienst: str | None  # None: about the provider as a whole
    waarde: float
    eenheid: str  # "procent" or "cijfer"
    aantal: int
    periode_van: dt.date
    periode_tot: dt.date
    bron: str
    ingevoerd_run_id: int | None = None  # the import that brought it: "gewijzigd op"

    @classmethod
    def from_row(cls, row: Any) -> Figure:
        """From a stored `Kwaliteitscijfer` row."""
        return cls(
            row.indicator_code,
            row.dienst_code,
            row.waarde,
            row.eenheid,
            row.aantal,
            row.periode_van,
            row.periode_tot,
            row.bron,
            row.ingevoerd_run_id,
        )

    def comparable(self) -> float:
        """A 0-100 value for sorting and bars (a mark of 8,1 counts as 81 %)."""
        return self.waarde * 10 if self.eenheid == "cijfer" else self.waarde


@dataclass(frozen=True)
class ShownFigure:
    """How a figure may be shown: its state, the figure behind it (None when missing)
    and whether it is old. Only in state "ok" does it have a value."""

    state: State
    figure: Figure | None
    old: bool

    @property
    def value(self) -> float | None:
        """The number to show, or None when there may be none."""
        return self.figure.waarde if self.state == "ok" and self.figure else None

    @property
    def comparable(self) -> float | None:
        """The value on a 0-100 scale (for bars and sorts), or None without a value."""
        return self.figure.comparable() if self.state == "ok" and self.figure else None


MISSING = ShownFigure("geen_gegevens", None, False)


def rounded(value: float, decimals: int = 0) -> Decimal:
    """A figure rounded as people round: half up (60,5 -> 61; 87,25 -> 87,3), where
    Python's round() rounds half to even and trips on binary fractions (round(87.25, 1)
    gives 87,2). Every figure shown to a visitor is rounded here."""
    return Decimal(str(value)).quantize(Decimal(1).scaleb(-decimals), rounding=ROUND_HALF_UP)


def enough_clients(figure: Figure, minimum_n: int) -> bool:
    """The figure rests on at least `minimum_n` clients, so its number may be shown."""
    return figure.aantal >= minimum_n


def is_old(figure: Figure, today: dt.date) -> bool:
    """The measuring period ended more than OLD_AFTER_YEARS years before today."""
    try:
        limit = today.replace(year=today.year - OLD_AFTER_YEARS)
    except ValueError:  # today is 29 February and that year has none: its 28 February
        limit = today.replace(year=today.year - OLD_AFTER_YEARS, day=28)
    return figure.periode_tot < limit


def show(figure: Figure | None, minimum_n: int, today: dt.date) -> ShownFigure:
    """Decide how `figure` (None when missing) may be shown on `today`."""
    if figure is None:
        return MISSING
    state: State = "ok" if enough_clients(figure, minimum_n) else "te_weinig_gegevens"
    return ShownFigure(state, figure, is_old(figure, today))


def headline(figures: Iterable[Figure]) -> Figure | None:
    """The one figure of an indicator to show where there is room for one (a result card,
    a comparison cell): the provider-wide figure if there is one, else one about a
    service; the newest period wins."""
    return max(figures, key=lambda f: (f.dienst is None, f.periode_tot), default=None)


def newest(figures: Iterable[Figure]) -> Figure | None:
    """The figure with the most recent period."""
    return max(figures, key=lambda f: f.periode_tot, default=None)


Scoped = Mapping[str | None, Mapping[str, ShownFigure]]  # scope -> indicator -> shown
CardLine = tuple[str | None, ShownFigure]  # what a figure is about (None: the whole provider)


def card_figures(
    scoped: Scoped, services: Sequence[str], named: bool, indicators: Iterable[str]
) -> tuple[str | None, dict[str, CardLine]]:
    """The figures of a result card, for a provider shown with `services` (those that
    answer the search, the one it was found through first; `named`: the search asked for
    a service). Per indicator the figure and what it is about (a service, None: the
    provider as a whole): that service's own figure, else the provider's overall one;
    without a service, the overall figure, else the first of the services' figures. Also
    what most of the figures are about, which the card says once. `scoped` holds the
    newest shown figure per scope and indicator."""
    primary = services[0] if services and (named or len(services) == 1) else None
    order: list[str | None] = [primary, None] if primary else [None, *services]
    lines: dict[str, CardLine] = {}
    for indicator in indicators:
        scope = next((s for s in order if indicator in scoped.get(s, {})), order[0])
        lines[indicator] = (scope, scoped.get(scope, {}).get(indicator, MISSING))
    shown = [scope for scope, figure in lines.values() if figure.figure is not None]
    about = max(order, key=shown.count) if shown else order[0]
    return about, lines


def figure_json(shown: ShownFigure) -> dict[str, Any] | None:
    """A shown figure for the API, the CSV and HSDS: None when missing; below the minimum
    n with n, period and source but without value and unit."""
    figure = shown.figure
    if figure is None:
        return None
    base = {
        "aantal": figure.aantal,
        "periode_van": figure.periode_van.isoformat(),
        "periode_tot": figure.periode_tot.isoformat(),
        "bron": figure.bron,
    }
    if shown.state != "ok":
        return {"status": shown.state, **base}
    return {"status": "ok", "waarde": figure.waarde, "eenheid": figure.eenheid, **base}
