"""Database questions shared by pages, the API and the exports."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any, TypeVar

from sqlalchemy import Select, func, literal_column, or_, select, union_all

from app.domain import clock
from app.domain.models import (
    BESCHIKBAARHEID,
    IMPORT,
    Aanbieder,
    Contract,
    ContractGemeente,
    Gemeente,
    ImportRun,
)
from app.extensions import DbSession

# The outcome of the import run whose register is live (see app/register/publish.py), and
# of an import that found nothing new (it still confirms the register).
GEPUBLICEERD = "gepubliceerd"
ONGEWIJZIGD = "ongewijzigd"
CHECKED = (GEPUBLICEERD, ONGEWIJZIGD)


# A SELECT of any columns (SQLAlchemy 2.1 types the columns of a Select one by one).
AnySelect = Select[*tuple[Any, ...]]
Q = TypeVar("Q", bound=AnySelect)


@dataclass(frozen=True)
class Publication:
    """What the site currently serves: which register, from when, whether it is fictional;
    the latest import that confirmed it (an import that changed nothing still moves
    "gecontroleerd") and the newest availability import (None: none yet)."""

    version: int
    published_at: dt.datetime
    fictief: bool
    checked_version: int = 0
    availability_version: int | None = None
    updated_at: dt.datetime | None = None  # the newest of the three runs (None: published_at)

    @property
    def state(self) -> str:
        """Everything that changes what pages and data say, in one short key (ETags,
        the catalog): register, latest confirmation, availability."""
        return f"{self.version}.{self.checked_version}.{self.availability_version or 0}"


@dataclass(frozen=True)
class Summary:
    """Headline numbers for the start page."""

    aanbieders: int
    diensten: int
    gemeenten: int


def published_run(session: DbSession) -> ImportRun | None:
    """The import run whose register is live, if any."""
    return session.scalars(_latest(IMPORT, (GEPUBLICEERD,), ImportRun)).first()


def latest_check(session: DbSession) -> int | None:
    """The id of the newest register import that published or confirmed the live register
    (the id only: a whole run carries the reference document)."""
    return session.scalars(_latest(IMPORT, CHECKED, ImportRun.id)).first()


def availability_run(session: DbSession) -> ImportRun | None:
    """The newest published availability import."""
    return session.scalars(_latest(BESCHIKBAARHEID, (GEPUBLICEERD,), ImportRun)).first()


def current_publication(session: DbSession) -> Publication | None:
    """The live register version, or None when nothing has been published yet.

    Every page asks this (for its ETag), so it is one query, made once (_NEWEST_RUNS),
    for the three runs, reading only the few columns it needs: a whole ImportRun carries
    the reference document and the problem lists (three of those cost a request about
    20 ms; three queries of a few columns built anew, about 1 ms on SQLite)."""
    rows = {row.kind: row for row in session.execute(_NEWEST_RUNS)}
    run, checked, available = rows.get(0), rows.get(1), rows.get(2)
    if run is None:
        return None
    checked = checked or run
    moments = [r.beeindigd or r.gestart for r in (run, checked, available) if r is not None]
    return Publication(
        run.id,
        run.beeindigd or run.gestart,
        run.fictief,
        checked.id,
        available.id if available else None,
        max(moments),
    )


# What current_publication needs of a run.
_MOMENT = (ImportRun.id, ImportRun.fictief, ImportRun.gestart, ImportRun.beeindigd)


def _latest(soort: str, outcomes: tuple[str, ...], *columns: Any) -> AnySelect:
    """The newest run of one kind with one of these outcomes, as `columns`."""
    return (
        select(*columns)
        .where(ImportRun.soort == soort, ImportRun.uitkomst.in_(outcomes))
        .order_by(ImportRun.id.desc())
        .limit(1)
    )


# current_publication's one query, made once: the newest run of each kind it reads,
# numbered by `kind`.
_NEWEST_RUNS = union_all(
    *(
        select(
            _latest(soort, outcomes, literal_column(str(kind)).label("kind"), *_MOMENT).subquery()
        )
        for kind, (soort, outcomes) in enumerate(
            (
                (IMPORT, (GEPUBLICEERD,)),  # 0: the live register
                (IMPORT, CHECKED),  # 1: its latest confirmation
                (BESCHIKBAARHEID, (GEPUBLICEERD,)),  # 2: the newest availability
            )
        )
    )
)


def run_dates(session: DbSession, run_ids: Iterable[int | None]) -> dict[int, dt.date]:
    """The local date of each run (when it finished), for "gewijzigd op" and the like."""
    wanted = {i for i in run_ids if i is not None}
    if not wanted:
        return {}
    rows = session.execute(
        select(ImportRun.id, ImportRun.beeindigd, ImportRun.gestart).where(ImportRun.id.in_(wanted))
    )
    return {run_id: clock.local_date(end or start) for run_id, end, start in rows}


def active_contracts(today: dt.date) -> Select[Contract]:
    """A SELECT of contracts that count as 'contracted' on `today` (status and period)."""
    return select(Contract).where(
        Contract.status == "actief",
        Contract.ingangsdatum <= today,
        or_(Contract.einddatum.is_(None), Contract.einddatum >= today),
    )


def in_register(query: Q) -> Q:
    """Limit a SELECT that involves Aanbieder to providers in the current register
    (those that left it keep their row, so that old links keep working)."""
    return query.where(Aanbieder.uit_register_sinds.is_(None))


def chunked(session: DbSession, query: AnySelect, batch: int = 1000) -> Iterator[Any]:
    """The rows of a SELECT, fetched `batch` at a time (a server-side cursor on
    PostgreSQL), for exports that must not hold the whole register in memory."""
    return iter(session.execute(query.execution_options(yield_per=batch)))


def summary(session: DbSession, today: dt.date) -> Summary:
    """Providers, services and gemeenten with at least one active contract today."""
    active = (
        active_contracts(today)
        .join(Aanbieder)
        .where(Aanbieder.uit_register_sinds.is_(None))
        .subquery()
    )
    aanbieders = session.scalar(select(func.count(func.distinct(active.c.aanbieder_id))))
    diensten = session.scalar(select(func.count(func.distinct(active.c.dienst_code))))
    gemeenten = session.scalar(
        select(func.count(func.distinct(ContractGemeente.gemeente_cbs))).join(
            active, active.c.id == ContractGemeente.contract_id
        )
    )
    return Summary(aanbieders or 0, diensten or 0, gemeenten or 0)


def all_gemeenten(session: DbSession) -> list[Gemeente]:
    """The gemeenten in alphabetical order."""
    return list(session.scalars(select(Gemeente).order_by(Gemeente.naam)))
