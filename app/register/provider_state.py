"""The state of every provider that its history compares: its row, themes, languages,
locations, contracts per service and figures, as the database holds them before an
import (`load_state`) and as the validated register states them (`register_state`).
Values are compared as the history stores them (`text`)."""

from __future__ import annotations

import datetime as dt
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from typing import Any, TypeVar

from sqlalchemy import select

from app.domain.models import (
    Aanbieder,
    AanbiederTaal,
    AanbiederThema,
    Contract,
    ContractGemeente,
    Kwaliteitscijfer,
    Locatie,
)
from app.extensions import DbSession
from app.register.apply import (
    AANBIEDER_FIELDS,
    CIJFER_FIELDS,
    LOCATIE_FIELDS,
    cijfer_row,
    locatie_row,
)
from app.register.cross_rules import Register

T = TypeVar("T")

STATUS_ORDER = ("actief", "opgeschort", "beeindigd")
PROVIDER_FIELDS = tuple(f for f in AANBIEDER_FIELDS if f != "uit_register_sinds")


@dataclass(frozen=True)
class Service:
    """One service of a provider as the register states it: the best status among its
    contract rows, and the gemeenten, period and levels of the rows with that status."""

    status: str
    gemeenten: frozenset[str]
    periode: str
    niveaus: str


@dataclass
class State:
    """Everything the history compares for one provider."""

    fields: dict[str, Any] = field(default_factory=dict)
    in_register: bool = True
    lists: dict[str, frozenset[str]] = field(default_factory=dict)  # themas, talen, locaties
    services: dict[str, Service] = field(default_factory=dict)
    figures: Counter[tuple[Any, ...]] = field(default_factory=Counter)


class Pool(dict[Any, Any]):
    """One object for each equal value. A register repeats the same gemeente codes,
    indicators, periods and services tens of thousands of times, and every row read from
    the database (or parsed from a sheet) is a new copy: at 20,000 providers the state of
    the register took 145 MB without a pool. A pool lives as long as one state is made."""

    def __call__(self, value: T) -> T:
        kept: T = self.setdefault(value, value)
        return kept


def text(value: Any) -> str | None:
    """A value as the history stores it: ISO dates, `;` lists, ja/nee; None stays None."""
    if value is None or value == []:
        return None
    if isinstance(value, bool):
        return "ja" if value else "nee"
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    if isinstance(value, (list, tuple, frozenset, set)):
        return ";".join(sorted(str(v) for v in value))
    if isinstance(value, float):
        return f"{value:g}"
    return str(value)


def _location(row: dict[str, Any]) -> str:
    """A location in words (address, coordinates, wheelchair access): what the history
    shows, and what tells two versions of a location apart."""
    street = " ".join(filter(None, (row.get("straat"), row.get("huisnummer"))))
    town = " ".join(filter(None, (row.get("postcode"), row.get("plaats"))))
    parts = [p for p in (row.get("naam"), street, town, row.get("gemeente_cbs")) if p]
    if row.get("lat") is not None and row.get("lon") is not None:
        parts.append(f"{row['lat']:g} {row['lon']:g}")
    if row.get("rolstoeltoegankelijk") is not None:
        parts.append(f"rolstoel: {text(row['rolstoeltoegankelijk'])}")
    return ", ".join(parts)


def _figure(row: dict[str, Any], pool: Pool) -> tuple[Any, ...]:
    return tuple(pool(text(row[name])) for name in CIJFER_FIELDS)


def _service(
    rows: list[tuple[str, dt.date, dt.date | None, list[str], list[str]]], pool: Pool
) -> Service:
    """Several rows for one service (an ended contract and its successor): the rows with
    the best status speak for the service."""
    best = min((r[0] for r in rows), key=STATUS_ORDER.index)
    chosen = [r for r in rows if r[0] == best]
    start = min(r[1] for r in chosen)
    ends = [r[2] for r in chosen]
    end = None if None in ends else max(e for e in ends if e is not None)
    service = Service(
        best,
        frozenset(g for r in chosen for g in r[4]),
        f"{start.isoformat()} – {end.isoformat() if end else ''}".strip(),
        ";".join(sorted({n for r in chosen for n in r[3]})),
    )
    return pool(service)


def _states(
    providers: dict[str, State], services: dict[str, dict[str, list[Any]]], pool: Pool
) -> None:
    for aid, per_service in services.items():
        if aid in providers:
            providers[aid].services = {
                code: _service(rows, pool) for code, rows in per_service.items()
            }


def load_state(session: DbSession) -> dict[str, State]:
    """Every provider as the database holds it now (before the import writes)."""
    columns = [getattr(Aanbieder, f) for f in PROVIDER_FIELDS]
    states: dict[str, State] = {}
    pool = Pool()
    for aid, gone, *values in session.execute(
        select(Aanbieder.id, Aanbieder.uit_register_sinds, *columns)
    ):
        states[aid] = State(dict(zip(PROVIDER_FIELDS, values, strict=True)), gone is None)
    lists: dict[str, dict[str, set[str]]] = defaultdict(lambda: defaultdict(set))
    for model, column, name in (
        (AanbiederThema, AanbiederThema.thema_code, "themas"),
        (AanbiederTaal, AanbiederTaal.taal, "talen"),
    ):
        for aid, value in session.execute(select(model.aanbieder_id, column)):
            lists[aid][name].add(pool(value))
    location_columns = [getattr(Locatie, f) for f in LOCATIE_FIELDS]
    for location in session.execute(select(*location_columns)):
        row = dict(zip(LOCATIE_FIELDS, location, strict=True))
        lists[row["aanbieder_id"]]["locaties"].add(_location(row))
    for aid, found in lists.items():
        if aid in states:
            states[aid].lists = {name: pool(frozenset(v)) for name, v in found.items()}
    _states(states, _stored_services(session), pool)
    for figure in session.execute(select(*[getattr(Kwaliteitscijfer, f) for f in CIJFER_FIELDS])):
        row = dict(zip(CIJFER_FIELDS, figure, strict=True))
        if row["aanbieder_id"] in states:
            states[row["aanbieder_id"]].figures[_figure(row, pool)] += 1
    return states


def _stored_services(session: DbSession) -> dict[str, dict[str, list[Any]]]:
    gemeenten: dict[int, list[str]] = defaultdict(list)
    for contract_id, cbs in session.execute(
        select(ContractGemeente.contract_id, ContractGemeente.gemeente_cbs)
    ):
        gemeenten[contract_id].append(cbs)
    services: dict[str, dict[str, list[Any]]] = defaultdict(lambda: defaultdict(list))
    for cid, aid, code, status, start, end, levels in session.execute(
        select(
            Contract.id,
            Contract.aanbieder_id,
            Contract.dienst_code,
            Contract.status,
            Contract.ingangsdatum,
            Contract.einddatum,
            Contract.niveaus,
        )
    ):
        services[aid][code].append((status, start, end, list(levels or []), gemeenten[cid]))
    return services


def register_state(register: Register) -> dict[str, State]:
    """Every provider as the validated register states it."""
    states = {
        r["aanbieder_id"]: State({f: _field(r, f) for f in PROVIDER_FIELDS})
        for r in register.tables["aanbieders"]
    }
    pool = Pool()
    for record in register.tables["aanbieders"]:
        lists = states[record["aanbieder_id"]].lists
        for name in ("themas", "talen"):
            if record.get(name):
                lists[name] = pool(frozenset(record[name]))
    locations: dict[str, set[str]] = defaultdict(set)
    for record in register.tables["locaties"]:
        locations[record["aanbieder_id"]].add(_location(locatie_row(record)))
    for aid, found in locations.items():
        states[aid].lists["locaties"] = frozenset(found)
    services: dict[str, dict[str, list[Any]]] = defaultdict(lambda: defaultdict(list))
    for r in register.tables["contracten"]:
        row = (r["status"], r["ingangsdatum"], r.get("einddatum"), r["niveaus"], r["gemeenten"])
        services[r["aanbieder_id"]][r["dienst"]].append(row)
    _states(states, services, pool)
    for record in register.tables["kwaliteit"]:
        states[record["aanbieder_id"]].figures[_figure(cijfer_row(record), pool)] += 1
    return states


def _field(record: dict[str, Any], name: str) -> Any:
    value = record.get(name)
    return value or [] if name == "keurmerken" else value
