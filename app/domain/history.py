"""The history of one provider: per import, what the register changed for it
(app/register/changes.py wrote it), and per availability import, what was measured.
Newest first; nothing in it is ever deleted."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field

from sqlalchemy import select

from app.domain import clock
from app.domain.models import BESCHIKBAARHEID, Beschikbaarheid, ImportRun, Wijziging
from app.extensions import DbSession


@dataclass(frozen=True)
class Change:
    """One change of one import (see app/register/changes.py for the kinds)."""

    soort: str
    veld: str | None
    dienst: str | None
    gemeente: str | None
    oud: str | None
    nieuw: str | None


@dataclass(frozen=True)
class Measurement:
    """One availability measurement as the weekly file stated it."""

    dienst: str | None  # None: every service of the provider
    gemeente: str | None  # None: every gemeente
    wachttijd_weken: int | None
    neemt_nieuwe_clienten: str | None
    peildatum: dt.date
    bron: str


@dataclass
class HistoryEntry:
    """What one import (of the register, or of availability) meant for the provider."""

    run_id: int
    datum: dt.date
    soort: str  # "register" or "beschikbaarheid"
    bestand: str
    changes: list[Change] = field(default_factory=list)
    measurements: list[Measurement] = field(default_factory=list)


def _runs(session: DbSession, run_ids: set[int]) -> dict[int, ImportRun]:
    if not run_ids:
        return {}
    return {r.id: r for r in session.scalars(select(ImportRun).where(ImportRun.id.in_(run_ids)))}


def provider_history(session: DbSession, aanbieder_id: str) -> list[HistoryEntry]:
    """Every import that changed something for the provider, or measured its
    availability, newest first."""
    changes: dict[int, list[Change]] = defaultdict(list)
    for w in session.scalars(
        select(Wijziging).where(Wijziging.aanbieder_id == aanbieder_id).order_by(Wijziging.id)
    ):
        changes[w.run_id].append(Change(w.soort, w.veld, w.dienst, w.gemeente, w.oud, w.nieuw))
    measured: dict[int, list[Measurement]] = defaultdict(list)
    for m in session.scalars(
        select(Beschikbaarheid)
        .where(Beschikbaarheid.aanbieder_id == aanbieder_id)
        .order_by(Beschikbaarheid.id)
    ):
        measured[m.run_id].append(
            Measurement(
                m.dienst_code,
                m.gemeente_cbs,
                m.wachttijd_weken,
                m.neemt_nieuwe_clienten,
                m.peildatum,
                m.bron,
            )
        )
    runs = _runs(session, set(changes) | set(measured))
    entries = [
        HistoryEntry(
            run.id,
            clock.local_date(run.beeindigd or run.gestart),
            "beschikbaarheid" if run.soort == BESCHIKBAARHEID else "register",
            run.bestandsnaam,
            changes.get(run.id, []),
            measured.get(run.id, []),
        )
        for run in runs.values()
    ]
    return sorted(entries, key=lambda e: e.run_id, reverse=True)
