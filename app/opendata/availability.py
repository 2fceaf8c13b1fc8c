"""Availability in the open data (API, CSV, HSDS): the same newest measurement per
provider, service and gemeente that the pages show (app/domain/availability.py), each
value with its date, its source and whether it is old (more than six weeks)."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable, Sequence
from typing import Any

from sqlalchemy import select

from app.domain.availability import (
    Availability,
    Scope,
    ServiceAvailability,
    Value,
    effective,
    load_scopes,
    register_scope,
    summary,
)
from app.domain.models import Aanbieder, ContractGemeente
from app.extensions import DbSession


def value_json(value: Value | None, today: dt.date) -> dict[str, Any] | None:
    """One measured value: what, when, by whom, and whether it is old."""
    if value is None:
        return None
    return {
        "waarde": value.waarde,
        "peildatum": value.peildatum.isoformat() if value.peildatum else None,
        "bron": value.bron,
        "oud": value.old(today),
    }


def availability_json(found: Availability, today: dt.date) -> dict[str, Any]:
    """The waiting time and the answer on new clients that count."""
    return {
        "wachttijd": value_json(found.wachttijd, today),
        "nieuwe_clienten": value_json(found.nieuw, today),
    }


def per_service_json(lines: Sequence[ServiceAvailability], today: dt.date) -> list[dict[str, Any]]:
    """Per contracted service: per group of gemeenten what counts, and the trend."""
    return [
        {
            "dienst": line.dienst,
            "gemeenten": [
                {"gemeenten": sorted(places), **availability_json(found, today)}
                for places, found in line.groups
            ],
            "trend": [{"peildatum": day.isoformat(), "weken": weeks} for day, weeks in line.trend],
        }
        for line in lines
    ]


class Scopes:
    """Every provider's measurements, read once, for exports that go contract by
    contract: what counts for a contract over its gemeenten."""

    def __init__(self, session: DbSession) -> None:
        measured = load_scopes(session)
        self._scopes: dict[str, list[Scope]] = defaultdict(list)
        for aid, weeks, day, new in session.execute(
            select(
                Aanbieder.id,
                Aanbieder.wachttijd_weken,
                Aanbieder.wachttijd_peildatum,
                Aanbieder.nieuwe_clienten,
            )
        ):
            self._scopes[aid] = [register_scope(weeks, day, new), *measured.get(aid, ())]
        self._places: dict[int, list[str]] = defaultdict(list)
        for contract_id, cbs in session.execute(
            select(ContractGemeente.contract_id, ContractGemeente.gemeente_cbs)
        ):
            self._places[contract_id].append(cbs)

    def for_contract(self, aanbieder_id: str, contract_id: int, dienst: str) -> Availability:
        """What counts for the contract's service over its gemeenten."""
        scopes = self._scopes.get(aanbieder_id, [])
        places: Iterable[str | None] = self._places.get(contract_id) or [None]
        return summary(effective(scopes, dienst, cbs) for cbs in places)
