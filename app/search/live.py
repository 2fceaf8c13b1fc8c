"""What this process searches, kept in step with the database off the request path.

A `Snapshot` pairs the catalog of one register state (version, latest confirmation,
availability: queries.Publication.state) and day with an index build of the
same version (or with none while there is no index this process can trust: then words
cannot be searched and the page says so, while the filters keep working). Requests take
the snapshot there is; when the database has a newer version or state (an availability
import changes only the catalog), the day has changed, or the
index went missing or broke, one background job makes the next snapshot and swaps it in
with a single assignment, so visitors never wait for a rebuild and never see half of one.
Only a process that has nothing at all (no snapshot yet) builds on a request.

Prewarming (no visitor pays for a build): gunicorn calls `refresh()` before a worker takes
requests and then `watch()`, whose `tick()` follows the database every few seconds and
builds the next day's catalog shortly before midnight in Europe/Amsterdam; a process that
publishes swaps in its own new register at once (`IndexStore.listeners`).
"""

from __future__ import annotations

import datetime as dt
import logging
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass

from flask import Flask

from app.domain import clock, queries
from app.extensions import db
from app.search.catalog import Catalog, build_catalog
from app.search.index import IndexStore, OpenIndex, release_unclosed, version_of
from app.search.vocabulary import vocabulary_of

log = logging.getLogger(__name__)

CHECK_EVERY = 1.0  # seconds between checks of the index files on the request path
WATCH_EVERY = 2.0  # seconds between the watcher's looks at the database
RETRY_AFTER = 10.0  # seconds before a failed background refresh is tried again
PREPARE_BEFORE_MIDNIGHT = dt.timedelta(minutes=10)


@dataclass(frozen=True)
class Snapshot:
    """A catalog and the index build of the same register version (None: no index)."""

    catalog: Catalog
    index: OpenIndex | None

    @property
    def version(self) -> int:
        return self.catalog.version


class LiveSearch:
    """This process's snapshot, and the one job that replaces it."""

    def __init__(self, app: Flask, store: IndexStore) -> None:
        self.app = app
        self.store = store
        self.snapshot: Snapshot | None = None
        self.tomorrow: Catalog | None = None  # made before midnight, swapped in after it
        self.catalogs_built = 0  # for tests and benchmarks: who paid for a catalog
        self._job = threading.Lock()
        self._first = threading.Lock()
        self._checked = 0.0
        self._retry_after = 0.0
        # Called by the watcher after each look with the snapshot it serves (the exports
        # follow it: app/server.py).
        self.after_look: list[Callable[[Snapshot], None]] = []
        # What other layers make for each new catalog before it serves a request (the
        # regional medians of provider pages: app/web/providers.py), so no visitor waits.
        self.prepare_catalog: list[Callable[[Catalog], None]] = []
        store.listeners.append(self._published_here)

    # --- the request path --------------------------------------------------------------

    def current(self, live: queries.Publication, day: dt.date) -> Snapshot:
        """The snapshot to answer from (app context): the one there is, possibly older
        than `live` for a moment while the next one is made in the background."""
        snap = self.snapshot
        if snap is None:
            with self._first:  # nothing to answer from: the one build a request waits for
                if self.snapshot is None:
                    self.snapshot = self._make(live, day, None, blocking_index=False)
            snap = self.snapshot
            assert snap is not None
        if snap.catalog.day != day and self._take_tomorrow(live.state, day):
            snap = self.snapshot
            assert snap is not None
        if self._stale(snap, live.state, day):
            self.refresh_in_background()
        return snap

    def _stale(self, snap: Snapshot, state: str, day: dt.date) -> bool:
        if not snap.catalog.made_of(state, day) or snap.index is None:
            return True
        now = time.monotonic()
        if now - self._checked < CHECK_EVERY:
            return False
        self._checked = now
        return not self.store.intact(snap.index)

    def damaged(self, opened: OpenIndex) -> None:
        """Reading `opened` failed: stop using it, set it aside, log once, rebuild."""
        snap = self.snapshot
        if snap is not None and snap.index is opened:
            self.snapshot = Snapshot(snap.catalog, None)
        if self.store.set_aside(opened.name):
            log.error("search index %s could not be read; set aside, rebuilding", opened.name)
        self.refresh_in_background()

    # --- making snapshots ---------------------------------------------------------------

    def refresh(self) -> Snapshot | None:
        """Bring the snapshot up to the database, the day and the files (app context;
        blocks until done, and until a job that runs has finished). Returns it."""
        with self._job:
            return self._refresh()

    def _refresh(self) -> Snapshot | None:
        live = queries.current_publication(db.session)
        if live is None:
            return None
        self.snapshot = self._make(live, clock.today(), self.snapshot, True)
        return self.snapshot

    def refresh_in_background(self) -> bool:
        """Start `refresh()` in a thread unless one is running or the last one failed a
        moment ago (False then)."""
        if time.monotonic() < self._retry_after or not self._job.acquire(blocking=False):
            return False

        def run() -> None:
            try:
                with self.app.app_context():
                    self._refresh()
                    db.session.remove()
            except Exception:
                self._retry_after = time.monotonic() + RETRY_AFTER
                log.exception("search refresh failed; the previous snapshot keeps serving")
            finally:
                self._job.release()

        threading.Thread(target=run, name="search-refresh", daemon=True).start()
        return True

    def _make(
        self, live: queries.Publication, day: dt.date, old: Snapshot | None, blocking_index: bool
    ) -> Snapshot:
        """A snapshot of `live` on `day`, reusing what `old` has that still holds (the
        index is of a version; the catalog also of its state)."""
        version, minimum_n = live.version, self.app.config["MINIMUM_N"]
        if old and old.catalog.made_of(live.state, day) and old.catalog.minimum_n == minimum_n:
            catalog = old.catalog
        else:
            catalog = self._catalog(version, live.state, day)
        index = old.index if old and old.version == version else None
        if index is None or not self.store.intact(index):
            index = self._index(version, blocking_index)
        if index is not None:
            self._prepare_words(catalog, index, version)
        return Snapshot(catalog, index)

    def _prepare_words(self, catalog: Catalog, index: OpenIndex, version: int) -> None:
        """The words residents type, analysed by this build, ready before the first text
        search (which otherwise waited ~0.2 s for them). A build that fails to read here
        is left to the search, which treats it as damaged."""
        try:
            vocabulary_of(catalog, index, self.app.extensions["reference"].get(db.session, version))
        except Exception as exc:
            release_unclosed()
            log.warning("search words for %s not made: %s", index.name, repr(exc))

    def _catalog(self, version: int, state: str, day: dt.date) -> Catalog:
        staged = self.tomorrow
        if staged is not None and staged.made_of(state, day):
            return staged  # made before midnight
        reference = self.app.extensions["reference"].get(db.session, version)
        self.catalogs_built += 1
        minimum_n = self.app.config["MINIMUM_N"]
        catalog = build_catalog(db.session, version, day, minimum_n, reference, state)
        for prepare in self.prepare_catalog:
            prepare(catalog)
        return catalog

    def _index(self, version: int, blocking: bool) -> OpenIndex | None:
        """An index of `version`: built if need be when `blocking`, else only the one on
        disk."""
        try:
            if blocking:
                return self.store.ensure(db.session, version)
            name = self.store.live_name()
            if name and version_of(name) == version:
                return self.store.open(name)
        except Exception as exc:
            if blocking:
                raise
            release_unclosed()
            log.error("search index for register %s could not be opened: %s", version, repr(exc))
        return None  # `current()` sees the gap and starts a build in the background

    def _published_here(self, name: str) -> None:
        """This process just published (or rebuilt) `name`: serve it now, if this process
        serves at all (a command-line import has no snapshot and makes none)."""
        if self.snapshot is not None and version_of(name) is not None:
            self.refresh()

    # --- the day ------------------------------------------------------------------------

    def _take_tomorrow(self, state: str, day: dt.date) -> bool:
        staged = self.tomorrow
        snap = self.snapshot
        if staged is None or snap is None or not staged.made_of(state, day):
            return False
        self.snapshot, self.tomorrow = Snapshot(staged, snap.index), None
        return True

    def tick(self) -> None:
        """One look (app context): catch up with the database and the files, and shortly
        before midnight make tomorrow's catalog, so that the first visitor of the new
        day finds it made."""
        with self._job:
            snap = self._refresh()
        if snap is not None:
            for listener in self.after_look:
                listener(snap)
        moment = clock.now()
        tomorrow = moment.date() + dt.timedelta(days=1)
        midnight = dt.datetime.combine(tomorrow, dt.time(), moment.tzinfo)
        if snap is None or midnight - moment > PREPARE_BEFORE_MIDNIGHT:
            return
        staged, state = self.tomorrow, snap.catalog.state
        if staged is None or not staged.made_of(state, tomorrow):
            self.tomorrow = self._catalog(snap.version, state, tomorrow)

    def watch(self, every: float = WATCH_EVERY) -> threading.Thread:
        """Run `tick()` every `every` seconds in a daemon thread, for the process's life."""

        def run() -> None:
            while True:
                time.sleep(every)
                try:
                    with self.app.app_context():
                        self.tick()
                        db.session.remove()
                except Exception:
                    log.exception("search watcher: this look failed; trying again")

        thread = threading.Thread(target=run, name="search-watch", daemon=True)
        thread.start()
        return thread
