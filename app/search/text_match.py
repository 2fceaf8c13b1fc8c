"""Words typed by a visitor -> the providers they match, as a catalog bitset with scores.

Whoosh scores "every word must match" (an And of per-word Ors) as the sum of the
per-word scores. So each word can be looked up and scored once, cached, and combined
per search with a few big-int ANDs: the ranking is the same as one big query, but a
common word ("begeleiding") costs a Whoosh search once per register version instead of
on every search. The cache lives on the catalog, so a new register starts empty.
"""

from __future__ import annotations

import logging
import threading
from array import array
from collections import OrderedDict
from dataclasses import dataclass
from typing import Any

from app.search.catalog import Catalog
from app.search.index import OpenIndex, release_unclosed
from app.search.words import query_words, suggestion, word_query

log = logging.getLogger(__name__)

CACHED_WORDS = 256  # at 20,000 providers one word takes about 80 KB


@dataclass(frozen=True)
class WordHits:
    """The providers one word matches, and its score per catalog position (0 = no match)."""

    mask: int
    scores: array[float]


@dataclass
class TextMatch:
    """The result of the text part of a search."""

    mask: int
    hits: list[WordHits]
    fuzzy: bool = False  # nothing matched exactly; these are near misses
    suggestion: str | None = None  # "did you mean"

    def score(self, position: int) -> float:
        return float(sum(word.scores[position] for word in self.hits))


class WordCache:
    """Scored hits per analysed word for one catalog and one index build."""

    def __init__(self, catalog: Catalog) -> None:
        self.catalog = catalog
        self._lock = threading.Lock()
        self._words: OrderedDict[tuple[str, bool], WordHits] = OrderedDict()
        self._positions: list[int] | None = None

    def hits(self, searcher: Any, word: str, fuzzy: bool) -> WordHits:
        key = (word, fuzzy)
        with self._lock:
            if key in self._words:
                self._words.move_to_end(key)
                return self._words[key]
        found = self._lookup(searcher, word, fuzzy)
        with self._lock:
            self._words[key] = found
            while len(self._words) > CACHED_WORDS:
                self._words.popitem(last=False)
        return found

    def _lookup(self, searcher: Any, word: str, fuzzy: bool) -> WordHits:
        positions = self._docnum_positions(searcher)
        scores = array("f", bytes(4 * len(self.catalog.providers)))
        mask = 0
        for score, docnum in searcher.search(word_query(word, fuzzy), limit=None).top_n:
            position = positions[docnum]
            if position >= 0:  # providers without an active contract today are not in the catalog
                scores[position] = score
                mask |= 1 << position
        return WordHits(mask, scores)

    def _docnum_positions(self, searcher: Any) -> list[int]:
        """Whoosh document number -> catalog position (-1 when not in the catalog)."""
        if self._positions is None:
            reader = searcher.reader()
            positions = [-1] * reader.doc_count_all()
            for docnum, stored in reader.iter_docs():
                positions[docnum] = self.catalog.position.get(stored["id"], -1)
            self._positions = positions
        return self._positions


class TextUnavailable(Exception):
    """Words cannot be searched right now: this process has no index it can trust."""


class IndexDamaged(TextUnavailable):
    """Reading the index failed: it is damaged (or was removed while in use)."""

    def __init__(self, opened: OpenIndex) -> None:
        super().__init__(opened.name)
        self.opened = opened


def match_text(catalog: Catalog, opened: OpenIndex | None, text: str) -> TextMatch | None:
    """Providers matching every word of `text` (near misses when nothing matches exactly);
    None when there is no text to search for. Raises TextUnavailable without an index,
    IndexDamaged when reading it fails: never an answer that ignores the words."""
    words = query_words(text) if text else []
    if not words:
        return None
    if opened is None:
        raise TextUnavailable()
    cache: WordCache = catalog.memo(("words", opened.name), lambda: WordCache(catalog))
    try:
        with opened.index.searcher() as searcher:
            exact = _combine([cache.hits(searcher, w, False) for w in words])
            if exact.mask:
                return exact
            near = _combine([cache.hits(searcher, w, True) for w in words])
            near.fuzzy = bool(near.mask)
            near.suggestion = suggestion(searcher, text)
            return near
    except Exception as exc:  # any failure to read counts as damage (truncated, removed)
        release_unclosed()  # (and no traceback kept: it would hold on to those files)
        log.warning("reading search index %s failed: %s", opened.name, repr(exc))
    release_unclosed()
    raise IndexDamaged(opened)


def _combine(hits: list[WordHits]) -> TextMatch:
    mask = hits[0].mask
    for word in hits[1:]:
        mask &= word.mask
    return TextMatch(mask, hits)
