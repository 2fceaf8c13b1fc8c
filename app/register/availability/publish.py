"""Publish an availability file: all its new measurements in one transaction, or none.
Measurements are only ever added (the history is kept): a measurement already stored
is not stored twice, so importing the same file again changes nothing."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from sqlalchemy import select

from app.domain import clock
from app.domain.models import (
    BESCHIKBAARHEID,
    BESCHIKBAARHEID_VALIDATIE,
    Aanbieder,
    Beschikbaarheid,
    Contract,
)
from app.domain.queries import GEPUBLICEERD, ONGEWIJZIGD, published_run
from app.domain.reference import ReferenceData
from app.extensions import DbSession
from app.register.apply import insert_rows
from app.register.availability.rules import SHEET, Published, check
from app.register.cross_rules import Record
from app.register.problems import Report
from app.register.publish import (
    AFGEWEZEN,
    GOEDGEKEURD,
    MISLUKT,
    ImportResult,
    new_run,
    record,
    record_failure,
)
from app.register.reader import read_register

FIELDS = (
    "dienst_code",
    "gemeente_cbs",
    "wachttijd_weken",
    "neemt_nieuwe_clienten",
    "peildatum",
    "bron",
)


def _published(session: DbSession) -> Published:
    known = Published()
    for aid, gone, day in session.execute(
        select(Aanbieder.id, Aanbieder.uit_register_sinds, Aanbieder.wachttijd_peildatum)
    ):
        if gone is None:
            known.in_register.add(aid)
            if day is not None:
                known.register_dates[aid] = day
    for aid, code in session.execute(select(Contract.aanbieder_id, Contract.dienst_code)):
        known.services.setdefault(aid, set()).add(code)
    return known


def _row(record: Record) -> dict[str, Any]:
    return {
        "aanbieder_id": record["aanbieder_id"],
        "dienst_code": record.get("dienst"),
        "gemeente_cbs": record.get("gemeente"),
        "wachttijd_weken": record.get("wachttijd_weken"),
        "neemt_nieuwe_clienten": record.get("neemt_nieuwe_clienten"),
        "peildatum": record["peildatum"],
        "bron": record["bron"],
    }


def _new_rows(session: DbSession, records: list[Record]) -> list[dict[str, Any]]:
    """The measurements not stored yet (the same file twice adds nothing)."""
    ids = {r["aanbieder_id"] for r in records}
    m = Beschikbaarheid
    stored = {
        tuple(row)
        for row in session.execute(
            select(m.aanbieder_id, *[getattr(m, f) for f in FIELDS]).where(
                m.peildatum >= min((r["peildatum"] for r in records), default=dt.date.min)
            )
        )
        if row[0] in ids
    }
    rows, seen = [], set()
    for row in map(_row, records):
        key = (row["aanbieder_id"], *[row[f] for f in FIELDS])
        if key not in stored and key not in seen:
            rows.append(row)
            seen.add(key)
    return rows


def run_availability(
    session: DbSession,
    path: Path,
    ref: ReferenceData,
    *,
    dry_run: bool = False,
    today: dt.date | None = None,
) -> ImportResult:
    """Validate (dry run) or import an availability file; always records the run, never
    raises (an unexpected error is a failed run, with the details in the log)."""
    started, report = clock.utc_now(), Report()
    soort = BESCHIKBAARHEID_VALIDATIE if dry_run else BESCHIKBAARHEID
    counts: dict[str, int] = {}
    try:
        if published_run(session) is None:
            report.error(
                "Er is nog geen contractregister gepubliceerd. Importeer eerst het register; "
                "de beschikbaarheid hoort bij de aanbieders daarin.",
                path.name,
            )
        raw = read_register(path, report, sheets=(SHEET,))
        records = (
            check(raw, ref, _published(session), today or clock.today(), report)
            if report.ok
            else []
        )
        counts = {SHEET: len(records)}
        if not report.ok or dry_run:
            outcome = GOEDGEKEURD if report.ok else AFGEWEZEN
            run = new_run(path, soort, started, report, None)
            run.aantallen = counts
            return ImportResult(outcome, report, record(session, run, outcome), counts=counts)
        return _store(session, path, started, report, records)
    except Exception as exc:  # anything at all: recorded, logged, nothing published
        failed = record_failure(
            session, new_run(path, soort, started, report, None), exc, "Beschikbaarheid"
        )
        return ImportResult(MISLUKT, report, failed, counts=counts, melding=str(exc))


def _store(
    session: DbSession, path: Path, started: dt.datetime, report: Report, records: list[Record]
) -> ImportResult:
    """One transaction: the run and its new measurements."""
    run = new_run(path, BESCHIKBAARHEID, started, report, None)
    run.aantallen = {SHEET: len(records)}
    rows = _new_rows(session, records)
    if not rows:
        run.melding = "Alle metingen in dit bestand waren al bekend; er is niets veranderd."
        return ImportResult(
            ONGEWIJZIGD, report, record(session, run, ONGEWIJZIGD), 0, run.aantallen
        )
    run.uitkomst = GEPUBLICEERD
    session.add(run)
    session.flush()
    insert_rows(session, Beschikbaarheid, [{**row, "run_id": run.id} for row in rows])
    session.commit()
    return ImportResult(
        GEPUBLICEERD,
        report,
        run.id,
        len(rows),
        run.aantallen,
        changed=("nieuwe meting", "nieuwe metingen"),
    )
