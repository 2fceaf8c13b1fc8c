"""Is this process ready to answer from the published register? And getting it there.

`warm_up()` makes today's catalog and opens (or builds) the index, so that the first
visitor does not pay for them (gunicorn calls it before a worker takes requests).
`readiness()` asks the same state without changing it: the database answers, a register
is published, and the index and the catalog this process holds are of that version.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from flask import Flask, current_app
from sqlalchemy.exc import SQLAlchemyError

from app.extensions import db
from app.search.live import LiveSearch


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
    snapshot = current_app.extensions["live_search"].snapshot
    return Readiness(
        True,
        live.version if live else None,
        snapshot.index.version if snapshot and snapshot.index else None,
        snapshot.version if snapshot else None,
    )


def warm_up() -> Readiness:
    """Make (or catch up) this process's catalog and index of the published register
    (app context), building the index if this machine has none; returns the state."""
    current_app.extensions["live_search"].refresh()
    return readiness()


def warm_up_in_background(app: Flask) -> bool:
    """Start catching up in a thread unless that is already happening (False then). (A
    process that is not ready gets no requests behind a load balancer, so it must not
    wait for one to load a new register.)"""
    searching: LiveSearch = app.extensions["live_search"]
    return searching.refresh_in_background()
