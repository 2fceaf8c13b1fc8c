"""Availability: how long the wait is, and whether new clients are taken on, per
provider, service and gemeente (REGISTER.md, "The availability file").

The one rule, used by result cards, the provider page, the comparison, the filters, the
API and the exports alike:
- a measurement is about a provider, a service (None: every service) and a gemeente
  (None: every gemeente) on its `peildatum`;
- for a provider, service and gemeente, per field (waiting time, new clients) the
  newest measurement that applies counts; on the same date the more specific one, then
  the weekly file over the register, then the later import;
- the register's own waiting time (`wachttijd_peildatum`) is such a measurement, for
  every service and gemeente, so an older weekly measurement does not replace it;
- a measurement more than six weeks old is shown as old ("oud").
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import case, func, or_, select

from app.domain.models import Beschikbaarheid
from app.extensions import DbSession

OLD_AFTER = dt.timedelta(weeks=6)
REGISTER_SOURCE = "contractregister"
ACCEPTING = ("ja", "wachtlijst", "nee")  # best first


@dataclass(frozen=True)
class Value:
    """One field's value as measured: the value, its date, its source, and the import
    it came with (0: the register itself)."""

    waarde: Any
    peildatum: dt.date | None
    bron: str
    run_id: int = 0

    def old(self, today: dt.date) -> bool:
        """Measured more than six weeks before `today`."""
        return self.peildatum is not None and today - self.peildatum > OLD_AFTER


@dataclass(frozen=True)
class Scope:
    """The newest values measured for one provider, service and gemeente."""

    dienst: str | None
    gemeente: str | None
    wachttijd: Value | None = None
    nieuw: Value | None = None

    def applies_to(self, dienst: str | None, gemeente: str | None) -> bool:
        return self.dienst in (None, dienst) and self.gemeente in (None, gemeente)

    @property
    def specificity(self) -> int:
        return 2 * (self.dienst is not None) + (self.gemeente is not None)


@dataclass(frozen=True)
class Availability:
    """What counts for one provider, service and gemeente: per field the value (or None)."""

    wachttijd: Value | None = None
    nieuw: Value | None = None

    def old(self, today: dt.date) -> bool:
        return any(v is not None and v.old(today) for v in (self.wachttijd, self.nieuw))


NOTHING = Availability()


def register_scope(
    weeks: int | None, peildatum: dt.date | None, nieuwe_clienten: str | None
) -> Scope:
    """The register's own measurement: for every service and gemeente of the provider."""
    return Scope(
        None,
        None,
        Value(weeks, peildatum, REGISTER_SOURCE) if weeks is not None else None,
        Value(nieuwe_clienten, peildatum, REGISTER_SOURCE) if nieuwe_clienten else None,
    )


def _newest(scopes: Iterable[Scope], field: str) -> Value | None:
    found = [(getattr(s, field), s.specificity) for s in scopes if getattr(s, field)]
    if not found:
        return None
    best = max(found, key=lambda f: (f[0].peildatum or dt.date.min, f[1], f[0].run_id))
    value: Value = best[0]
    return value


def effective(scopes: Sequence[Scope], dienst: str | None, gemeente: str | None) -> Availability:
    """What counts for `dienst` in `gemeente` (None: any), per the rule above."""
    applying = [s for s in scopes if s.applies_to(dienst, gemeente)]
    return Availability(_newest(applying, "wachttijd"), _newest(applying, "nieuw"))


def summary(values: Iterable[Availability]) -> Availability:
    """Over several services and gemeenten: the shortest waiting time, and the best
    answer on new clients (ja, then wachtlijst, then nee)."""
    listed = list(values)
    waits = [a.wachttijd for a in listed if a.wachttijd is not None]
    news = [a.nieuw for a in listed if a.nieuw is not None]
    return Availability(
        min(
            waits, key=lambda v: (v.waarde, -(v.peildatum or dt.date.min).toordinal()), default=None
        ),
        min(news, key=lambda v: ACCEPTING.index(v.waarde), default=None),
    )


# --- reading ------------------------------------------------------------------------


def _ranked(column: Any) -> Any:
    """Per provider, service and gemeente: 1 for the newest row that fills `column`."""
    m = Beschikbaarheid
    return func.row_number().over(
        partition_by=(m.aanbieder_id, m.dienst_code, m.gemeente_cbs),
        order_by=(
            case((column.is_(None), 1), else_=0),
            m.peildatum.desc(),
            m.run_id.desc(),
            m.id.desc(),
        ),
    )


def load_scopes(session: DbSession, aanbieder_id: str | None = None) -> dict[str, list[Scope]]:
    """The newest measured values per provider (one, or all), service and gemeente."""
    m = Beschikbaarheid
    inner = select(
        m.aanbieder_id,
        m.dienst_code,
        m.gemeente_cbs,
        m.wachttijd_weken,
        m.neemt_nieuwe_clienten,
        m.peildatum,
        m.bron,
        m.run_id,
        _ranked(m.wachttijd_weken).label("rank_weeks"),
        _ranked(m.neemt_nieuwe_clienten).label("rank_new"),
    )
    if aanbieder_id is not None:
        inner = inner.where(m.aanbieder_id == aanbieder_id)
    ranked = inner.subquery()
    rows = session.execute(
        select(ranked).where(or_(ranked.c.rank_weeks == 1, ranked.c.rank_new == 1))
    )
    found: dict[tuple[str, str | None, str | None], dict[str, Value]] = defaultdict(dict)
    for aid, dienst, gemeente, weeks, new, day, bron, run_id, rank_weeks, rank_new in rows:
        values = found[(aid, dienst, gemeente)]
        if rank_weeks == 1 and weeks is not None:
            values["wachttijd"] = Value(weeks, day, bron, run_id)
        if rank_new == 1 and new is not None:
            values["nieuw"] = Value(new, day, bron, run_id)
    scopes: dict[str, list[Scope]] = defaultdict(list)
    for (aid, dienst, gemeente), values in found.items():
        scopes[aid].append(Scope(dienst, gemeente, values.get("wachttijd"), values.get("nieuw")))
    return scopes


TREND_POINTS = 8  # measurements per service on the provider page


def trends(
    session: DbSession, aanbieder_id: str, diensten: Sequence[str], own: Scope
) -> dict[str, list[tuple[dt.date, int]]]:
    """Per service, the last waiting times measured (oldest first): per date the
    shortest that applies to the service, in any gemeente; the register's own counts."""
    m = Beschikbaarheid
    rows = session.execute(
        select(m.dienst_code, m.peildatum, m.wachttijd_weken).where(
            m.aanbieder_id == aanbieder_id, m.wachttijd_weken.is_not(None)
        )
    )
    measured: list[tuple[str | None, dt.date, int]] = [
        (dienst, day, weeks) for dienst, day, weeks in rows if weeks is not None
    ]
    if own.wachttijd is not None and own.wachttijd.peildatum is not None:
        measured.append((None, own.wachttijd.peildatum, int(own.wachttijd.waarde)))
    result: dict[str, list[tuple[dt.date, int]]] = {}
    for code in diensten:
        per_day: dict[dt.date, int] = {}
        for dienst, day, weeks in measured:
            if dienst in (None, code):
                per_day[day] = min(weeks, per_day.get(day, weeks))
        if per_day:
            result[code] = sorted(per_day.items())[-TREND_POINTS:]
    return result


@dataclass(frozen=True)
class ServiceAvailability:
    """A contracted service: what counts per group of its gemeenten (gemeenten with the
    same answer together), and its last waiting times (the trend)."""

    dienst: str
    groups: list[tuple[list[str], Availability]]
    trend: list[tuple[dt.date, int]]


def per_service(
    session: DbSession, aanbieder_id: str, services: Sequence[tuple[str, Sequence[str]]], own: Scope
) -> list[ServiceAvailability]:
    """For the provider page: per (service, its gemeenten) the availability per gemeente,
    grouped, with the trend."""
    scopes = [own, *load_scopes(session, aanbieder_id).get(aanbieder_id, [])]
    lines = trends(session, aanbieder_id, [code for code, _ in services], own)
    result = []
    for code, gemeenten in services:
        groups: dict[Availability, list[str]] = {}
        for cbs in gemeenten:
            groups.setdefault(effective(scopes, code, cbs), []).append(cbs)
        result.append(
            ServiceAvailability(
                code, [(places, value) for value, places in groups.items()], lines.get(code, [])
            )
        )
    return result
