"""Apply a validated register to the database as a diff, inside the caller's transaction.

Only what differs is written: rows that are the same in file and database are left
alone, so re-importing the same file changes nothing, and provider ids (used in links)
never change. Bulk Core statements keep a 20,000-provider import fast and lean.
"""

from __future__ import annotations

import datetime as dt
import json
from collections import defaultdict
from collections.abc import Iterable, Sequence
from typing import Any

from sqlalchemy import delete, func, insert, select, tuple_, update

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
from app.register.cross_rules import Record, Register

CHUNK = 500

AANBIEDER_FIELDS = (
    "naam",
    "kvk",
    "agb",
    "website",
    "telefoon",
    "email",
    "omschrijving",
    "omschrijving_en",
    "leeftijd_min",
    "leeftijd_max",
    "hulp_op_afstand",
    "huisbezoek",
    "rolstoeltoegankelijk",
    "keuze_hulpverlener",
    "nieuwe_clienten",
    "wachttijd_weken",
    "wachttijd_peildatum",
    "kit_datum",
    "keurmerken",
    "uit_register_sinds",
)
LOCATIE_FIELDS = (
    "aanbieder_id",
    "naam",
    "straat",
    "huisnummer",
    "postcode",
    "plaats",
    "gemeente_cbs",
    "lat",
    "lon",
    "rolstoeltoegankelijk",
)
CONTRACT_FIELDS = ("aanbieder_id", "dienst_code", "niveaus", "ingangsdatum", "einddatum", "status")
CIJFER_FIELDS = (
    "aanbieder_id",
    "indicator_code",
    "dienst_code",
    "waarde",
    "eenheid",
    "aantal",
    "periode_van",
    "periode_tot",
    "bron",
)


def apply_register(session: DbSession, register: Register, today: dt.date) -> int:
    """Make the register tables equal to `register`; returns the number of rows changed."""
    aanbieders = register.tables["aanbieders"]
    changes = _sync_aanbieders(session, aanbieders, today)
    changes += _sync_pairs(
        session,
        AanbiederThema,
        "thema_code",
        [(r["aanbieder_id"], t) for r in aanbieders for t in r["themas"] or []],
    )
    changes += _sync_pairs(
        session,
        AanbiederTaal,
        "taal",
        [(r["aanbieder_id"], t) for r in aanbieders for t in r["talen"] or []],
    )
    changes += _sync_rows(
        session, Locatie, LOCATIE_FIELDS, [locatie_row(r) for r in register.tables["locaties"]]
    )
    changes += _sync_contracts(session, register.tables["contracten"])
    changes += _sync_rows(
        session,
        Kwaliteitscijfer,
        CIJFER_FIELDS,
        [cijfer_row(r) for r in register.tables["kwaliteit"]],
    )
    return changes


# --- rows from records -----------------------------------------------------------------


def _aanbieder_row(record: Record) -> dict[str, Any]:
    row = {name: record.get(name) for name in AANBIEDER_FIELDS}
    row["keurmerken"] = record.get("keurmerken") or []
    row["uit_register_sinds"] = None
    return row


def locatie_row(record: Record) -> dict[str, Any]:
    """A `locaties` record as a `locatie` row."""
    row = {name: record.get(name) for name in LOCATIE_FIELDS}
    row["gemeente_cbs"] = record.get("gemeente")
    return row


def _contract_row(record: Record) -> dict[str, Any]:
    row = {name: record.get(name) for name in CONTRACT_FIELDS}
    row["dienst_code"] = record["dienst"]
    return row


def cijfer_row(record: Record) -> dict[str, Any]:
    """A `kwaliteit` record as a `kwaliteitscijfer` row."""
    row = {name: record.get(name) for name in CIJFER_FIELDS}
    row["indicator_code"], row["dienst_code"] = record["indicator"], record.get("dienst")
    return row


def _key(row: dict[str, Any], fields: Sequence[str]) -> tuple[Any, ...]:
    """A hashable identity of a row's content (lists become JSON text)."""
    return tuple(json.dumps(row[f]) if isinstance(row[f], list) else row[f] for f in fields)


def chunks(items: Sequence[Any]) -> Iterable[Sequence[Any]]:
    """`items` in slices of CHUNK (bounded statements and parameter lists)."""
    for start in range(0, len(items), CHUNK):
        yield items[start : start + CHUNK]


def insert_rows(session: DbSession, model: Any, rows: Sequence[dict[str, Any]]) -> None:
    """executemany through Core: the ORM's bulk path costs several times more per row."""
    for chunk in chunks(rows):
        session.execute(insert(model.__table__), list(chunk))


# --- diffs -----------------------------------------------------------------------------


def _sync_aanbieders(session: DbSession, records: list[Record], today: dt.date) -> int:
    """Insert new providers, update changed ones, mark vanished ones as out of the register."""
    columns = [getattr(Aanbieder, f) for f in AANBIEDER_FIELDS]
    existing = {
        row[0]: dict(zip(AANBIEDER_FIELDS, row[1:], strict=True))
        for row in session.execute(select(Aanbieder.id, *columns))
    }
    inserts, updates = [], []
    for record in records:
        row = _aanbieder_row(record)
        old = existing.pop(record["aanbieder_id"], None)
        if old is None:
            inserts.append({"id": record["aanbieder_id"], **row})
        elif old != row:
            updates.append({"id": record["aanbieder_id"], **row})
    # Providers that left the register keep their row (and their link) with a date.
    updates += [
        {"id": aid, "uit_register_sinds": today}
        for aid, old in existing.items()
        if old["uit_register_sinds"] is None
    ]
    insert_rows(session, Aanbieder, inserts)
    for chunk in chunks(updates):
        session.execute(update(Aanbieder), list(chunk))
    return len(inserts) + len(updates)


def _sync_pairs(session: DbSession, model: Any, column: str, pairs: list[tuple[str, str]]) -> int:
    """Set semantics for (aanbieder_id, value) association tables."""
    other = getattr(model, column)
    existing = {tuple(row) for row in session.execute(select(model.aanbieder_id, other))}
    wanted = set(pairs)
    gone, new = sorted(existing - wanted), sorted(wanted - existing)
    for chunk in chunks(gone):
        session.execute(delete(model).where(tuple_(model.aanbieder_id, other).in_(list(chunk))))
    insert_rows(session, model, [{"aanbieder_id": a, column: b} for a, b in new])
    return len(gone) + len(new)


def _multiset_diff(
    existing: Iterable[tuple[int, tuple[Any, ...]]], wanted: list[tuple[tuple[Any, ...], Any]]
) -> tuple[list[int], list[Any]]:
    """Match rows by content: returns (ids to delete, payloads to insert)."""
    by_key: dict[tuple[Any, ...], list[int]] = defaultdict(list)
    for row_id, key in existing:
        by_key[key].append(row_id)
    to_insert = []
    for key, payload in wanted:
        if by_key.get(key):
            by_key[key].pop()
        else:
            to_insert.append(payload)
    to_delete = [row_id for ids in by_key.values() for row_id in ids]
    return to_delete, to_insert


def _delete_ids(session: DbSession, model: Any, ids: list[int]) -> None:
    for chunk in chunks(ids):
        session.execute(delete(model).where(model.id.in_(list(chunk))))


def _sync_rows(
    session: DbSession, model: Any, fields: Sequence[str], rows: list[dict[str, Any]]
) -> int:
    """Rows without identity of their own (locations, figures): diff by content."""
    columns = [getattr(model, f) for f in fields]
    existing = (
        (r[0], _key(dict(zip(fields, r[1:], strict=True)), fields))
        for r in session.execute(select(model.id, *columns))
    )
    to_delete, to_insert = _multiset_diff(existing, [(_key(r, fields), r) for r in rows])
    _delete_ids(session, model, to_delete)
    insert_rows(session, model, to_insert)
    return len(to_delete) + len(to_insert)


def _sync_contracts(session: DbSession, records: list[Record]) -> int:
    """Contracts with their gemeenten, diffed by content including the gemeente list."""
    gemeenten: dict[int, list[str]] = defaultdict(list)
    for contract_id, cbs in session.execute(
        select(ContractGemeente.contract_id, ContractGemeente.gemeente_cbs)
    ):
        gemeenten[contract_id].append(cbs)
    columns = [getattr(Contract, f) for f in CONTRACT_FIELDS]
    existing = []
    for r in session.execute(select(Contract.id, *columns)):
        row = dict(zip(CONTRACT_FIELDS, r[1:], strict=True))
        existing.append((r[0], _key(row, CONTRACT_FIELDS) + (tuple(sorted(gemeenten[r[0]])),)))
    wanted = []
    for record in records:
        row = _contract_row(record)
        wanted.append(
            (_key(row, CONTRACT_FIELDS) + (tuple(record["gemeenten"]),), (row, record["gemeenten"]))
        )
    to_delete, to_insert = _multiset_diff(existing, wanted)
    for chunk in chunks(to_delete):
        session.execute(
            delete(ContractGemeente).where(ContractGemeente.contract_id.in_(list(chunk)))
        )
    _delete_ids(session, Contract, to_delete)
    _insert_contracts(session, to_insert)
    return len(to_delete) + len(to_insert)


def _insert_contracts(
    session: DbSession, to_insert: list[tuple[dict[str, Any], list[str]]]
) -> None:
    """Insert contracts, then link their gemeenten.

    RETURNING with a guaranteed order makes SQLite insert one row per statement, so the
    new ids are read back instead: new rows are exactly those above the previous
    highest id, and rows with the same content have the same gemeenten.
    """
    if not to_insert:
        return
    highest = session.scalar(select(func.max(Contract.id))) or 0
    insert_rows(session, Contract, [row for row, _ in to_insert])
    new_ids: dict[tuple[Any, ...], list[int]] = defaultdict(list)
    columns = [getattr(Contract, f) for f in CONTRACT_FIELDS]
    for r in session.execute(select(Contract.id, *columns).where(Contract.id > highest)):
        new_ids[_key(dict(zip(CONTRACT_FIELDS, r[1:], strict=True)), CONTRACT_FIELDS)].append(r[0])
    links: list[dict[str, Any]] = []
    for row, codes in to_insert:
        contract_id = new_ids[_key(row, CONTRACT_FIELDS)].pop()
        links.extend({"contract_id": contract_id, "gemeente_cbs": cbs} for cbs in codes)
    insert_rows(session, ContractGemeente, links)
