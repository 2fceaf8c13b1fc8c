"""Command-line interface for the register keeper and the operator.

    flask --app wsgi register validate PATH   check a file, publish nothing
    flask --app wsgi register import PATH     check and publish (atomically)
    flask --app wsgi register demo            import the demo register if nothing is published
    flask --app wsgi register runs            the latest import runs
    flask --app wsgi index rebuild            rebuild the search index from the database

The logic lives in app/register and app/search; these are thin wrappers.
"""

from __future__ import annotations

from pathlib import Path

import click
from flask import current_app
from flask.cli import AppGroup
from sqlalchemy import select

from app.domain import clock
from app.domain.models import ImportRun
from app.domain.queries import GEPUBLICEERD, published_run
from app.domain.reference import load_reference
from app.extensions import db
from app.opendata.exports.files import ExportFiles
from app.register.lock import ImportBusy
from app.register.publish import ImportResult, rebuild_index, run_register
from app.search.index import IndexStore

register_cli = AppGroup("register", help="Het contractregister controleren en publiceren.")
index_cli = AppGroup("index", help="De zoekindex beheren.")

MAX_PRINTED_PROBLEMS = 200


def _store() -> IndexStore:
    return current_app.extensions["search_index"]


def _waiting() -> None:
    click.echo("Er loopt al een import; deze wacht tot die klaar is …", err=True)


def _run(path: str, dry_run: bool, wait: bool = True) -> ImportResult:
    ref = load_reference(current_app.config["REFERENCE_DIR"])
    try:
        return run_register(
            db.session, Path(path), ref, _store(), dry_run=dry_run, wait=wait, on_wait=_waiting
        )
    except ImportBusy:
        click.echo(
            "Er loopt al een import; er is niets gedaan. Probeer het opnieuw als die klaar "
            "is (of laat --no-wait weg om te wachten).",
            err=True,
        )
        raise SystemExit(2) from None


def _print_result(result: ImportResult) -> None:
    problems = result.report.problems
    for problem in problems[:MAX_PRINTED_PROBLEMS]:
        click.echo(str(problem), err=True)
    if len(problems) > MAX_PRINTED_PROBLEMS:
        click.echo(
            f"… en nog {len(problems) - MAX_PRINTED_PROBLEMS} meldingen "
            f"(zie import-run {result.run_id}).",
            err=True,
        )
    counts = ", ".join(f"{k}: {v}" for k, v in (result.counts or {}).items())
    click.echo(
        f"Uitkomst: {result.outcome} (run {result.run_id}). "
        f"{len(result.report.errors)} fouten, {len(result.report.warnings)} "
        f"waarschuwingen. Rijen: {counts}."
    )
    if result.changes:
        click.echo(f"{result.changes} wijzigingen gepubliceerd.")
    if result.live:
        click.echo(f"Nu gepubliceerd: {result.live}.")


def _write_exports(result: ImportResult) -> None:
    """Right after publishing: write the export files, so no downloader waits for them."""
    if result.outcome != GEPUBLICEERD:
        return
    files: ExportFiles = current_app.extensions["exports"]
    files.write_all(db.session, result.run_id, clock.today(), current_app.config["MINIMUM_N"])
    click.echo(f"Exports geschreven naar {files.root}.")


def _run_and_report(path: str, dry_run: bool, wait: bool = True) -> None:
    """Run, print the report, write the exports of a new register, and exit 1 when the
    file was refused or the run failed (2 when another import ran and `wait` is off)."""
    result = _run(path, dry_run=dry_run, wait=wait)
    _print_result(result)
    if not result.ok:
        raise SystemExit(1)
    _write_exports(result)


@register_cli.command("validate")
@click.argument("path", type=click.Path())
def validate_command(path: str) -> None:
    """Controleer een registerbestand zonder iets te publiceren (proefdraai)."""
    _run_and_report(path, dry_run=True)


@register_cli.command("import")
@click.argument("path", type=click.Path())
@click.option(
    "--wait/--no-wait",
    default=True,
    help="Wachten als er al een import loopt (standaard), of dan meteen stoppen.",
)
def import_command(path: str, wait: bool) -> None:
    """Controleer en publiceer een registerbestand: alles of niets, één import tegelijk."""
    _run_and_report(path, dry_run=False, wait=wait)


@register_cli.command("demo")
def demo_command() -> None:
    """Importeer het demoregister, maar alleen als er nog niets is gepubliceerd."""
    if published_run(db.session) is not None:
        click.echo("Er is al een register gepubliceerd; het demoregister is niet geïmporteerd.")
        return
    _run_and_report(current_app.config["DEMO_REGISTER"], dry_run=False)


@register_cli.command("runs")
@click.option("--limit", default=10, show_default=True)
def runs_command(limit: int) -> None:
    """Toon de laatste import-runs."""
    runs = db.session.scalars(select(ImportRun).order_by(ImportRun.id.desc()).limit(limit))
    for run in runs:
        click.echo(
            f"{run.id:>5} {run.gestart:%Y-%m-%d %H:%M} {run.soort:<9} {run.uitkomst:<12} "
            f"fouten {run.aantal_fouten:>4}  waarschuwingen {run.aantal_waarschuwingen:>4}  "
            f"{run.bestandsnaam} {run.checksum[:12]}"
        )


@index_cli.command("rebuild")
def rebuild_command() -> None:
    """Bouw de zoekindex opnieuw op uit de database (de database is de bron)."""
    version = rebuild_index(db.session, _store())
    if version is None:
        click.echo("Er is nog geen register gepubliceerd; er is geen index gebouwd.")
        raise SystemExit(1)
    click.echo(f"Zoekindex opnieuw gebouwd voor register {version}.")
