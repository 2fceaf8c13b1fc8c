"""One import at a time: a lock held from validating a file to publishing it, so that the
diff is made against what is published and every run's report is true when it is given.

PostgreSQL: a session-level advisory lock on a connection of its own (the database holds
it, so it works across machines and is let go when the importing process dies). SQLite:
a file lock beside the database file (SQLite is on one machine by nature).
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

from filelock import FileLock, Timeout
from sqlalchemy import Connection, Engine, text

# pg_advisory_lock takes any bigint; this one is "KJZT" (Kies je zorgaanbieder Twente).
ADVISORY_KEY = 0x4B4A5A54
_memory_lock = threading.Lock()  # an in-memory SQLite database lives in one process


class ImportBusy(Exception):
    """Another import holds the lock and the caller chose not to wait."""


@contextmanager
def import_lock(
    bind: Engine | Connection, wait: bool = True, on_wait: Callable[[], None] | None = None
) -> Iterator[None]:
    """Hold the import lock for the block. When another import holds it: call `on_wait`
    and wait for it, or raise ImportBusy when `wait` is False."""
    engine = bind if isinstance(bind, Engine) else bind.engine
    if engine.dialect.name == "postgresql":
        with _advisory(engine, wait, on_wait):
            yield
        return
    database = engine.url.database
    lock: Any = (
        FileLock(f"{database}.import.lock") if database and database != ":memory:" else _memory_lock
    )
    if not _try(lock):
        if not wait:
            raise ImportBusy()
        if on_wait:
            on_wait()
        lock.acquire()
    try:
        yield
    finally:
        lock.release()


def _try(lock: Any) -> bool:
    if isinstance(lock, FileLock):
        try:
            lock.acquire(timeout=0)
        except Timeout:
            return False
        return True
    return bool(lock.acquire(blocking=False))


@contextmanager
def _advisory(engine: Engine, wait: bool, on_wait: Callable[[], None] | None) -> Iterator[None]:
    key = {"key": ADVISORY_KEY}
    with engine.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
        if not conn.scalar(text("SELECT pg_try_advisory_lock(:key)"), key):
            if not wait:
                raise ImportBusy()
            if on_wait:
                on_wait()
            conn.execute(text("SELECT pg_advisory_lock(:key)"), key)
        try:
            yield
        finally:
            conn.execute(text("SELECT pg_advisory_unlock(:key)"), key)
