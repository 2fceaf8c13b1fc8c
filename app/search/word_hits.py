"""The providers one word finds in the Whoosh index, with their scores, per catalog
position: each word is looked up once and cached on the catalog, so a common word costs
a Whoosh search once per register version, not on every search."""

from __future__ import annotations

import threading
from array import array
from collections import OrderedDict
from dataclasses import dataclass
from typing import Any

from app.search.catalog import Catalog
from app.search.words import word_query

CACHED_WORDS = 256  # at 20,000 providers one word takes about 80 KB


@dataclass(frozen=True)
class WordHits:
    """The providers one word matches, and its score per catalog position (0 = no match)."""

    mask: int
    scores: array[float]
    top: float  # the highest score, to scale the others by


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
        positions_of = self._docnum_positions(searcher)
        scores = array("f", bytes(4 * len(self.catalog.providers)))
        mask, top = 0, 0.0
        for score, docnum in searcher.search(word_query(word, fuzzy), limit=None).top_n:
            position = positions_of[docnum]
            if position >= 0:  # providers without an active contract today are not in the catalog
                scores[position] = score
                mask |= 1 << position
                top = max(top, scores[position])
        return WordHits(mask, scores, top)

    def _docnum_positions(self, searcher: Any) -> list[int]:
        """Whoosh document number -> catalog position (-1 when not in the catalog)."""
        if self._positions is None:
            reader = searcher.reader()
            positions_of = [-1] * reader.doc_count_all()
            for docnum, stored in reader.iter_docs():
                positions_of[docnum] = self.catalog.position.get(stored["id"], -1)
            self._positions = positions_of
        return self._positions
