"""The quality-and-results block: which figure to show, in which state, and the regional
reference beside it.

How each figure is shown (too few clients, missing, old) is decided by
app.domain.figures.show, not here.
"""

from __future__ import annotations

import datetime as dt
import statistics
from collections.abc import Iterable
from dataclasses import dataclass

from sqlalchemy import select

from app.domain.figures import Figure, ShownFigure, enough_clients, show
from app.domain.models import Aanbieder, Indicator, Kwaliteitscijfer
from app.extensions import DbSession

# (indicator, dienst or None for the provider as a whole, eenheid)
ReferenceKey = tuple[str, str | None, str]


@dataclass(frozen=True)
class Reference:
    """The regional reference: the median over providers, and over how many."""

    median: float
    providers: int


@dataclass(frozen=True)
class FigureRow:
    """One line of the block: an indicator (for the provider or one service), shown as
    the rule in app.domain.figures decides."""

    indicator: str
    dienst: str | None
    hoger_is_beter: bool
    shown: ShownFigure
    reference: Reference | None

    @property
    def figure(self) -> Figure | None:
        return self.shown.figure

    @property
    def state(self) -> str:
        return self.shown.state

    @property
    def old(self) -> bool:
        return self.shown.old

    @property
    def bar(self) -> float | None:
        """The value on a 0-100 scale for the bar (a mark of 8,1 draws as 81)."""
        return self.shown.comparable


def latest_figures(rows: Iterable[Kwaliteitscijfer]) -> dict[tuple[str, str, str | None], Figure]:
    """Per (provider, indicator, dienst) the figure with the newest period."""
    latest: dict[tuple[str, str, str | None], Figure] = {}
    for row in rows:
        key = (row.aanbieder_id, row.indicator_code, row.dienst_code)
        if key not in latest or row.periode_tot > latest[key].periode_tot:
            latest[key] = Figure.from_row(row)
    return latest


def regional_references(session: DbSession, minimum_n: int) -> dict[ReferenceKey, Reference]:
    """Median per indicator, service and unit over the providers in the register, using
    each provider's newest figure that has at least `minimum_n` behind it (a figure
    too small to show is too small to compare with)."""
    rows = session.scalars(
        select(Kwaliteitscijfer).join(Aanbieder).where(Aanbieder.uit_register_sinds.is_(None))
    )
    values: dict[ReferenceKey, list[float]] = {}
    for (_, indicator, dienst), figure in latest_figures(rows).items():
        if enough_clients(figure, minimum_n):
            values.setdefault((indicator, dienst, figure.eenheid), []).append(figure.waarde)
    return {key: Reference(statistics.median(found), len(found)) for key, found in values.items()}


def provider_rows(
    session: DbSession,
    aanbieder_id: str,
    references: dict[ReferenceKey, Reference],
    today: dt.date,
    minimum_n: int,
    key_indicators: tuple[str, ...],
) -> list[FigureRow]:
    """The block for one provider: every key indicator (the national ones, as "geen
    gegevens" when missing), then any other indicator it has figures for; per service
    where given."""
    indicators = list(session.scalars(select(Indicator).order_by(Indicator.code)))
    order = {code: i for i, code in enumerate(key_indicators)}
    indicators.sort(key=lambda i: (order.get(i.code, len(order)), i.code))
    latest = latest_figures(
        session.scalars(
            select(Kwaliteitscijfer).where(Kwaliteitscijfer.aanbieder_id == aanbieder_id)
        )
    )
    rows: list[FigureRow] = []
    for indicator in indicators:
        found = sorted(
            (f for (_, code, _), f in latest.items() if code == indicator.code),
            key=lambda f: (f.dienst is not None, f.dienst or ""),
        )
        if not found and indicator.code in order:
            rows.append(
                FigureRow(
                    indicator.code,
                    None,
                    indicator.hoger_is_beter,
                    show(None, minimum_n, today),
                    None,
                )
            )
        for figure in found:
            rows.append(
                FigureRow(
                    indicator.code,
                    figure.dienst,
                    indicator.hoger_is_beter,
                    show(figure, minimum_n, today),
                    references.get((indicator.code, figure.dienst, figure.eenheid)),
                )
            )
    return rows
