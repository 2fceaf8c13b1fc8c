"""The reference data published with the live register, read once per version: the one
source that pages, the API and the catalog read (see app/domain/reference.py)."""

from __future__ import annotations

import logging
import threading
from pathlib import Path

from app.domain.models import ImportRun
from app.domain.reference import ReferenceData, from_document, load_reference
from app.extensions import DbSession

log = logging.getLogger(__name__)


class PublishedReference:
    """The reference data published with the live register, read once per version.

    Before anything is published (or for a register published before the reference was
    stored with it) the files in `fallback_dir` are used, and the log says so.
    """

    def __init__(self, fallback_dir: str | Path) -> None:
        self.fallback_dir = Path(fallback_dir)
        self._lock = threading.Lock()
        self._cached: tuple[int | None, ReferenceData] | None = None

    def get(self, session: DbSession, version: int | None) -> ReferenceData:
        """The reference of register `version` (None: nothing published yet)."""
        with self._lock:
            if self._cached is None or self._cached[0] != version:
                self._cached = (version, self._read(session, version))
            return self._cached[1]

    def _read(self, session: DbSession, version: int | None) -> ReferenceData:
        run = session.get(ImportRun, version) if version is not None else None
        if run is not None and run.referentie:
            return from_document(run.referentie)
        if version is not None:
            log.warning(
                "register %s was published without its reference data; using the "
                "files in %s until the next import",
                version,
                self.fallback_dir,
            )
        return load_reference(self.fallback_dir)
