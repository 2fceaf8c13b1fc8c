"""Publish a validated register: all of it, atomically, or nothing.

Order of events for `import`:
1. read and validate the file (all problems collected); errors -> refuse, record the run;
   (an import holds the import lock from here to the end: app/register/lock.py);
2. in ONE database transaction: sync the reference data, apply the register as a diff
   (unchanged rows are left alone, so a re-import of the same file changes nothing),
   and record what changed for each provider (app/register/changes.py);
3. build the new search index into a fresh directory from that same, uncommitted
   transaction;
4. commit; only then point the live index at the new directory.
Any exception in 2-4 rolls the transaction back and discards the new directory: the
previous register and index stay live. Every run is recorded in `import_run`; an import
that changes nothing still confirms every provider ("gecontroleerd"). No exception ever
leaves `run_register`: an unexpected one is a failed run, with its details in the log.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from app.domain import clock
from app.domain.models import IMPORT, VALIDATIE, ImportRun
from app.domain.queries import GEPUBLICEERD, ONGEWIJZIGD, published_run
from app.domain.reference import ReferenceData
from app.extensions import DbSession
from app.register.apply import apply_register
from app.register.changes import confirm, diff
from app.register.changes import record as record_changes
from app.register.cross_rules import Register
from app.register.lock import import_lock
from app.register.problems import FOUT, WAARSCHUWING, Report
from app.register.provider_state import load_state, register_state
from app.register.reader import checksum, read_register
from app.register.reference_sync import sync_reference
from app.register.validate import validate
from app.search.index import IndexStore

log = logging.getLogger(__name__)

AFGEWEZEN = "afgewezen"
MISLUKT = "mislukt"
GOEDGEKEURD = "goedgekeurd"


@dataclass
class ImportResult:
    """What happened, for the CLI to print and the tests to check."""

    outcome: str
    report: Report
    run_id: int | None  # None only when not even the failure could be recorded
    changes: int = 0
    counts: dict[str, int] | None = None
    live: str | None = None  # what is published once this run let go of the import lock
    melding: str = ""  # why a run failed
    # what `changes` counts, in the keeper's words: one, many
    changed: tuple[str, str] = ("wijziging", "wijzigingen")

    @property
    def ok(self) -> bool:
        return self.outcome in (GEPUBLICEERD, ONGEWIJZIGD, GOEDGEKEURD)


def _now() -> dt.datetime:
    return clock.utc_now()


def new_run(
    path: Path, soort: str, started: dt.datetime, report: Report, register: Register | None
) -> ImportRun:
    """The record of one run (not yet added to the session)."""
    return ImportRun(
        soort=soort,
        gestart=started,
        beeindigd=_now(),
        bestandsnaam=path.name,
        checksum=checksum(path) if path.exists() else "",
        fictief=bool(register and register.fictief),
        aantallen=register.counts() if register else {},
        aantal_fouten=len(report.errors),
        aantal_waarschuwingen=len(report.warnings),
        fouten=report.stored(FOUT),
        waarschuwingen=report.stored(WAARSCHUWING),
    )


def record(session: DbSession, run: ImportRun, outcome: str, message: str = "") -> int:
    """Store a run that published nothing, in a transaction of its own."""
    run.uitkomst, run.melding = outcome, message
    session.add(run)
    session.commit()
    return run.id


def record_failure(
    session: DbSession, run: ImportRun, exc: BaseException, what: str = "Import"
) -> int | None:
    """Roll back, log the details, and record `run` as failed (None when even that fails:
    then the database itself is the problem, and the log says so)."""
    session.rollback()
    log.error("%s failed; nothing published", what, exc_info=exc)
    try:
        return record(session, run, MISLUKT, f"{what} afgebroken: {type(exc).__name__}: {exc}")
    except Exception:
        session.rollback()
        log.exception("the failed run could not be recorded either")
        return None


def run_register(
    session: DbSession,
    path: Path,
    ref: ReferenceData,
    store: IndexStore,
    *,
    dry_run: bool = False,
    today: dt.date | None = None,
    wait: bool = True,
    on_wait: Callable[[], None] | None = None,
) -> ImportResult:
    """Validate (dry run) or import and publish a register file; always records the run.
    An import holds the import lock from validating to publishing (waiting for another
    import first, calling `on_wait`; or raising ImportBusy when `wait` is False), and its
    result says what is live when the lock is let go."""
    if dry_run:
        return _run(session, path, ref, store, True, today)
    with import_lock(session.get_bind(), wait, on_wait):
        result = _run(session, path, ref, store, False, today)
        result.live = describe_live(session)
        return result


def describe_live(session: DbSession) -> str | None:
    """The published register in a few words: run, file and checksum."""
    run = published_run(session)
    session.rollback()  # end the read, so that the lock is let go with nothing open
    if run is None:
        return None
    return f"register {run.id} ({run.bestandsnaam}, {run.checksum[:12]})"


def _run(
    session: DbSession,
    path: Path,
    ref: ReferenceData,
    store: IndexStore,
    dry_run: bool,
    today: dt.date | None,
) -> ImportResult:
    """Nothing raises: an unexpected error is a failed run, with the details in the log."""
    started, report = _now(), Report()
    soort = VALIDATIE if dry_run else IMPORT
    register: Register | None = None
    try:
        register = validate(read_register(path, report), ref, report)
        if not report.ok or dry_run:
            outcome = GOEDGEKEURD if report.ok else AFGEWEZEN
            run_id = record(session, new_run(path, soort, started, report, register), outcome)
            return ImportResult(outcome, report, run_id, counts=register.counts())
        return _publish(session, path, ref, store, register, report, started, today)
    except Exception as exc:  # anything at all: recorded, logged, nothing published
        failed = record_failure(session, new_run(path, soort, started, report, register), exc)
        counts = register.counts() if register else None
        return ImportResult(MISLUKT, report, failed, counts=counts, melding=str(exc))


def _publish(
    session: DbSession,
    path: Path,
    ref: ReferenceData,
    store: IndexStore,
    register: Register,
    report: Report,
    started: dt.datetime,
    today: dt.date | None,
) -> ImportResult:
    build_dir = None
    run = new_run(path, IMPORT, started, report, register)
    try:
        previous = published_run(session)
        before = load_state(session)
        changes = sync_reference(session, ref) + apply_register(
            session, register, today or clock.today()
        )
        if previous is not None and changes == 0 and previous.fictief == register.fictief:
            run_id = _keep_previous(session, store, previous, run)
            return ImportResult(ONGEWIJZIGD, report, run_id, 0, register.counts())
        run.uitkomst = GEPUBLICEERD
        run.referentie = ref.document
        session.add(run)
        session.flush()
        record_changes(session, run.id, diff(before, register_state(register)))
        build_dir = store.build(session, run.id)
        session.commit()
    except Exception as exc:  # anything at all: the previous register must stay live
        store.discard(build_dir)
        failed = record_failure(session, new_run(path, IMPORT, started, report, register), exc)
        return ImportResult(MISLUKT, report, failed, counts=register.counts(), melding=str(exc))
    store.activate(build_dir)
    return ImportResult(GEPUBLICEERD, report, run.id, changes, register.counts())


def _keep_previous(
    session: DbSession, store: IndexStore, previous: ImportRun, run: ImportRun
) -> int:
    """Nothing changed: undo the diff, record `run` as unchanged (it confirms every
    provider in the register), keep `previous` live (rebuilding its index if it is
    missing); returns the run's id."""
    session.rollback()
    run.uitkomst = ONGEWIJZIGD
    run.melding = f"Niets veranderd; register {previous.id} blijft gepubliceerd."
    session.add(run)
    session.flush()
    confirm(session, run.id)
    session.commit()
    _ensure_index(session, store, previous.id)
    return run.id


def _ensure_index(session: DbSession, store: IndexStore, version: int) -> None:
    """Rebuild the index when it is missing or was built from another version."""
    if store.live_version() != version:
        rebuild_index(session, store)


def rebuild_index(session: DbSession, store: IndexStore) -> int | None:
    """Build the index from the published register and make it live; returns the version."""
    run = published_run(session)
    if run is None:
        return None
    directory = store.build(session, run.id)
    store.activate(directory)
    return run.id
