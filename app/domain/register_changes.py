"""What the imports changed across the register (/wijzigingen and its Atom feeds): per
published import, the changes of app/register/changes.py and the availability that
changed, filtered by gemeente, service and provider, newest import first.

Big registers make big imports (20,000 providers: tens of thousands of changes), so
per import the changes are counted per group in the database and only the first
`listed` are loaded. An import is named by a key made of its file's checksum (and how
often that same file was published before), never by a row id: the same files imported
again, into this database or a fresh one, keep their keys, so feed readers see an entry
once."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import ColumnElement, and_, func, or_, select
from sqlalchemy.orm import aliased

from app.domain import clock
from app.domain.history import Change, Measurement
from app.domain.models import (
    BESCHIKBAARHEID,
    IMPORT,
    Aanbieder,
    Beschikbaarheid,
    Contract,
    ContractGemeente,
    ImportRun,
    Wijziging,
)
from app.domain.queries import GEPUBLICEERD
from app.extensions import DbSession

IMPORTS_PER_PAGE = 10
LISTED_PER_IMPORT = 50
AVAILABILITY = "beschikbaarheid"  # the group of changed availability measurements
# The kinds of app/register/changes.py in the groups that a summary counts, in order.
GROUPS: dict[str, tuple[str, ...]] = {
    "nieuw": ("in_register", "terug_in_register"),
    "weg": ("uit_register",),
    "gestart": ("dienst_erbij", "gemeente_erbij"),
    "gestopt": ("dienst_eraf", "gemeente_eraf"),
    "contract": ("contract_status", "contract_periode", "niveaus"),
    "cijfers": ("cijfer_nieuw", "cijfer_weg"),
    "gegevens": ("gegevens",),
    AVAILABILITY: (),
}
GROUP_OF = {kind: group for group, kinds in GROUPS.items() for kind in kinds}


@dataclass(frozen=True)
class ChangeFilter:
    """Which changes to show: about a gemeente (CBS code), services, one provider."""

    gemeente: str | None = None
    diensten: tuple[str, ...] = ()
    aanbieder: str | None = None


@dataclass(frozen=True)
class Item:
    """One change, or one changed availability measurement, of one provider."""

    aanbieder_id: str
    naam: str
    change: Change | None = None
    measurement: Measurement | None = None


@dataclass
class ImportChanges:
    """What one published import changed (within a filter)."""

    key: str  # stable across re-imports: see the module's docstring
    moment: dt.datetime  # when it was published (naive UTC)
    soort: str  # "register" or "beschikbaarheid"
    bestand: str
    counts: dict[str, int] = field(default_factory=dict)  # per group, groups in order
    items: list[Item] = field(default_factory=list)  # the first `listed`

    @property
    def total(self) -> int:
        return sum(self.counts.values())

    @property
    def datum(self) -> dt.date:
        return clock.local_date(self.moment)


@dataclass
class ChangesPage:
    """One page of imports, newest first; `any_imports`: was anything published yet."""

    imports: list[ImportChanges]
    page: int
    more: bool
    any_imports: bool


def _keys(session: DbSession) -> dict[int, str]:
    """The stable key of every published import: kind, checksum, and a counter when the
    same file was published before (A, B, A again)."""
    keys, seen = {}, dict[str, int]()
    runs = session.execute(
        select(ImportRun.id, ImportRun.soort, ImportRun.checksum)
        .where(ImportRun.uitkomst == GEPUBLICEERD, ImportRun.soort.in_((IMPORT, BESCHIKBAARHEID)))
        .order_by(ImportRun.id)
    )
    for run_id, soort, checksum in runs:
        base = f"{'register' if soort == IMPORT else AVAILABILITY}-{(checksum or 'x')[:16]}"
        seen[base] = seen.get(base, 0) + 1
        keys[run_id] = base if seen[base] == 1 else f"{base}-{seen[base]}"
    return keys


def _contracted(wanted: ChangeFilter) -> Any:
    """The providers with a contract in the gemeente (for the services), as a subquery."""
    query = (
        select(Contract.aanbieder_id)
        .join(ContractGemeente)
        .where(ContractGemeente.gemeente_cbs == wanted.gemeente)
    )
    if wanted.diensten:
        query = query.where(Contract.dienst_code.in_(wanted.diensten))
    return query


def _change_conditions(wanted: ChangeFilter) -> list[ColumnElement[bool]]:
    """A change is about a gemeente when it names it, or names none and its provider is
    contracted there; about services when it names one of them."""
    conditions: list[ColumnElement[bool]] = []
    if wanted.aanbieder:
        conditions.append(Wijziging.aanbieder_id == wanted.aanbieder)
    if wanted.diensten:
        conditions.append(Wijziging.dienst.in_(wanted.diensten))
    if wanted.gemeente:
        conditions.append(
            or_(
                Wijziging.gemeente == wanted.gemeente,
                and_(Wijziging.gemeente.is_(None), Wijziging.aanbieder_id.in_(_contracted(wanted))),
            )
        )
    return conditions


def _measurement_conditions(wanted: ChangeFilter, m: Any) -> list[ColumnElement[bool]]:
    """A measurement for every service or gemeente is about each of them."""
    conditions: list[ColumnElement[bool]] = []
    if wanted.aanbieder:
        conditions.append(m.aanbieder_id == wanted.aanbieder)
    if wanted.diensten:
        conditions.append(or_(m.dienst_code.is_(None), m.dienst_code.in_(wanted.diensten)))
    if wanted.gemeente:
        conditions.append(or_(m.gemeente_cbs.is_(None), m.gemeente_cbs == wanted.gemeente))
    return conditions


def _changed_measurements(
    wanted: ChangeFilter, run_id: int, previous: int | None
) -> tuple[Any, Any]:
    """The measurements of `run_id` that differ from the one for the same provider,
    service and gemeente in the availability import before it (or that are new)."""
    m, before = aliased(Beschikbaarheid), aliased(Beschikbaarheid)
    same_place = and_(
        before.run_id == (previous if previous is not None else -1),
        before.aanbieder_id == m.aanbieder_id,
        before.dienst_code.is_not_distinct_from(m.dienst_code),
        before.gemeente_cbs.is_not_distinct_from(m.gemeente_cbs),
    )
    changed = or_(
        before.id.is_(None),
        before.wachttijd_weken.is_distinct_from(m.wachttijd_weken),
        before.neemt_nieuwe_clienten.is_distinct_from(m.neemt_nieuwe_clienten),
    )
    where = [m.run_id == run_id, changed, *_measurement_conditions(wanted, m)]
    return m, select().select_from(m).outerjoin(before, same_place).where(*where)


def _availability(
    session: DbSession, wanted: ChangeFilter, entry: ImportChanges, run: tuple[int, int | None]
) -> None:
    """Count and list the changed availability of import `run` (its id, the one before)."""
    m, query = _changed_measurements(wanted, *run)
    count = session.scalar(query.add_columns(func.count()))
    entry.counts = {AVAILABILITY: count or 0}
    rows = session.execute(
        query.add_columns(m, Aanbieder.naam)
        .join(Aanbieder, Aanbieder.id == m.aanbieder_id)
        .order_by(m.id)
        .limit(LISTED_PER_IMPORT)
    )
    entry.items = [
        Item(
            row.aanbieder_id,
            naam,
            measurement=Measurement(
                row.dienst_code,
                row.gemeente_cbs,
                row.wachttijd_weken,
                row.neemt_nieuwe_clienten,
                row.peildatum,
                row.bron,
            ),
        )
        for row, naam in rows
    ]


def _register(session: DbSession, wanted: ChangeFilter, entry: ImportChanges, run_id: int) -> None:
    """Count (per group) and list the changes of register import `run_id`."""
    where = [Wijziging.run_id == run_id, *_change_conditions(wanted)]
    counted = dict(
        session.execute(
            select(Wijziging.soort, func.count()).where(*where).group_by(Wijziging.soort)
        ).all()
    )
    counts = {group: 0 for group in GROUPS if group != AVAILABILITY}
    for kind, number in counted.items():
        group = GROUP_OF.get(kind, "gegevens")
        counts[group] += number
    entry.counts = {group: number for group, number in counts.items() if number}
    rows = session.execute(
        select(Wijziging, Aanbieder.naam)
        .join(Aanbieder, Aanbieder.id == Wijziging.aanbieder_id)
        .where(*where)
        .order_by(Wijziging.id)
        .limit(LISTED_PER_IMPORT)
    )
    entry.items = [
        Item(
            w.aanbieder_id,
            naam,
            change=Change(w.soort, w.veld, w.dienst, w.gemeente, w.oud, w.nieuw),
        )
        for w, naam in rows
    ]


def _candidates(session: DbSession, wanted: ChangeFilter, keys: dict[int, str]) -> list[int]:
    """The published imports with anything that may match the filter, newest first."""
    found = set(
        session.scalars(select(Wijziging.run_id).where(*_change_conditions(wanted)).distinct())
    )
    b = aliased(Beschikbaarheid)
    found |= set(
        session.scalars(select(b.run_id).where(*_measurement_conditions(wanted, b)).distinct())
    )
    return sorted(found & keys.keys(), reverse=True)


def recent_changes(session: DbSession, wanted: ChangeFilter, page: int = 1) -> ChangesPage:
    """Page `page` of the published imports that changed something within the filter."""
    keys = _keys(session)
    candidates = _candidates(session, wanted, keys)
    start = (page - 1) * IMPORTS_PER_PAGE
    chosen = candidates[start : start + IMPORTS_PER_PAGE]
    # Only the columns an entry needs: a whole run carries the reference document.
    runs = {
        r.id: r
        for r in session.execute(
            select(
                ImportRun.id,
                ImportRun.soort,
                ImportRun.gestart,
                ImportRun.beeindigd,
                ImportRun.bestandsnaam,
            ).where(ImportRun.id.in_(chosen))
        )
    }
    availability_runs = sorted(i for i, key in keys.items() if key.startswith(AVAILABILITY))
    imports = []
    for run_id in chosen:
        run = runs[run_id]
        entry = ImportChanges(
            keys[run_id],
            run.beeindigd or run.gestart,
            "register" if run.soort == IMPORT else AVAILABILITY,
            run.bestandsnaam,
        )
        if run.soort == IMPORT:
            _register(session, wanted, entry, run_id)
        else:
            earlier = [i for i in availability_runs if i < run_id]
            _availability(session, wanted, entry, (run_id, earlier[-1] if earlier else None))
        if entry.total:
            imports.append(entry)
    more = len(candidates) > start + IMPORTS_PER_PAGE
    return ChangesPage(imports, page, more, bool(keys))
