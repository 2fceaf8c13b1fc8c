"""The commands for the register keeper and the operator.

    flask --app wsgi register validate PATH [--report OUT.xlsx]   check, publish nothing
    flask --app wsgi register import PATH [--report OUT.xlsx] [--no-wait]
                                              check and publish (atomically)
    flask --app wsgi register availability PATH [--dry-run] [--report OUT.xlsx] [--no-wait]
                                              the weekly availability file
    flask --app wsgi register demo            the demo register (and its availability file)
                                              when nothing is published yet
    flask --app wsgi register runs            the latest runs
    flask --app wsgi index rebuild            rebuild the search index from the database

The logic lives in app/register and app/search; these are thin wrappers. Every command
runs `guarded` (app/cli/guard.py): schema brought up to date, never a traceback. Imports
of either file run one at a time (app/register/lock.py): a second one waits, or with
--no-wait stops at once with exit code 2.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from tempfile import TemporaryDirectory

import click
from flask import current_app
from flask.cli import AppGroup
from sqlalchemy import select

from app.cli.demo import brought_forward
from app.cli.guard import guarded, log_path
from app.domain import clock
from app.domain.models import ImportRun
from app.domain.queries import GEPUBLICEERD, availability_run, current_publication, published_run
from app.domain.reference import load_reference
from app.extensions import db
from app.opendata.exports.files import ExportFiles
from app.register.annotated import write_annotated
from app.register.availability import run_availability
from app.register.lock import ImportBusy, import_lock
from app.register.publish import MISLUKT, ImportResult, rebuild_index, run_register
from app.register.reader import checksum
from app.search.index import IndexStore

register_cli = AppGroup("register", help="Het contractregister controleren en publiceren.")
index_cli = AppGroup("index", help="De zoekindex beheren.")

MAX_PRINTED_PROBLEMS = 200
REPORT_OPTION = click.option(
    "--report",
    "report_path",
    type=click.Path(dir_okay=False),
    help="Schrijf een kopie van het bestand met elk probleem gemarkeerd (OUT.xlsx).",
)
WAIT_OPTION = click.option(
    "--wait/--no-wait",
    default=True,
    help="Wachten als er al een import loopt (standaard), of dan meteen stoppen.",
)


def _store() -> IndexStore:
    return current_app.extensions["search_index"]


def _waiting() -> None:
    click.echo("Er loopt al een import; deze wacht tot die klaar is …", err=True)


@contextmanager
def _busy_stops() -> Iterator[None]:
    """Another import holds the lock and this one may not wait: say so, exit code 2."""
    try:
        yield
    except ImportBusy:
        click.echo(
            "Er loopt al een import; er is niets gedaan. Probeer het opnieuw als die klaar "
            "is (of laat --no-wait weg om te wachten).",
            err=True,
        )
        raise SystemExit(2) from None


def _run(path: str, dry_run: bool, wait: bool = True) -> ImportResult:
    ref = load_reference(current_app.config["REFERENCE_DIR"])
    with _busy_stops():
        return run_register(
            db.session, Path(path), ref, _store(), dry_run=dry_run, wait=wait, on_wait=_waiting
        )


def print_result(result: ImportResult) -> None:
    """The problems (the first 200), then one line with the outcome."""
    problems = result.report.problems
    for problem in problems[:MAX_PRINTED_PROBLEMS]:
        click.echo(str(problem), err=True)
    if len(problems) > MAX_PRINTED_PROBLEMS:
        click.echo(
            f"… en nog {len(problems) - MAX_PRINTED_PROBLEMS} meldingen "
            f"(zie import-run {result.run_id}, of gebruik --report).",
            err=True,
        )
    if result.outcome == MISLUKT:
        click.echo(
            f"Uitkomst: mislukt (run {result.run_id}). Er is niets gepubliceerd: "
            f"{result.melding.splitlines()[0] if result.melding else 'onbekende fout'}. "
            f"De details staan in {log_path()}."
        )
        return
    counts = ", ".join(f"{k}: {v}" for k, v in (result.counts or {}).items())
    click.echo(
        f"Uitkomst: {result.outcome} (run {result.run_id}). "
        f"{len(result.report.errors)} fouten, {len(result.report.warnings)} "
        f"waarschuwingen. Rijen: {counts}."
    )
    if result.changes:
        one, many = result.changed
        click.echo(f"{result.changes} {one if result.changes == 1 else many} gepubliceerd.")
    if result.live:
        click.echo(f"Nu gepubliceerd: {result.live}.")


def write_report(path: str, result: ImportResult, report_path: str | None) -> None:
    """Write the annotated copy when --report was given, and say where it is."""
    if not report_path:
        return
    marked = write_annotated(Path(path), result.report.problems, Path(report_path))
    click.echo(
        f"Rapport geschreven: {report_path} ({len(result.report.problems)} meldingen, "
        f"{marked} cellen gemarkeerd; het blad 'problemen' linkt naar elke cel)."
    )


def finish(path: str, result: ImportResult, report_path: str | None) -> None:
    """Print, write the report, exit 1 when the file was refused or the run failed, and
    write the exports of what was published."""
    print_result(result)
    write_report(path, result, report_path)
    if not result.ok:
        raise SystemExit(1)
    write_exports(result)


def write_exports(result: ImportResult) -> None:
    """Right after publishing: write the export files, so no downloader waits for them."""
    live = current_publication(db.session)
    if result.outcome != GEPUBLICEERD or live is None:
        return
    files: ExportFiles = current_app.extensions["exports"]
    files.write_all(db.session, live.state, clock.today(), current_app.config["MINIMUM_N"])
    click.echo(f"Exports geschreven naar {files.root}.")


@register_cli.command("validate")
@click.argument("path", type=click.Path())
@REPORT_OPTION
@guarded
def validate_command(path: str, report_path: str | None) -> None:
    """Controleer een registerbestand zonder iets te publiceren (proefdraai)."""
    finish(path, _run(path, dry_run=True), report_path)


@register_cli.command("import")
@click.argument("path", type=click.Path())
@REPORT_OPTION
@WAIT_OPTION
@guarded
def import_command(path: str, report_path: str | None, wait: bool) -> None:
    """Controleer en publiceer een registerbestand: alles of niets, één import tegelijk."""
    finish(path, _run(path, dry_run=False, wait=wait), report_path)


@register_cli.command("availability")
@click.argument("path", type=click.Path())
@click.option("--dry-run", is_flag=True, help="Alleen controleren; niets publiceren.")
@REPORT_OPTION
@WAIT_OPTION
@guarded
def availability_command(path: str, dry_run: bool, report_path: str | None, wait: bool) -> None:
    """Controleer en publiceer een beschikbaarheidsbestand (wachttijden): alles of niets,
    één import tegelijk."""
    ref = load_reference(current_app.config["REFERENCE_DIR"])
    if dry_run:
        finish(path, run_availability(db.session, Path(path), ref, dry_run=True), report_path)
        return
    # The same lock as a register import: the availability is checked against the
    # published providers, which a running register import may be replacing.
    with _busy_stops(), import_lock(db.session.get_bind(), wait, _waiting):
        result = run_availability(db.session, Path(path), ref)
        db.session.rollback()  # nothing left open when the lock is let go
    finish(path, result, report_path)


@register_cli.command("demo")
@guarded
def demo_command() -> None:
    """Importeer het demoregister en zijn beschikbaarheid, als er nog niets is gepubliceerd."""
    config = current_app.config
    live = published_run(db.session)
    if live is not None:
        click.echo("Er is al een register gepubliceerd; het demoregister is niet geïmporteerd.")
    else:
        finish(config["DEMO_REGISTER"], _run(config["DEMO_REGISTER"], dry_run=False), None)
    # The demo availability belongs to the demo register: only on top of that one.
    demo, register = Path(config["DEMO_AVAILABILITY"]), Path(config["DEMO_REGISTER"])
    is_demo = live is None or live.checksum == checksum(register)
    if is_demo and availability_run(db.session) is None and demo.exists():
        ref = load_reference(config["REFERENCE_DIR"])
        with TemporaryDirectory() as folder:
            current = brought_forward(demo, clock.today(), Path(folder))
            finish(str(demo), run_availability(db.session, current, ref), None)


@register_cli.command("runs")
@click.option("--limit", default=10, show_default=True)
@guarded
def runs_command(limit: int) -> None:
    """Toon de laatste runs."""
    runs = db.session.scalars(select(ImportRun).order_by(ImportRun.id.desc()).limit(limit))
    for run in runs:
        click.echo(
            f"{run.id:>5} {run.gestart:%Y-%m-%d %H:%M} {run.soort:<25} {run.uitkomst:<12} "
            f"fouten {run.aantal_fouten:>4}  waarschuwingen {run.aantal_waarschuwingen:>4}  "
            f"{run.bestandsnaam} {run.checksum[:12]}"
        )


@index_cli.command("rebuild")
@guarded
def rebuild_command() -> None:
    """Bouw de zoekindex opnieuw op uit de database (de database is de bron)."""
    version = rebuild_index(db.session, _store())
    if version is None:
        click.echo("Er is nog geen register gepubliceerd; er is geen index gebouwd.")
        raise SystemExit(1)
    click.echo(f"Zoekindex opnieuw gebouwd voor register {version}.")
