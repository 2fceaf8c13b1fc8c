"""The process's one catalog, rebuilt only when what it depends on changed."""

from __future__ import annotations

import datetime as dt
import threading

from app.domain.reference import ReferenceData
from app.extensions import DbSession
from app.search.catalog import Catalog, build_catalog


class CatalogCache:
    """One catalog per process, rebuilt when the register version, its `state`
    (Publication.state: confirmation and availability) or the day changes."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._catalog: Catalog | None = None

    def get(
        self,
        session: DbSession,
        version: int,
        day: dt.date,
        minimum_n: int,
        ref: ReferenceData,
        state: str = "",
    ) -> Catalog:
        """The catalog for these arguments, built only when one of them changed (`ref`
        belongs to `version`)."""
        wanted = (version, state, day, minimum_n)
        with self._lock:
            c = self._catalog
            if c is None or (c.version, c.state, c.day, c.minimum_n) != wanted:
                c = self._catalog = build_catalog(session, version, day, minimum_n, ref, state)
            return c

    def loaded_version(self) -> int | None:
        """The register version of the catalog this process holds (None before any)."""
        return self._catalog.version if self._catalog else None
