"""Words typed by a visitor -> the providers they match, as a catalog bitset with scores.

Whoosh scores "every word must match" (an And of per-word Ors) as the sum of the
per-word scores. So each word can be looked up and scored once, cached, and combined
per search with a few big-int ANDs: the ranking is the same as one big query, but a
common word ("begeleiding") costs a Whoosh search once per register version instead of
on every search. The cache lives on the catalog, so a new register starts empty.
"""

from __future__ import annotations

import threading
from array import array
from collections import OrderedDict
from dataclasses import dataclass
from typing import Any

from app.search.catalog import Catalog
from app.search.index import IndexStore, query_words, suggestion, word_query

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


def match_text(catalog: Catalog, store: IndexStore, text: str) -> TextMatch | None:
    """Providers matching every word of `text` (near misses when nothing matches exactly);
    None when there is no text to search for."""
    live = store.open_live()
    if not text or live is None:
        return None
    name, index = live
    cache: WordCache = catalog.memo(("words", name), lambda: WordCache(catalog))
    with index.searcher() as searcher:
        words = query_words(searcher, text)
        if not words:
            return None
        exact = _combine([cache.hits(searcher, w, False) for w in words])
        if exact.mask:
            return exact
        near = _combine([cache.hits(searcher, w, True) for w in words])
        near.fuzzy = bool(near.mask)
        near.suggestion = suggestion(searcher, text)
        return near


def _combine(hits: list[WordHits]) -> TextMatch:
    mask = hits[0].mask
    for word in hits[1:]:
        mask &= word.mask
    return TextMatch(mask, hits)
