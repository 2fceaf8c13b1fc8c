"""Reading a query: its words, the spelling it was probably meant with, and the services
and themes it names (the phrases of app/search/vocabulary.py found in it).

A phrase is found when all its words are in the query: in its order and side by side
("hulp in huis"), or apart ("hulp voor mijn moeder in huis": weaker). A word that belongs
to the phrases of only a few concepts names them on its own, weakly ("boos"). Stop words
were left out by the analyzer, so "in", "mijn", "voor" never decide anything.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from app.search.vocabulary import Concept, Vocabulary

MAX_WORDS = 12
IN_ORDER, APART, ONE_WORD = 1.0, 0.8, 0.4  # how strongly a match names its concepts
# A single word names a concept on its own when it is in at least ONE_WORD_PHRASES of the
# concept's phrases ("boos": "mijn zoon is boos", "kind is boos"; not "vaak" from "valt
# vaak"), and in those of at most ONE_WORD_CONCEPTS concepts.
ONE_WORD_PHRASES, ONE_WORD_CONCEPTS = 2, 3
# A service of the other law than the query's who-words ("moeder": Wmo) counts OTHER_LAW
# times as much; the help usually asked for with a theme the query names, when it names
# no service, USUAL_HELP times as much as the theme (it only orders the theme's providers).
OTHER_LAW, USUAL_HELP = 0.5, 0.3


@dataclass(frozen=True)
class Word:
    """One word of the query as typed, its analysed form, and the form searched for."""

    text: str
    start: int  # where it starts in the query
    token: str
    read_as: str  # `token`, or the vocabulary word it is taken to be a typo of

    @property
    def corrected(self) -> bool:
        return self.read_as != self.token


@dataclass(frozen=True)
class Match:
    """Words of the query (positions in `Reading.words`) that name a concept."""

    concept: Concept
    words: frozenset[int]
    strength: float  # IN_ORDER, APART or ONE_WORD

    @property
    def named(self) -> tuple[float, Concept]:
        """How strongly, and what."""
        return self.strength, self.concept

    @property
    def whole(self) -> bool:
        """A whole phrase was found (not one telling word)."""
        return self.strength > ONE_WORD


@dataclass(frozen=True)
class Usual:
    """A service usually asked for with a theme the query names, on the theme's words."""

    service: str
    theme: str
    words: frozenset[int]
    strength: float  # the theme match's


@dataclass
class Reading:
    """A query, read: its words and what they name."""

    words: list[Word]
    matches: list[Match]
    weight: list[float]  # per word: how much it tells (1 for a word of one concept)
    wet: str | None = None  # the law the who-words point to ("zoon": jeugd), if one
    usual: list[Usual] = field(default_factory=list)  # the help usually asked for
    steering: set[int] = field(default_factory=set)  # the who-words that set `wet`

    def covered(self) -> set[int]:
        """The words that are part of a whole phrase: they are not searched as words."""
        return {i for match in self.matches if match.whole for i in match.words}

    def score(self, match: Match) -> float:
        return match.strength * sum(self.weight[i] for i in match.words)


def _words(text: str, analyzer: Any, vocabulary: Vocabulary, known: Any, lang: str) -> list[Word]:
    words: list[Word] = []
    seen: set[str] = set()
    for token in analyzer(text, chars=True):
        if token.text in seen:
            continue
        seen.add(token.text)
        read_as = token.text
        if not vocabulary.knows(read_as) and not known(read_as):
            read_as = vocabulary.correct(read_as, lang) or read_as
        start = token.startchar
        words.append(Word(text[start : token.endchar], start, token.text, read_as))
    return words[:MAX_WORDS]


def _phrase_matches(words: list[Word], vocabulary: Vocabulary) -> list[Match]:
    """Every phrase all of whose words are in the query, per concept it names."""
    sequence = [w.read_as for w in words]
    place = {token: i for i, token in enumerate(sequence)}
    seen: set[tuple[str, ...]] = set()
    matches: list[Match] = []
    for token in sequence:
        for phrase in vocabulary.containing.get(token, ()):
            if phrase.tokens in seen or not all(t in place for t in phrase.tokens):
                continue
            seen.add(phrase.tokens)
            size = len(phrase.tokens)
            in_order = any(
                tuple(sequence[i : i + size]) == phrase.tokens
                for i in range(len(sequence) - size + 1)
            )
            covered = frozenset(place[t] for t in phrase.tokens)
            for concept in phrase.concepts:
                matches.append(Match(concept, covered, IN_ORDER if in_order else APART))
    return matches


def _without_dominated(matches: list[Match], reading: Reading) -> list[Match]:
    """Drop a match when another of the same kind covers more of the query and tells at
    least as much ("ambulante begeleiding volwassenen" over "ambulante begeleiding"), and
    repeats of one concept on the same words."""
    kept: dict[tuple[Concept, frozenset[int]], Match] = {}
    for match in matches:
        if any(
            other.concept[0] == match.concept[0]
            and other.words > match.words
            and reading.score(other) >= reading.score(match)
            for other in matches
        ):
            continue
        key = (match.concept, match.words)
        if key not in kept or match.strength > kept[key].strength:
            kept[key] = match
    return list(kept.values())


def _one_word_matches(reading: Reading, vocabulary: Vocabulary) -> list[Match]:
    """A word outside every whole phrase that belongs to few concepts names them weakly;
    not a word that says who the help is for ("zoon")."""
    covered = reading.covered()
    matches: list[Match] = []
    for i, word in enumerate(reading.words):
        uses = vocabulary.uses.get(word.read_as)
        if (
            i in covered
            or not uses
            or len(uses) > ONE_WORD_CONCEPTS
            or word.token in vocabulary.who
        ):
            continue
        named = sorted(c for c, count in uses.items() if count >= ONE_WORD_PHRASES)
        matches.extend(Match(c, frozenset({i}), ONE_WORD) for c in named)
    return matches


def read(
    text: str, analyzer: Any, vocabulary: Vocabulary, known: Callable[[str], bool], lang: str = "nl"
) -> Reading:
    """Read `text`; `known` says whether the index has a word (then it is not corrected),
    `lang` is the page's language (corrections prefer its words)."""
    words = _words(text, analyzer, vocabulary, known, lang)
    weight = [vocabulary.weight.get(w.read_as, 0.0) for w in words]
    reading = Reading(words, [], weight)
    reading.matches = _without_dominated(_phrase_matches(words, vocabulary), reading)
    reading.matches += _one_word_matches(reading, vocabulary)
    laws = {vocabulary.who[w.token] for w in words if w.token in vocabulary.who}
    reading.wet = laws.pop() if len(laws) == 1 else None
    if reading.wet:
        reading.steering = {i for i, w in enumerate(words) if w.token in vocabulary.who}
    reading.usual = _usual_help(reading, vocabulary)
    return reading


def _usual_help(reading: Reading, vocabulary: Vocabulary) -> list[Usual]:
    """When the query names themes and no service: per theme, the services usually asked
    for with it (of the who-words' law, if any), on the theme's words ("zoon somber":
    treatment)."""
    if any(match.concept[0] == "d" for match in reading.matches):
        return []
    return [
        Usual(code, match.concept[1], match.words, match.strength)
        for match in reading.matches
        for code in vocabulary.hulp.get(match.concept[1], ())
        if reading.wet in (None, vocabulary.wet.get(code))
    ]


def law_factor(reading: Reading, vocabulary: Vocabulary, concept: Concept) -> float:
    """How much a concept counts given the who-words: less for a service of the other law."""
    wet = vocabulary.wet.get(concept[1]) if concept[0] == "d" else None
    return OTHER_LAW if reading.wet and wet and wet != reading.wet else 1.0
