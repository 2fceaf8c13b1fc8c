"""The exports as files: each one written once per published register and day, gzipped,
next to the search index (SEARCH_INDEX_DIR/exports/), and served from disk.

A download then costs a file read, never a database cursor. They are written by
`flask register import` right after publishing, and by every web process's watcher when
it sees a register state or a day it has no exports of (another machine published, or
midnight came), in a child process (app/opendata/exports/child.py); a download that
comes first writes what it needs. Writing holds a lock that also holds between
processes, so however many arrive at once, each file is written once. The day is part
of the name because "active today" and the age of a figure change at midnight; files of
older registers and days are removed as new ones are written (the previous one stays a
while for downloads that are still reading it).
"""

from __future__ import annotations

import datetime as dt
import fcntl
import gzip
import logging
import os
import shutil
import threading
import time
import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from flask import Flask

from app.extensions import DbSession
from app.opendata.exports.child import write_in_child
from app.opendata.exports.csv_export import contract_rows, csv_stream, figure_rows
from app.opendata.exports.hsds import hsds_stream

log = logging.getLogger(__name__)

CHUNK_BYTES = 64 * 1024
KEEP = 2  # folders: the current one and the one before it
RETRY_AFTER = 600.0  # seconds before a failed background write is tried again (not every look)


@dataclass(frozen=True)
class Export:
    """One download: its file name, media type and the text chunks it is made of."""

    filename: str
    mimetype: str
    chunks: Callable[[DbSession, dt.date, int], Iterator[str]]


EXPORTS = {
    e.filename: e
    for e in (
        Export("contracten.csv", "text/csv", lambda s, day, n: csv_stream(contract_rows(s, day))),
        Export("kwaliteit.csv", "text/csv", lambda s, day, n: csv_stream(figure_rows(s, n, day))),
        Export("hsds.json", "application/json", lambda s, day, n: hsds_stream(s, day, n)),
    )
}


@contextmanager
def _file_lock(path: Path) -> Iterator[None]:
    """An exclusive lock between processes (gunicorn workers) on `path`."""
    with path.open("a") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def write_gzip(chunks: Iterator[str], target: Path) -> None:
    """Write text chunks to `target` gzipped, atomically (a reader sees all or nothing)."""
    partial = target.with_name(f".{target.name}.{uuid.uuid4().hex[:8]}.tmp")
    try:
        with (
            partial.open("wb") as raw,
            gzip.GzipFile(filename="", mode="wb", fileobj=raw, compresslevel=6, mtime=0) as packed,
        ):
            for chunk in chunks:
                packed.write(chunk.encode("utf-8"))
        os.replace(partial, target)
    finally:
        partial.unlink(missing_ok=True)


def gunzipped(path: Path) -> Iterator[bytes]:
    """The plain bytes of a gzipped file, a chunk at a time (for clients without gzip)."""
    with gzip.open(path, "rb") as plain:
        while chunk := plain.read(CHUNK_BYTES):
            yield chunk


class ExportFiles:
    """The export files under one folder, one subfolder per (register, day, minimum n)."""

    def __init__(self, root: str | Path):
        self.root = Path(root)
        self._lock = threading.Lock()
        self._writer = threading.Lock()  # one background writer per process
        self._retry_after = 0.0  # after a failed background write: not before (monotonic)

    def path(self, name: str, state: str, day: dt.date, minimum_n: int) -> Path:
        """`state` is Publication.state: the register version, its confirmation and its
        availability (an availability import changes the exports, not the version)."""
        return self.root / f"v{state}-{day.isoformat()}-n{minimum_n}" / f"{name}.gz"

    def get(self, session: DbSession, name: str, state: str, day: dt.date, minimum_n: int) -> Path:
        """The gzipped file of export `name`, written first if it is not there yet."""
        target = self.path(name, state, day, minimum_n)
        if not target.exists():
            self._write_missing(session, [name], state, day, minimum_n)
        return target

    def write_all(self, session: DbSession, state: str, day: dt.date, minimum_n: int) -> None:
        """Write every export of a register that is not there yet (right after publishing
        it), in one hold of the lock: a second writer finds them all written."""
        self._write_missing(session, list(EXPORTS), state, day, minimum_n)

    def _write_missing(
        self, session: DbSession, names: list[str], state: str, day: dt.date, minimum_n: int
    ) -> None:
        self.root.mkdir(parents=True, exist_ok=True)
        with self._lock, _file_lock(self.root / ".lock"):
            for name in names:
                target = self.path(name, state, day, minimum_n)
                if not target.exists():  # another thread or process may have written it
                    target.parent.mkdir(exist_ok=True)
                    write_gzip(EXPORTS[name].chunks(session, day, minimum_n), target)
            self._remove_old()

    def missing(self, state: str, day: dt.date, minimum_n: int) -> bool:
        """Whether some export of this register state and day is not written yet."""
        return any(not self.path(name, state, day, minimum_n).exists() for name in EXPORTS)

    def write_in_background(
        self, app: Flask, state: str, day: dt.date, minimum_n: int
    ) -> threading.Thread | None:
        """Start writing the missing exports of (state, day), in a child process that a
        thread waits for, unless none is missing, this process is already writing, or
        the last try failed a moment ago (None then): no downloader waits, and a failure
        is not logged every look."""
        if time.monotonic() < self._retry_after or not self.missing(state, day, minimum_n):
            return None
        if not self._writer.acquire(blocking=False):
            return None

        database = app.config["SQLALCHEMY_DATABASE_URI"]

        def run() -> None:
            try:
                write_in_child(database, self.root, state, day, minimum_n)
            except Exception:
                self._retry_after = time.monotonic() + RETRY_AFTER
                log.exception("exports of register %s (%s) could not be written", state, day)
            finally:
                self._writer.release()

        thread = threading.Thread(target=run, name="exports-write", daemon=True)
        thread.start()
        return thread

    def _remove_old(self) -> None:
        folders = sorted(
            (p for p in self.root.iterdir() if p.is_dir()),
            key=lambda p: p.stat().st_mtime,
            reverse=True,
        )
        for old in folders[KEEP:]:
            shutil.rmtree(old, ignore_errors=True)
