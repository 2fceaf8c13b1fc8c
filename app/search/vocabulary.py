"""The words residents type for every service and theme, analysed as the index analyses
text (stems, accents folded, stop words left out).

They come from the reference data published with the register: each service's and theme's
`zoekwoorden` in every language, and its names. A phrase belongs to one or more
*concepts* (a service or a theme): "hulp in huis" to the service WMO-HO, "dyslexie" to
the service AMB-DYS and to the theme dyslexie. app/search/reading.py finds the phrases in
a query; this module also gives the spelling help: the nearest known word, and how a
word is written in one language (a page suggests only words of its own language).
"""

from __future__ import annotations

import math
import threading
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from typing import Any

from app.domain.reference import ReferenceData, Texts, Words
from app.search.catalog import Catalog
from app.search.index import OpenIndex

Concept = tuple[str, str]  # ("d", service code) or ("t", theme code): the search parameter
MIN_CORRECTED = 5  # shorter words are not corrected: too many neighbours ("redt": "rent")
CACHED_CORRECTIONS = 1024
USUAL = 5  # a word in this many phrases is a usual spelling
# Words that say who the help is for (not what help): they steer a search towards youth
# help (Jeugdwet) or support for adults (Wmo). Not search words themselves ("puber" says
# who, not what); "ouder" is left out: it means a parent as well as someone older.
WHO = {
    "jeugd": "kind kinderen kindje zoon zoontje dochter dochtertje puber pubers tiener tieners "
    "peuter kleuter baby jongere jongeren jongen meisje scholier leerling child children kid "
    "kids son daughter teenager teenagers teen teens toddler boy girl youth pupil",
    "wmo": "vader moeder opa oma oudere ouderen bejaarde volwassene volwassenen echtgenoot "
    "echtgenote partner schoonmoeder schoonvader buurman buurvrouw dad mum mom father mother "
    "grandmother grandfather grandma grandpa elderly adult adults husband wife neighbour",
}


@dataclass(frozen=True)
class Phrase:
    """One analysed phrase and the concepts it names."""

    tokens: tuple[str, ...]
    concepts: frozenset[Concept]


def _phrases(ref: ReferenceData) -> Iterator[tuple[Concept, str, str]]:
    """(concept, language, phrase) for every word and name of every service and theme."""

    def of(concept: Concept, names: Texts, words: Words) -> Iterator[tuple[Concept, str, str]]:
        for lang, name in names.items():
            yield concept, lang, name
        for lang, phrases in words.items():
            for phrase in phrases:
                yield concept, lang, phrase

    for dienst in ref.diensten:
        yield from of(("d", dienst.code), dienst.naam, dienst.zoekwoorden)
    for thema in ref.themas:
        yield from of(("t", thema.code), thema.label, thema.zoekwoorden)


def distance(a: str, b: str, limit: int) -> int:
    """Edits (insert, delete, change, swap two neighbours) from `a` to `b`; `limit + 1`
    as soon as it is certain to be more than `limit`."""
    if abs(len(a) - len(b)) > limit:
        return limit + 1
    before: list[int] = []
    row = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        current = [i] + [0] * len(b)
        for j, cb in enumerate(b, 1):
            current[j] = min(row[j] + 1, current[j - 1] + 1, row[j - 1] + (ca != cb))
            if i > 1 and j > 1 and ca == b[j - 2] and a[i - 2] == cb:
                current[j] = min(current[j], before[j - 2] + 1)
        if min(current) > limit:
            return limit + 1
        before, row = row, current
    return row[-1]


class Vocabulary:
    """The analysed phrases of one reference version, with look-ups for reading queries."""

    def __init__(
        self,
        phrases: dict[tuple[str, ...], set[Concept]],
        spellings: dict[str, Counter[Any]],
        laws: tuple[dict[str, str], dict[str, str], dict[str, tuple[str, ...]]] = ({}, {}, {}),
    ) -> None:
        # analysed who-word -> wet; service -> wet; theme -> the help usually asked for
        self.who, self.wet, self.hulp = laws
        self.phrases = {tokens: Phrase(tokens, frozenset(c)) for tokens, c in phrases.items()}
        self.containing: dict[str, list[Phrase]] = defaultdict(list)
        # token -> concept -> in how many of the concept's phrases the token is
        self.uses: dict[str, Counter[Concept]] = defaultdict(Counter)
        for phrase in self.phrases.values():
            for token in dict.fromkeys(phrase.tokens):
                self.containing[token].append(phrase)
                self.uses[token].update(phrase.concepts)
        total = len({c for found in self.uses.values() for c in found}) or 1
        # How much a word tells: 1 for a word of one concept, less the more concepts use
        # it ("hulp", "kind"), like the inverse document frequency of a search engine.
        self.weight = {
            token: math.log(1 + total / len(found)) / math.log(1 + total)
            for token, found in self.uses.items()
        }
        # token -> language -> the word most often written for it
        self.spellings = {
            token: {lang: word for (lang, word), _ in reversed(counts.most_common())}
            for token, counts in spellings.items()
        }
        self._by_start: dict[str, list[str]] = defaultdict(list)
        for token in self.weight:
            self._by_start[token[:1]].append(token)
        self._corrections: dict[tuple[str, str | None], str | None] = {}
        self._lock = threading.Lock()

    @classmethod
    def build(cls, ref: ReferenceData, analyzer: Callable[..., Iterable[Any]]) -> Vocabulary:
        """The vocabulary of `ref`, analysed by `analyzer` (the index's)."""
        phrases: dict[tuple[str, ...], set[Concept]] = defaultdict(set)
        spellings: dict[str, Counter[Any]] = defaultdict(Counter)
        for concept, lang, text in _phrases(ref):
            # (Whoosh hands out one Token object over and over: copy what is needed.)
            found = [(t.text, t.startchar, t.endchar) for t in analyzer(text, chars=True)]
            if not found:
                continue  # only stop words: nothing to recognise
            phrases[tuple(token for token, _, _ in found)].add(concept)
            for token, start, end in found:
                spellings[token][(lang, text[start:end].lower())] += 1
        who = {t.text: wet for wet, words in WHO.items() for t in analyzer(words)}
        wet = {d.code: d.wet for d in ref.diensten}
        return cls(dict(phrases), spellings, (who, wet, {t.code: t.hulp for t in ref.themas}))

    def knows(self, token: str) -> bool:
        """Whether `token` is a word of some phrase."""
        return token in self.weight

    def spelling(self, token: str, lang: str) -> str | None:
        """How a vocabulary word is written in `lang` (None when `lang` does not use it)."""
        return self.spellings.get(token, {}).get(lang)

    def correct(self, token: str, lang: str | None = None) -> str | None:
        """The vocabulary word an unknown `token` is most likely a typo of: one edit away
        (two from 8 letters on), same first letter; words of `lang` first, then words of
        many phrases (the usual spelling, not a variant such as "dyslectie"), then the
        nearest."""
        if len(token) < MIN_CORRECTED or self.knows(token):
            return None
        key = (token, lang)
        with self._lock:
            if key in self._corrections:
                return self._corrections[key]
        found = self._nearest(token, lang)
        with self._lock:
            if len(self._corrections) >= CACHED_CORRECTIONS:
                self._corrections.clear()
            self._corrections[key] = found
        return found

    def _nearest(self, token: str, lang: str | None) -> str | None:
        limit = 2 if len(token) > 7 else 1
        best: tuple[bool, int, int, str] | None = None
        for candidate in self._by_start.get(token[:1], ()):
            edits = distance(token, candidate, limit)
            if edits > limit:
                continue
            key = (
                lang is not None and self.spelling(candidate, lang) is None,
                -min(len(self.containing[candidate]), USUAL),
                edits,
                candidate,
            )
            best = key if best is None or key < best else best
        return best[3] if best else None


def vocabulary_of(catalog: Catalog, opened: OpenIndex, ref: ReferenceData) -> Vocabulary:
    """The words residents type (`ref`), analysed as the build `opened` analyses text, once
    per catalog and build (~0.2 s: the live search makes it with the snapshot, so that the
    first text search does not)."""
    analyzer = opened.index.schema["tekst"].analyzer
    made: Vocabulary = catalog.memo(
        ("vocabulary", opened.name), lambda: Vocabulary.build(ref, analyzer)
    )
    return made
