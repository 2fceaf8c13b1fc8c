"""The Whoosh search index: derived from the database, never edited in place.

Each build goes into a fresh directory under SEARCH_INDEX_DIR; a small pointer file
(`CURRENT`) names the directory that is live, and is replaced atomically with
`os.replace`, so readers see either the old or the new index, never half of one.
The directory name carries the register version (ImportRun id) the index was built from.
`ensure()` is how a web process gets an index of the published version: one builder per
machine, the others wait and open its build. A build that cannot be read is set aside.

Whoosh pitfall (see ../shared/STYLE.md): never call `searcher.refresh()`; open a new
searcher instead.
"""

from __future__ import annotations

import gc
import logging
import os
import re
import shutil
import uuid
import warnings
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from filelock import FileLock
from sqlalchemy import select
from whoosh import index as whoosh_index
from whoosh.fields import ID, KEYWORD, TEXT, Schema
from whoosh.filedb.filestore import FileStorage

from app.domain.models import (
    Aanbieder,
    AanbiederTaal,
    AanbiederThema,
    Contract,
    Dienst,
    Gemeente,
    Locatie,
    Thema,
)
from app.extensions import DbSession
from app.search.analysis import dutch_analyzer

log = logging.getLogger(__name__)

POINTER = "CURRENT"
BUILD_LOCK = ".build.lock"
_BUILD_NAME = re.compile(r"^v(\d+)-[0-9a-f]{8}$")


def make_schema() -> Schema:
    """One document per provider that is in the register."""
    analyzer = dutch_analyzer()
    return Schema(
        id=ID(stored=True, unique=True),
        naam=TEXT(analyzer=analyzer, field_boost=3.0),
        tekst=TEXT(analyzer=analyzer),
        diensten=KEYWORD(commas=True, lowercase=True),
    )


def _documents(session: DbSession) -> Iterator[dict[str, str]]:
    """Search documents from the database, with a fixed number of queries."""
    # The words residents type for a theme or service are not in the index: the search
    # recognises them in the query (app/search/vocabulary.py) and matches by contract.
    thema_words = {t.code: [t.label_nl, t.label_en] for t in session.scalars(select(Thema))}
    dienst_words = {d.code: [d.code, d.naam_nl, d.naam_en] for d in session.scalars(select(Dienst))}
    gemeente_naam = dict(session.execute(select(Gemeente.cbs, Gemeente.naam)).all())
    extra: dict[str, list[str]] = defaultdict(list)
    diensten: dict[str, set[str]] = defaultdict(set)
    for aid, code in session.execute(
        select(AanbiederThema.aanbieder_id, AanbiederThema.thema_code)
    ):
        extra[aid].extend(thema_words.get(code, []))
    for aid, taal in session.execute(select(AanbiederTaal.aanbieder_id, AanbiederTaal.taal)):
        extra[aid].append(taal)
    for aid, plaats, cbs in session.execute(
        select(Locatie.aanbieder_id, Locatie.plaats, Locatie.gemeente_cbs)
    ):
        extra[aid].extend(w for w in (plaats, gemeente_naam.get(cbs or "")) if w)
    for aid, code in session.execute(select(Contract.aanbieder_id, Contract.dienst_code)):
        if code not in diensten[aid]:
            diensten[aid].add(code)
            extra[aid].extend(dienst_words.get(code, []))
    providers = session.execute(
        select(
            Aanbieder.id, Aanbieder.naam, Aanbieder.omschrijving, Aanbieder.omschrijving_en
        ).where(Aanbieder.uit_register_sinds.is_(None))
    )
    for aid, naam, omschrijving, omschrijving_en in providers:
        words = [omschrijving or "", omschrijving_en or "", *extra.pop(aid, [])]
        yield {
            "id": aid,
            "naam": naam,
            "tekst": " ".join(words),
            "diensten": ",".join(sorted(diensten[aid])),
        }


def _write_documents(ix: whoosh_index.Index, documents: Iterable[dict[str, str]]) -> None:
    # One process writes one segment. Two processes (procs=2, multisegment) built a
    # 20,000-provider index in 13 s instead of 25 s, but left two segments, and every text
    # search opens a searcher: 12.6 ms over two segments against 2.7 ms over one (Whoosh
    # copies each segment's files into memory on opening). The build runs off the request
    # path; the searches do not. The writer's pool spills to disk beyond `limitmb` and
    # still commits one segment: at 20,000 providers 32 MB built in 30 s with a peak of
    # 179 MB, 128 MB in 28 s with 292 MB (a web worker's watcher builds too).
    writer = ix.writer(limitmb=32)
    try:
        for document in documents:
            writer.add_document(**document)
    except BaseException:
        writer.cancel()  # closes the writer's temporary files
        raise
    writer.commit()


def _open_index(directory: Path) -> whoosh_index.Index:
    """Open a build to read, with plain file reads instead of Whoosh's default mmap. Each
    searcher over an mmap copies the segment's files into memory on opening: 3.9 ms per
    text search at 20,000 providers, against 1.3 ms reading them. And a file truncated
    under an mmap kills the process (SIGBUS) where a short read raises, which the live
    search treats as damage (app/search/live.py)."""
    return FileStorage(str(directory), supports_mmap=False).open_index()


class IndexStore:
    """The index directories under one root, and which of them is live."""

    def __init__(self, root: str | Path):
        self.root = Path(root)
        self.listeners: list[Callable[[str], None]] = []

    # --- building --------------------------------------------------------------------

    def build(self, session: DbSession, version: int) -> Path:
        """Build a complete new index for `version` in a fresh directory (not yet live)."""
        self.root.mkdir(parents=True, exist_ok=True)
        directory = self.root / f"v{version}-{uuid.uuid4().hex[:8]}"
        directory.mkdir()
        try:
            ix = whoosh_index.create_in(str(directory), make_schema())
            _write_documents(ix, _documents(session))
        except BaseException:
            shutil.rmtree(directory, ignore_errors=True)
            raise
        return directory

    def activate(self, directory: Path, announce: bool = True) -> None:
        """Make a built directory the live index (atomic), drop stale builds, and tell
        whoever listens (this process's live search, so a publisher serves what it
        published at once)."""
        pointer_tmp = self.root / f"{POINTER}.{uuid.uuid4().hex[:8]}.tmp"
        pointer_tmp.write_text(directory.name, encoding="utf-8")
        os.replace(pointer_tmp, self.root / POINTER)
        self._remove_old(keep={directory.name})
        for listener in self.listeners if announce else ():
            listener(directory.name)

    def discard(self, directory: Path | None) -> None:
        """Remove a build that will never go live."""
        if directory is not None:
            shutil.rmtree(directory, ignore_errors=True)

    def _remove_old(self, keep: set[str]) -> None:
        # The previous build stays too: a request that opened it a moment ago may still
        # be reading it.
        builds = sorted(
            (p for p in self.root.iterdir() if _BUILD_NAME.match(p.name)),
            key=lambda p: p.stat().st_mtime,
            reverse=True,
        )
        for old in builds[2:]:
            if old.name not in keep:
                shutil.rmtree(old, ignore_errors=True)

    # --- reading, and noticing damage ----------------------------------------------

    def live_name(self) -> str | None:
        """The directory name of the live index, or None when there is none."""
        try:
            name = (self.root / POINTER).read_text(encoding="utf-8").strip()
        except (FileNotFoundError, NotADirectoryError):
            return None
        return name if _BUILD_NAME.match(name) and (self.root / name).is_dir() else None

    def live_version(self) -> int | None:
        """The register version (ImportRun id) the live index was built from."""
        name = self.live_name()
        return version_of(name) if name else None

    def open_live(self) -> OpenIndex | None:
        """The live index, opened (None when there is none)."""
        name = self.live_name()
        return self.open(name) if name else None

    def open(self, name: str) -> OpenIndex:
        """Open one build and read it once, so that a damaged one fails here (raises)."""
        sizes = self._sizes(name)
        ix = _open_index(self.root / name)
        with ix.searcher() as searcher:
            searcher.doc_count()
            list(searcher.lexicon("naam"))
        return OpenIndex(name, ix, sizes)

    def intact(self, opened: OpenIndex) -> bool:
        """Is `opened` still the live build, with every file as it was when opened? (A
        cheap check: a deleted, replaced or truncated file changes the answer.)"""
        try:
            return self.live_name() == opened.name and self._sizes(opened.name) == opened.sizes
        except OSError:
            return False

    def _sizes(self, name: str) -> tuple[tuple[str, int], ...]:
        return tuple(sorted((p.name, p.stat().st_size) for p in (self.root / name).iterdir()))

    def set_aside(self, name: str) -> bool:
        """Move a damaged build out of the way (kept once, for a post-mortem); False when
        another process already did."""
        try:
            os.replace(self.root / name, self.root / f"damaged-{name}")
        except OSError:
            return False
        for old in self.root.glob("damaged-*"):
            if old.name != f"damaged-{name}":
                shutil.rmtree(old, ignore_errors=True)
        return True

    def ensure(self, session: DbSession, version: int) -> OpenIndex:
        """A readable live index of `version`: the one on disk if it is that, else a new
        build. One builder per machine (a file lock in the folder): the processes that
        waited find the build made meanwhile and open it."""
        self.root.mkdir(parents=True, exist_ok=True)
        with FileLock(str(self.root / BUILD_LOCK)):
            name = self.live_name()
            if name and version_of(name) == version:
                try:
                    return self.open(name)
                except Exception as exc:
                    release_unclosed()
                    if self.set_aside(name):  # (no traceback kept: see release_unclosed)
                        log.error("search index %s is unreadable; set aside: %s", name, repr(exc))
                release_unclosed()
            directory = self.build(session, version)
            self.activate(directory, announce=False)  # the caller opens it itself
            return self.open(directory.name)


def release_unclosed() -> None:
    """After a damaged build failed to read: Whoosh's error path leaves the files it was
    reading open; collect them now, quietly, rather than warn at some later moment."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ResourceWarning)
        gc.collect()


def version_of(name: str) -> int | None:
    """The register version in a build's directory name."""
    match = _BUILD_NAME.match(name)
    return int(match[1]) if match else None


@dataclass(frozen=True)
class OpenIndex:
    """One build this process has open, and its files as they were when it was opened."""

    name: str
    index: whoosh_index.Index
    sizes: tuple[tuple[str, int], ...]

    @property
    def version(self) -> int | None:
        return version_of(self.name)
