"""What every register command does around its work, so that the keeper never sees a
traceback: the database schema is brought up to date first (as `flask db upgrade`
would), the details of anything unexpected go to a log file, and the terminal gets one
Dutch line that says what happened and that nothing was published."""

from __future__ import annotations

import functools
import logging
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import click
import flask_migrate
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from flask import current_app

from app.extensions import db

LOGGER = "app.register"
log = logging.getLogger(LOGGER)


class SchemaProblem(Exception):
    """The schema could not be brought up to date; the message is the Dutch line."""


def log_path() -> Path:
    """Where the register commands write their details (setting REGISTER_LOG)."""
    return Path(current_app.config["REGISTER_LOG"])


@contextmanager
def register_log(path: Path) -> Iterator[None]:
    """Send the register package's log (with tracebacks) to `path`, and only there."""
    path.parent.mkdir(parents=True, exist_ok=True)
    handler = logging.FileHandler(path, encoding="utf-8")
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    logger = logging.getLogger(LOGGER)
    before = logger.level, logger.propagate
    logger.addHandler(handler)
    logger.setLevel(logging.INFO)
    logger.propagate = False  # a console handler higher up would print the traceback
    try:
        yield
    finally:
        logger.removeHandler(handler)
        handler.close()
        logger.setLevel(before[0])
        logger.propagate = before[1]


def ensure_schema() -> None:
    """Bring the database schema up to date (the migrations in migrations/), saying so."""
    ext = current_app.extensions["migrate"]
    script = ScriptDirectory.from_config(ext.migrate.get_config(ext.directory))
    with db.engine.connect() as connection:
        current = set(MigrationContext.configure(connection).get_current_heads())
    if current == set(script.get_heads()):
        return
    known = {revision.revision for revision in script.walk_revisions()}
    if not current <= known:
        raise SchemaProblem(
            "De database heeft een nieuwer schema dan deze versie van de site kent. "
            "Gebruik de nieuwste versie van de site."
        )
    click.echo("Het databaseschema is niet actueel; het wordt nu bijgewerkt (flask db upgrade).")
    db.session.remove()  # no open transaction may hold a lock the migration needs
    try:
        flask_migrate.upgrade(directory=ext.directory)
    except Exception as exc:
        log.exception("schema upgrade failed")
        raise SchemaProblem(
            f"Het databaseschema kon niet worden bijgewerkt ({type(exc).__name__}). "
            f"Voer 'flask db upgrade' uit en kijk in {log_path()}."
        ) from None


def _one_line(exc: BaseException) -> str:
    text = str(exc).strip().splitlines()
    return f"{type(exc).__name__}: {text[0][:200]}" if text else type(exc).__name__


def guarded(command: Callable[..., Any]) -> Callable[..., Any]:
    """Run a click command with the schema up to date and its details logged; anything
    unexpected ends in one line and exit code 1, never a traceback."""

    @functools.wraps(command)
    def run(*args: Any, **kwargs: Any) -> Any:
        with register_log(log_path()):
            try:
                ensure_schema()
                return command(*args, **kwargs)
            except (click.exceptions.Exit, click.ClickException):
                raise
            except SchemaProblem as problem:
                click.echo(str(problem), err=True)
            except Exception as exc:  # the whole point: no traceback for the keeper
                log.exception("register command failed")
                _forget_session()
                click.echo(
                    f"Er ging iets onverwachts mis ({_one_line(exc)}). Er is niets "
                    f"gepubliceerd. De details staan in {log_path()}.",
                    err=True,
                )
        raise SystemExit(1)

    return run


def _forget_session() -> None:
    try:
        db.session.rollback()
    except Exception:  # the connection itself may be what broke
        log.exception("rollback after the failure failed too")
