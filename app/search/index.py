"""The Whoosh search index: derived from the database, never edited in place.

Each build goes into a fresh directory under SEARCH_INDEX_DIR; a small pointer file
(`CURRENT`) names the directory that is live, and is replaced atomically with
`os.replace`, so readers see either the old or the new index, never half of one.
The directory name carries the register version (ImportRun id) the index was built from.

Whoosh pitfall (see ../shared/STYLE.md): never call `searcher.refresh()`; open a new
searcher instead.
"""

from __future__ import annotations

import os
import re
import shutil
import threading
import uuid
from collections import defaultdict
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

from sqlalchemy import func, select
from whoosh import index as whoosh_index
from whoosh.analysis import (
    CharsetFilter,
    LowercaseFilter,
    RegexTokenizer,
    StemFilter,
    StopFilter,
    SubstitutionFilter,
)
from whoosh.fields import ID, KEYWORD, TEXT, Schema
from whoosh.lang import stopwords_for_language
from whoosh.query import FuzzyTerm, Or, Term
from whoosh.support.charset import accent_map

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

POINTER = "CURRENT"
PARALLEL_BUILD_FROM = 2000  # providers
_BUILD_NAME = re.compile(r"^v(\d+)-[0-9a-f]{8}$")


# Words that say nothing about the help someone looks for, in the two languages of the
# site's texts: Dutch (Whoosh's list) and the English function words (none of them a Dutch
# word that matters here), plus the letters left by 't, 's and 'n.
ENGLISH_STOP_WORDS = frozenset(
    "a am an and any are as at be been but by can cant could do does dont for from has have "
    "he her him his how i if im into it its me my no not of on or our she so some than that "
    "the their them then there these they this those to too us very was we were what when "
    "where which who whom why will with would you your".split()
)
STOP_WORDS = frozenset(stopwords_for_language("nl")) | ENGLISH_STOP_WORDS | {"t", "s", "n"}
# A word may hold an apostrophe or a dot (won't, alzheimer's, adhd'er, e.g.); the
# apostrophe is dropped, so "won't" is "wont" and never the stem of "wonen".
WORD = r"\w+(?:[.'’]?\w+)*"


def dutch_analyzer() -> Any:
    """Words, lower-cased, accents folded (cliënt = client), stop words left out, Dutch
    stems. Single letters and digits stay (dakje 0-a, groep 5)."""
    return (
        RegexTokenizer(WORD)
        | SubstitutionFilter("['’]", "")
        | LowercaseFilter()
        | CharsetFilter(accent_map)
        | StopFilter(stoplist=STOP_WORDS, minsize=1)
        | StemFilter(lang="nl")
    )


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


def _write_documents(
    ix: whoosh_index.Index, documents: Iterable[dict[str, str]], parallel: bool
) -> None:
    # Two processes halve the build time of a large register on this 2-core machine;
    # for a small one, starting them costs more than it saves.
    writer = (
        ix.writer(limitmb=64, procs=2, multisegment=True) if parallel else ix.writer(limitmb=64)
    )
    try:
        for document in documents:
            writer.add_document(**document)
    except BaseException:
        writer.cancel()  # closes the writer's temporary files
        raise
    writer.commit()


class IndexStore:
    """The index directories under one root, and which of them is live."""

    def __init__(self, root: str | Path):
        self.root = Path(root)
        self._lock = threading.Lock()
        self._opened: tuple[str, whoosh_index.Index] | None = None

    # --- building --------------------------------------------------------------------

    def build(self, session: DbSession, version: int) -> Path:
        """Build a complete new index for `version` in a fresh directory (not yet live)."""
        self.root.mkdir(parents=True, exist_ok=True)
        directory = self.root / f"v{version}-{uuid.uuid4().hex[:8]}"
        directory.mkdir()
        try:
            ix = whoosh_index.create_in(str(directory), make_schema())
            parallel = (
                session.scalar(select(func.count()).select_from(Aanbieder)) or 0
            ) >= PARALLEL_BUILD_FROM
            _write_documents(ix, _documents(session), parallel)
        except BaseException:
            shutil.rmtree(directory, ignore_errors=True)
            raise
        return directory

    def activate(self, directory: Path) -> None:
        """Make a built directory the live index (atomic), then drop stale builds."""
        pointer_tmp = self.root / f"{POINTER}.{uuid.uuid4().hex[:8]}.tmp"
        pointer_tmp.write_text(directory.name, encoding="utf-8")
        os.replace(pointer_tmp, self.root / POINTER)
        self._remove_old(keep={directory.name})

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

    # --- reading ---------------------------------------------------------------------

    def live_name(self) -> str | None:
        """The directory name of the live index, or None when there is none."""
        try:
            name = (self.root / POINTER).read_text(encoding="utf-8").strip()
        except FileNotFoundError:
            return None
        return name if _BUILD_NAME.match(name) and (self.root / name).is_dir() else None

    def live_version(self) -> int | None:
        """The register version (ImportRun id) the live index was built from."""
        name = self.live_name()
        match = _BUILD_NAME.match(name or "")
        return int(match[1]) if match else None

    def open_live(self) -> tuple[str, whoosh_index.Index] | None:
        """The live index with its directory name (which identifies the build)."""
        name = self.live_name()
        if name is None:
            return None
        with self._lock:
            if self._opened is None or self._opened[0] != name:
                self._opened = (name, whoosh_index.open_dir(str(self.root / name)))
            return self._opened

    def opened_version(self) -> int | None:
        """The register version of the index this process has open (None before any)."""
        opened = self._opened
        match = _BUILD_NAME.match(opened[0]) if opened else None
        return int(match[1]) if match else None


MAX_QUERY_LENGTH = 200
MAX_WORDS = 12


def query_words(searcher: Any, text: str) -> list[str]:
    """The query's words, analysed exactly as the documents were (stems, accents folded)."""
    analyzer = searcher.schema["tekst"].analyzer
    words = [token.text for token in analyzer(text[:MAX_QUERY_LENGTH])]
    return list(dict.fromkeys(words))[:MAX_WORDS]


def word_query(word: str, fuzzy: bool = False) -> Any:
    """One analysed word, in the name or the text. With `fuzzy`, the word may differ by
    one or two letters (typos: dislexie -> dyslexie). Only Term objects are built, so no
    query syntax from user input ever reaches Whoosh."""

    def term(fieldname: str) -> Any:
        if fuzzy and len(word) >= 4:
            return FuzzyTerm(fieldname, word, maxdist=2 if len(word) > 6 else 1, prefixlength=1)
        return Term(fieldname, word)

    return Or([term("naam"), term("tekst")])
