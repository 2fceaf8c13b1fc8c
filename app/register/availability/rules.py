"""The availability file's columns and rules (REGISTER.md, "The availability file"),
with the same cell-level messages as the register: strict where the contract is, a
warning where the site would like more than the contract asks."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from app.domain.reference import ReferenceData
from app.register import parsers as p
from app.register.columns import ID_LENGTH, LONG, Column
from app.register.cross_rules import Record
from app.register.problems import Report, show_value
from app.register.reader import RawRegister
from app.register.validate import parse_table

SHEET = "beschikbaarheid"
COLUMNS = (
    Column("aanbieder_id", p.text, required=True, max_length=ID_LENGTH),
    Column("dienst", p.dienst),
    Column("gemeente", p.gemeente),
    Column("wachttijd_weken", p.integer(0, 104)),
    Column("neemt_nieuwe_clienten", p.one_of("ja", "nee", "wachtlijst")),
    Column("peildatum", p.date, required=True),
    Column("bron", p.text, required=True, max_length=LONG),
)
OLD_AFTER = dt.timedelta(weeks=6)


@dataclass
class Published:
    """What the published register says about the providers a measurement may name."""

    in_register: set[str] = field(default_factory=set)
    services: dict[str, set[str]] = field(default_factory=dict)  # id -> contracted services
    register_dates: dict[str, dt.date] = field(default_factory=dict)  # id -> wachttijd_peildatum


def check(
    raw: RawRegister | None, ref: ReferenceData, known: Published, today: dt.date, report: Report
) -> list[Record]:
    """The valid measurements of the file; every problem goes to the report."""
    if raw is None:
        return []
    table = raw.tables.get(SHEET)
    if table is None:
        report.error(
            f"Het blad '{SHEET}' ontbreekt of is helemaal leeg. Een beschikbaarheidsbestand "
            f"heeft het blad (of het CSV-bestand) '{SHEET}' met ten minste de kopregel.",
            raw.source,
            blad=SHEET,
        )
        return []
    records = parse_table(table, COLUMNS, ref, report)
    kept = [r for r in records if _row_ok(r, known, today, table.source, report)]
    _warn_doubles(kept, table.source, report)
    for record in _newest_per_place(kept):
        _warn_about(record, known, today, table.source, report)
    return kept


def _newest_per_place(records: list[Record]) -> list[Record]:
    """Per provider, service and gemeente, the newest row of the file: older rows are
    history, only the newest one says what the site will show."""
    newest: dict[tuple[Any, ...], Record] = {}
    for record in records:
        key = (record["aanbieder_id"], record.get("dienst"), record.get("gemeente"))
        if key not in newest or record["peildatum"] >= newest[key]["peildatum"]:
            newest[key] = record
    return sorted(newest.values(), key=lambda r: r["_rij"])


def _place(record: Record, column: str, value: Any = None) -> dict[str, Any]:
    return {"blad": SHEET, "rij": record["_rij"], "kolom": column, "waarde": show_value(value)}


def _row_ok(record: Record, known: Published, today: dt.date, source: str, report: Report) -> bool:
    aid = record["aanbieder_id"]
    ok = True
    if aid not in known.in_register:
        report.error(
            "Deze aanbieder_id staat niet in het gepubliceerde contractregister. Controleer "
            "de id, of importeer eerst het register waarin deze aanbieder staat.",
            source,
            **_place(record, "aanbieder_id", aid),
        )
        ok = False
    if record.get("wachttijd_weken") is None and record.get("neemt_nieuwe_clienten") is None:
        report.error(
            "Vul wachttijd_weken of neemt_nieuwe_clienten in (of allebei); een rij zonder "
            "meting wordt niet ingelezen.",
            source,
            **_place(record, "wachttijd_weken"),
        )
        ok = False
    if record["peildatum"] > today:
        report.error(
            f"De peildatum ligt in de toekomst. Vul de datum van de meting in (vandaag is "
            f"{today.isoformat()}).",
            source,
            **_place(record, "peildatum", record["peildatum"].isoformat()),
        )
        ok = False
    return ok


def _warn_about(
    record: Record, known: Published, today: dt.date, source: str, report: Report
) -> None:
    """What the contract allows but the site would like to know about, for the newest
    measurement of a place: a service the provider has no contract for, a measurement
    older than the register's own or than six weeks."""
    aid, dienst, day = record["aanbieder_id"], record.get("dienst"), record["peildatum"]
    if dienst is not None and dienst not in known.services.get(aid, set()):
        report.warning(
            f"Deze aanbieder heeft in het register geen contract voor {dienst}. De meting "
            "wordt bewaard, maar de site toont haar pas bij een contract.",
            source,
            **_place(record, "dienst", dienst),
        )
    own = known.register_dates.get(aid)
    if own is not None and day < own and record.get("wachttijd_weken") is not None:
        report.warning(
            f"De nieuwste meting hier is ouder dan de wachttijd in het contractregister "
            f"(peildatum {own.isoformat()}). Ze wordt bewaard, maar de site toont die uit "
            "het register.",
            source,
            **_place(record, "peildatum", day.isoformat()),
        )
    elif today - day > OLD_AFTER:
        report.warning(
            "De nieuwste meting hier is meer dan zes weken oud. Ze wordt bewaard; de site zet "
            "er 'oud' bij.",
            source,
            **_place(record, "peildatum", day.isoformat()),
        )


def _warn_doubles(records: list[Record], source: str, report: Report) -> None:
    """Two rows for the same provider, service, gemeente and date: the last one counts."""

    def key(r: Record) -> tuple[Any, ...]:
        return (r["aanbieder_id"], r.get("dienst"), r.get("gemeente"), r["peildatum"])

    counts = Counter(key(r) for r in records)
    seen: dict[Any, int] = {}
    for record in records:
        if counts[key(record)] > 1 and key(record) in seen:
            report.warning(
                f"Deze meting staat ook op rij {seen[key(record)]} (zelfde aanbieder, dienst, "
                "gemeente en peildatum). De laatste rij telt.",
                source,
                **_place(record, "peildatum", record["peildatum"].isoformat()),
            )
        seen[key(record)] = record["_rij"]
