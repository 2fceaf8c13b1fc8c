"""The quality-and-results block: which figure to show, in which state, and the regional
reference beside it.

Honesty rules (REGISTER.md, DESIGN.md): below the minimum n there is no number, only
"te weinig gegevens (n = 6)"; a missing figure is "geen gegevens", never 0; a figure
whose period ended more than two years ago is marked as old.
"""
from __future__ import annotations

import datetime as dt
import statistics
from dataclasses import dataclass
from typing import Iterable, Optional

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.domain.models import Aanbieder, Indicator, Kwaliteitscijfer
from app.search.catalog import Figure

OLD_AFTER_YEARS = 2

# (indicator, dienst or None for the provider as a whole, eenheid)
ReferenceKey = tuple[str, Optional[str], str]


@dataclass(frozen=True)
class Reference:
    """The regional reference: the median over providers, and over how many."""

    median: float
    providers: int


@dataclass(frozen=True)
class FigureRow:
    """One line of the block: an indicator (for the provider or one service)."""

    indicator: str
    dienst: Optional[str]
    hoger_is_beter: bool
    figure: Optional[Figure]
    state: str  # "ok" | "te_weinig_gegevens" | "geen_gegevens"
    old: bool
    reference: Optional[Reference]

    @property
    def bar(self) -> Optional[float]:
        """The value on a 0-100 scale for the bar (a mark of 8,1 draws as 81)."""
        return self.figure.comparable() if self.state == "ok" and self.figure else None


def _figure(row: Kwaliteitscijfer) -> Figure:
    return Figure(row.indicator_code, row.waarde, row.eenheid, row.aantal, row.periode_van,
                  row.periode_tot, row.bron)


def latest_figures(rows: Iterable[Kwaliteitscijfer]) -> dict[tuple[str, str, Optional[str]], Figure]:
    """Per (provider, indicator, dienst) the figure with the newest period."""
    latest: dict[tuple[str, str, Optional[str]], Figure] = {}
    for row in rows:
        key = (row.aanbieder_id, row.indicator_code, row.dienst_code)
        if key not in latest or row.periode_tot > latest[key].periode_tot:
            latest[key] = _figure(row)
    return latest


def regional_references(session: Session, minimum_n: int) -> dict[ReferenceKey, Reference]:
    """Median per indicator, service and unit over the providers in the register, using
    each provider's newest figure that has at least `minimum_n` behind it (a figure
    too small to show is too small to compare with)."""
    rows = session.scalars(
        select(Kwaliteitscijfer).join(Aanbieder).where(Aanbieder.uit_register_sinds.is_(None)))
    values: dict[ReferenceKey, list[float]] = {}
    for (_, indicator, dienst), figure in latest_figures(rows).items():
        if figure.aantal >= minimum_n:
            values.setdefault((indicator, dienst, figure.eenheid), []).append(figure.waarde)
    return {key: Reference(statistics.median(found), len(found)) for key, found in values.items()}


def is_old(figure: Figure, today: dt.date) -> bool:
    """The measuring period ended more than two years before today."""
    try:
        limit = today.replace(year=today.year - OLD_AFTER_YEARS)
    except ValueError:  # 29 February
        limit = today.replace(year=today.year - OLD_AFTER_YEARS, day=28)
    return figure.periode_tot < limit


def provider_rows(session: Session, aanbieder_id: str, references: dict[ReferenceKey, Reference],
                  today: dt.date, minimum_n: int) -> list[FigureRow]:
    """The block for one provider: every national indicator (as "geen gegevens" when
    missing), then any other indicator it has figures for; per service where given."""
    indicators = list(session.scalars(select(Indicator).order_by(Indicator.code)))
    order = {code: i for i, code in enumerate(("clienttevredenheid", "doelrealisatie", "uitval"))}
    indicators.sort(key=lambda i: (order.get(i.code, len(order)), i.code))
    latest = latest_figures(session.scalars(
        select(Kwaliteitscijfer).where(Kwaliteitscijfer.aanbieder_id == aanbieder_id)))
    rows: list[FigureRow] = []
    for indicator in indicators:
        found = sorted(((dienst, f) for (_, code, dienst), f in latest.items() if code == indicator.code),
                       key=lambda item: (item[0] is not None, item[0] or ""))
        if not found and indicator.landelijk:
            rows.append(FigureRow(indicator.code, None, indicator.hoger_is_beter, None,
                                  "geen_gegevens", False, None))
        for dienst, figure in found:
            state = "ok" if figure.aantal >= minimum_n else "te_weinig_gegevens"
            rows.append(FigureRow(indicator.code, dienst, indicator.hoger_is_beter, figure, state,
                                  is_old(figure, today),
                                  references.get((indicator.code, dienst, figure.eenheid))))
    return rows
