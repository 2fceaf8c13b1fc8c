"""Words typed by a visitor -> the providers they match, as catalog bitsets with scores.

A query is read first (app/search/reading.py): the phrases that name a service or a theme
become *concept parts* (the providers contracted for that service in the chosen gemeente,
or having that theme); every other word is looked up in the Whoosh index as a *word part*
(names, descriptions, places). A provider matches when it matches any part, so a word
that matches nothing never empties the result; it ranks higher the more of the query's
words it matches, a word counting for how much it tells (app/search/vocabulary.py).

Words that say who the help is for ("zoon", "moeder") make services of the other law
count less, and a theme named without a service puts the providers that also offer the
help usually asked for with it first. Each word is looked up and scored in Whoosh once,
and cached on the catalog (app/search/word_hits.py).
"""

from __future__ import annotations

import logging
from array import array
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any

from app.domain.reference import ReferenceData
from app.search.catalog import Catalog, positions
from app.search.index import OpenIndex, release_unclosed
from app.search.reading import USUAL_HELP, Reading, law_factor, read
from app.search.vocabulary import Concept, Vocabulary, vocabulary_of
from app.search.word_hits import WordCache, WordHits
from app.search.words import MAX_QUERY_LENGTH, query_words

log = logging.getLogger(__name__)

# A word found in the index counts between WORD_LOW and WORD_LOW + WORD_SPAN, by its score,
# and less than NAMED_FIRST times what the word is worth for a provider with a concept it
# names; such a provider gets MENTIONED times the text score on top.
WORD_LOW, WORD_SPAN, NAMED_FIRST, MENTIONED = 0.2, 0.3, 0.9, 0.05
BOTH_KINDS = 0.25  # part of a word's worth for the other kind (service and theme)


@dataclass(frozen=True)
class Part:
    """Something in the query providers can match: a concept named by some of its words,
    or one word found in the index (then `hits` holds its scores)."""

    words: frozenset[int]
    mask: int
    strength: float = 0.0
    concept: Concept | None = None
    hits: WordHits | None = None
    near: bool = False  # a near miss of a word that is nowhere as typed
    usual: bool = False  # help usually asked for with a theme (among its providers)


@dataclass
class TextMatch:
    """The text part of a search: what was read, and the parts providers can match."""

    reading: Reading
    parts: list[Part]
    mask: int = field(init=False)

    def __post_init__(self) -> None:
        self.mask = 0
        for part in self.parts:
            self.mask |= part.mask

    @property
    def fuzzy(self) -> bool:
        """Some words were searched in another spelling than typed."""
        return any(
            part.near or any(self.reading.words[i].corrected for i in part.words)
            for part in self.parts
            if part.mask
        )

    def scores(self, among: int, size: int) -> array[float]:
        """Per catalog position (of `size`) in `among`: the sum over the query's words of
        what each word is worth for that provider (0 outside `among`)."""
        total = array("d", bytes(8 * size))
        best = {"d": array("d", bytes(8 * size)), "t": array("d", bytes(8 * size))}
        for word in range(len(self.reading.words)):
            named = self._add_named(word, among, total, best)
            self._add_in_text(word, among, total, named)
        return total

    def _add_named(
        self, word: int, among: int, total: array[float], best: dict[str, array[float]]
    ) -> int:
        """Add one word's worth for the providers that have a concept it names: the
        strongest such concept, plus a part of the strongest of the other kind ("dyslexie"
        names a service and a theme: a provider with both comes first). Returns them."""
        reached = {"d": 0, "t": 0}
        covering = [p for p in self.parts if word in p.words and p.concept is not None]
        for part in sorted(covering, key=lambda p: -p.strength):
            kind = part.concept[0] if part.concept else "d"
            hit = part.mask & among & ~reached[kind]
            reached[kind] |= hit
            value, of_kind = part.strength * self.reading.weight[word], best[kind]
            for position in positions(hit):
                of_kind[position] = value
                total[position] += value
        # Both kinds: the stronger counts whole, the other for BOTH_KINDS (added whole above).
        services, themes = best["d"], best["t"]
        for position in positions(reached["d"] & reached["t"]):
            total[position] -= (1 - BOTH_KINDS) * min(services[position], themes[position])
        return reached["d"] | reached["t"]

    def _add_in_text(self, word: int, among: int, total: array[float], named: int) -> None:
        """Add what one word found in the index is worth: a little for a provider that
        also has a concept the word names (it says so too); for the others, less than any
        provider with such a concept."""
        values = [
            p.strength * self.reading.weight[word]
            for p in self.parts
            if word in p.words and p.concept is not None and not p.usual
        ]
        cap = NAMED_FIRST * min(values) if values else 1.0
        for part in self.parts:
            hits = part.hits
            if word not in part.words or hits is None or not part.mask & among:
                continue
            top = hits.top or 1.0
            for position in positions(part.mask & among & named):
                total[position] += MENTIONED * hits.scores[position] / top
            for position in positions(part.mask & among & ~named):
                total[position] += min(WORD_LOW + WORD_SPAN * hits.scores[position] / top, cap)

    def unmatched(self, among: int) -> list[str]:
        """The words (as typed) that matched nothing in `among`; a who-word did its work."""
        matched: set[int] = set(self.reading.steering)
        for part in self.parts:
            if part.mask & among:
                matched |= part.words
        return [w.text for i, w in enumerate(self.reading.words) if i not in matched]

    def suggestion(self, text: str, vocabulary: Vocabulary, lang: str, among: int) -> str | None:
        """`text` with its corrected words written as `lang` writes them, when the
        corrections found something in `among` ("Bedoelde u"); None otherwise."""
        found = {i for part in self.parts if part.mask & among for i in part.words}
        changes = []
        for i, word in enumerate(self.reading.words):
            spelled = vocabulary.spelling(word.read_as, lang) if word.corrected else None
            if spelled and i in found:
                changes.append((word.start, word.start + len(word.text), spelled))
        for start, end, spelled in sorted(changes, reverse=True):
            text = text[:start] + spelled + text[end:]
        return text if changes else None

    def concepts(self, kind: str) -> dict[str, float]:
        """The services ("d") or themes ("t") the query names, with how strongly."""
        found: dict[str, float] = {}
        for match in self.reading.matches:
            if match.concept[0] == kind:
                code = match.concept[1]
                found[code] = max(found.get(code, 0.0), self.reading.score(match))
        return found


def concept_mask(
    catalog: Catalog, concept: Concept, gemeente: str | None, services: list[str]
) -> int:
    """The providers a concept stands for: contracted for the service in the gemeente (any
    gemeente when None), if it is one of the searched `services` (any when empty); or
    having the theme (the filters then ask for a contract in the gemeente)."""
    kind, code = concept
    if kind == "d":
        return catalog.contract_mask(gemeente, [code]) if code in services or not services else 0
    return catalog.options.get("t", {}).get(code, 0)


class TextUnavailable(Exception):
    """Words cannot be searched right now: this process has no index it can trust."""


class IndexDamaged(TextUnavailable):
    """Reading the index failed: it is damaged (or was removed while in use)."""

    def __init__(self, opened: OpenIndex) -> None:
        super().__init__(opened.name)
        self.opened = opened


class TextSearch:
    """Reading texts into parts for one search: the catalog, the vocabulary, the page's
    language, and one Whoosh searcher kept open for the search (and its offers); the word
    cache and the vocabulary (analysed as the index analyses text) are kept per build."""

    def __init__(
        self, catalog: Catalog, opened: OpenIndex, searcher: Any, ref: ReferenceData, lang: str
    ) -> None:
        self.catalog, self.opened, self.searcher, self.lang = catalog, opened, searcher, lang
        self.cache: WordCache = catalog.memo(("words", opened.name), lambda: WordCache(catalog))
        self.vocabulary = vocabulary_of(catalog, opened, ref)
        self.reader = searcher.reader()

    def known(self, token: str) -> bool:
        """Whether the index has the word (then it is not read as a typo)."""
        return bool(
            self.reader.doc_frequency("tekst", token) or self.reader.doc_frequency("naam", token)
        )

    def match(
        self, text: str, gemeente: str | None = None, services: list[str] | None = None
    ) -> TextMatch | None:
        """The parts of `text` and the providers each matches, in `gemeente` and through
        the searched `services` (all when empty); None when there is no text to search for
        (nothing typed, or only stop words and signs). Raises IndexDamaged when reading
        the index fails."""
        try:
            return self._match(text, gemeente, services)
        except Exception as exc:  # any failure to read counts as damage (truncated, removed)
            _note_damage(self.opened, exc)
        release_unclosed()
        raise IndexDamaged(self.opened)

    def _match(
        self, text: str, gemeente: str | None, services: list[str] | None
    ) -> TextMatch | None:
        analyzer = self.searcher.schema["tekst"].analyzer
        reading = read(text[:MAX_QUERY_LENGTH], analyzer, self.vocabulary, self.known, self.lang)
        if not reading.words:
            return None
        parts = _concept_parts(self.catalog, reading, self.vocabulary, gemeente, services or [])
        parts += _word_parts(self.searcher, self.cache, reading, near=False)
        if not any(part.mask for part in parts):
            parts += _word_parts(self.searcher, self.cache, reading, near=True)
        return TextMatch(reading, parts)


@contextmanager
def text_search(
    catalog: Catalog, opened: OpenIndex | None, text: str, ref: ReferenceData, lang: str = "nl"
) -> Iterator[TextSearch | None]:
    """A TextSearch on `opened` (a build of the catalog's version; `ref`: the catalog's
    reference data) for one search of `text`; None when `text` has no words to search for.
    Raises TextUnavailable when there are words but no index, IndexDamaged when reading
    the index fails: never an answer that ignores the words."""
    if not query_words(text):
        yield None
        return
    if opened is None:
        raise TextUnavailable()
    words: TextSearch | None = None
    try:
        words = TextSearch(catalog, opened, opened.index.searcher(), ref, lang)
    except Exception as exc:  # any failure to read counts as damage (truncated, removed)
        _note_damage(opened, exc)
    if words is None:
        release_unclosed()
        raise IndexDamaged(opened)
    with words.searcher:
        yield words


def _note_damage(opened: OpenIndex, exc: Exception) -> None:
    release_unclosed()  # (and no traceback kept: it would hold on to those files)
    log.warning("reading search index %s failed: %s", opened.name, repr(exc))


def _concept_parts(
    catalog: Catalog,
    reading: Reading,
    vocabulary: Vocabulary,
    gemeente: str | None,
    services: list[str],
) -> list[Part]:
    """The services and themes the query names (a service of the other law than its
    who-words counting less), and the help usually asked for with its themes, among
    the providers that have the theme."""
    parts = [
        Part(
            m.words,
            concept_mask(catalog, m.concept, gemeente, services),
            m.strength * law_factor(reading, vocabulary, m.concept),
            m.concept,
        )
        for m in reading.matches
    ]
    for u in reading.usual:
        mask = concept_mask(catalog, ("d", u.service), gemeente, services)
        mask &= concept_mask(catalog, ("t", u.theme), None, [])
        parts.append(Part(u.words, mask, u.strength * USUAL_HELP, ("d", u.service), usual=True))
    return parts


def _word_parts(searcher: Any, cache: WordCache, reading: Reading, near: bool) -> list[Part]:
    """The words outside every whole phrase, in the index: as typed or (`near`, when
    nothing else matched) as they might have been meant, one or two letters off."""
    covered = reading.covered()
    parts = []
    for i, word in enumerate(reading.words):
        if i not in covered:
            hits = cache.hits(searcher, word.read_as, near)
            parts.append(Part(frozenset({i}), hits.mask, hits=hits, near=near))
    return parts
