"""What the words of a search name, and the offer to search by it instead: "Bedoelt u de
hulp Huishoudelijke ondersteuning? 26 aanbieders in Hengelo" links to the same search
with d=WMO-HO and without the words that named it."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from dataclasses import dataclass

from app.search.params import SearchParams
from app.search.text_match import TextMatch

OFFERS_PER_KIND = 2
STRENGTH_NAMES = {1.0: "phrase", 0.8: "words", 0.4: "word"}


@dataclass(frozen=True)
class Recognised:
    """A service (parameter d) or theme (t) named by words of the query."""

    parameter: str
    code: str
    words: tuple[str, ...]  # as typed
    strength: str  # "phrase" (in order), "words" (apart) or "word" (one telling word)
    score: float
    offer: SearchParams | None = None  # the search with this filter, without these words
    total: int = 0  # how many providers the offer finds


def _found(text: TextMatch) -> list[Recognised]:
    """Each concept the query names, once, with its strongest match; strongest first."""
    best: dict[tuple[str, str], Recognised] = {}
    reading = text.reading
    for match in reading.matches:
        score = reading.score(match)
        kind, code = match.concept
        if (kind, code) in best and best[(kind, code)].score >= score:
            continue
        words = tuple(reading.words[i].text for i in sorted(match.words))
        strength = STRENGTH_NAMES.get(match.strength, "word")
        best[(kind, code)] = Recognised(kind, code, words, strength, score)
    return sorted(best.values(), key=lambda r: (-r.score, r.parameter, r.code))


def _without_words(text: TextMatch, concept: tuple[str, str], unmatched: list[str]) -> str:
    """The query without the words of the whole phrases that name `concept`, and without
    the words that found nothing or only said who the help is for ("moeder": the filter
    already says which help)."""
    named = {i for m in text.reading.matches if m.concept == concept and m.whole for i in m.words}
    return " ".join(
        w.text
        for i, w in enumerate(text.reading.words)
        if i not in named and i not in text.reading.steering and w.text not in unmatched
    )


def _offer(
    text: TextMatch, params: SearchParams, item: Recognised, unmatched: list[str]
) -> SearchParams:
    """The search with `item` as its filter instead of the words that name it."""
    offer = dataclasses.replace(
        params, q=_without_words(text, (item.parameter, item.code), unmatched), p=1, notices=[]
    )
    if item.parameter == "d":
        offer.d = [item.code]
    else:
        offer.t = [item.code]
    return offer


def recognise(
    text: TextMatch, params: SearchParams, count: Callable[[SearchParams], int], among: int
) -> list[Recognised]:
    """What the query names; the strongest whole phrases of each kind come with an offer
    (when that filter is not chosen yet and the offer finds something). `count` gives the
    number of providers a search finds, `among` the providers the other filters allow."""
    found = _found(text)
    unmatched = text.unmatched(among)
    offered: dict[str, int] = {"d": 0, "t": 0}
    top: dict[str, float] = {}
    result = []
    for item in found:
        if item.strength != "word":
            top.setdefault(item.parameter, item.score)
        chosen = params.d if item.parameter == "d" else params.t
        if (
            item.strength != "word"
            and not chosen
            and item.score >= top.get(item.parameter, 0.0) * 0.999
            and offered[item.parameter] < OFFERS_PER_KIND
        ):
            offer = _offer(text, params, item, unmatched)
            total = count(offer)
            if total:
                offered[item.parameter] += 1
                item = dataclasses.replace(item, offer=offer, total=total)
        result.append(item)
    return result
