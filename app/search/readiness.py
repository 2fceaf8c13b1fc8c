"""Is this process ready to answer from the published register? And getting it there.

`warm_up()` opens the live index and builds today's catalog, so that the first visitor
does not pay for them (gunicorn calls it before a worker takes requests).
`readiness()` asks the same state without changing it: the database answers, a register
is published, and the index and the catalog this process holds are of that version.
"""

from __future__ import annotations

import logging
import threading
from dataclasses import dataclass
from typing import Any

from flask import Flask, current_app
from sqlalchemy.exc import SQLAlchemyError

from app.extensions import db

log = logging.getLogger(__name__)
_warming = threading.Lock()


@dataclass(frozen=True)
class Readiness:
    """What this process holds, by register version (None: nothing)."""

    database: bool
    register: int | None
    index: int | None
    catalog: int | None

    @property
    def ready(self) -> bool:
        return (
            self.database
            and self.register is not None
            and (self.index == self.catalog == self.register)
        )

    def as_json(self) -> dict[str, Any]:
        """The small JSON a load balancer (or an operator) reads."""
        live = self.register is not None
        return {
            "ready": self.ready,
            "register": self.register,
            "checks": {
                "database": self.database,
                "register": live,
                "index": live and self.index == self.register,
                "catalog": live and self.catalog == self.register,
            },
        }


def readiness() -> Readiness:
    """This process's state, without loading anything (app context)."""
    from app.search import publication

    try:
        live = publication()
    except SQLAlchemyError:
        db.session.rollback()
        return Readiness(False, None, None, None)
    return Readiness(
        True,
        live.version if live else None,
        current_app.extensions["search_index"].opened_version(),
        current_app.extensions["catalog"].loaded_version(),
    )


def warm_up() -> Readiness:
    """Open the live index and build today's catalog of the published register (app
    context); returns the state reached."""
    from app.search import live_catalog

    current_app.extensions["search_index"].open_live()
    live_catalog()
    return readiness()


def warm_up_in_background(app: Flask) -> bool:
    """Start a warm-up in a thread unless one is running; False when one already is.
    (A process that is not ready gets no requests behind a load balancer, so it must not
    wait for one to load a new register.)"""
    if not _warming.acquire(blocking=False):
        return False

    def run() -> None:
        try:
            with app.app_context():
                warm_up()
                db.session.remove()
        except Exception:
            log.exception("warm-up failed; /readyz stays false")
        finally:
            _warming.release()

    threading.Thread(target=run, name="warm-up", daemon=True).start()
    return True
