"""Database questions shared by pages, the API and the exports."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any, TypeVar

from sqlalchemy import Select, func, or_, select

from app.domain.models import IMPORT, Aanbieder, Contract, ContractGemeente, Gemeente, ImportRun
from app.extensions import DbSession

# The outcome of the import run whose register is live (see app/register/publish.py).
GEPUBLICEERD = "gepubliceerd"


# A SELECT of any columns (SQLAlchemy 2.1 types the columns of a Select one by one).
AnySelect = Select[*tuple[Any, ...]]
Q = TypeVar("Q", bound=AnySelect)


@dataclass(frozen=True)
class Publication:
    """What the site currently serves: which register, from when, whether it is fictional."""

    version: int
    published_at: dt.datetime
    fictief: bool


@dataclass(frozen=True)
class Summary:
    """Headline numbers for the start page."""

    aanbieders: int
    diensten: int
    gemeenten: int


def published_run(session: DbSession) -> ImportRun | None:
    """The import run whose register is live, if any."""
    return session.scalars(
        select(ImportRun)
        .where(ImportRun.uitkomst == GEPUBLICEERD, ImportRun.soort == IMPORT)
        .order_by(ImportRun.id.desc())
        .limit(1)
    ).first()


def current_publication(session: DbSession) -> Publication | None:
    """The live register version, or None when nothing has been published yet."""
    run: ImportRun | None = published_run(session)
    if run is None:
        return None
    return Publication(run.id, run.beeindigd or run.gestart, run.fictief)


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
