"""Database questions shared by pages and (later) the API."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import func, or_, select
from sqlalchemy.orm import Session

from app.models import Aanbieder, Contract, ContractGemeente, Gemeente, ImportRun
from app.register.publish import published_run


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


def current_publication(session: Session) -> Publication | None:
    """The live register version, or None when nothing has been published yet."""
    run: ImportRun | None = published_run(session)
    if run is None:
        return None
    return Publication(run.id, run.beeindigd or run.gestart, run.fictief)


def active_contracts(today: dt.date):  # type: ignore[no-untyped-def]
    """A SELECT of contracts that count as 'contracted' on `today` (status and period)."""
    return select(Contract).where(
        Contract.status == "actief",
        Contract.ingangsdatum <= today,
        or_(Contract.einddatum.is_(None), Contract.einddatum >= today),
    )


def summary(session: Session, today: dt.date) -> Summary:
    """Providers, services and gemeenten with at least one active contract today."""
    active = active_contracts(today).join(Aanbieder).where(
        Aanbieder.uit_register_sinds.is_(None)).subquery()
    aanbieders = session.scalar(select(func.count(func.distinct(active.c.aanbieder_id))))
    diensten = session.scalar(select(func.count(func.distinct(active.c.dienst_code))))
    gemeenten = session.scalar(
        select(func.count(func.distinct(ContractGemeente.gemeente_cbs)))
        .join(active, active.c.id == ContractGemeente.contract_id)
    )
    return Summary(aanbieders or 0, diensten or 0, gemeenten or 0)


def all_gemeenten(session: Session) -> list[Gemeente]:
    """The gemeenten in alphabetical order."""
    return list(session.scalars(select(Gemeente).order_by(Gemeente.naam)))
