"""One search: text + filters + contract truth + facet counts + sorting + one page.

Shared by the HTML page and the JSON twin, so both always give the same answer.
"""

from __future__ import annotations

import heapq
import math
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from typing import Any

from app.domain.reference import ReferenceData
from app.search.catalog import Catalog, Provider, positions
from app.search.index import OpenIndex
from app.search.offers import Recognised, recognise
from app.search.params import KENMERKEN, PARAMETERS, SearchParams
from app.search.sorting import sort_key
from app.search.text_match import IndexDamaged, TextMatch, TextSearch, TextUnavailable, text_search

PAGE_SIZE = 20
# Providers whose locations the map view shows: the first of the result in its order. A
# bound, so that a search without filters in a register of thousands stays a light page.
MAP_SIZE = 100
WAIT_OPTIONS = (2, 4, 8, 12)  # weeks, offered as "at most" choices


@dataclass
class Facet:
    """Counts per option: how many results choosing that option would give."""

    name: str
    counts: dict[str, int]


@dataclass
class SearchResult:
    params: SearchParams
    total: int
    page: int
    pages: int
    providers: list[Provider]
    facets: dict[str, Facet]
    sort: str
    fuzzy: bool = False
    suggestion: str | None = None  # "Bedoelde u": in the page's language, and finds something
    # What the words name (services, themes), strongest first, some with an offer.
    recognised: list[Recognised] = field(default_factory=list)
    unmatched: list[str] = field(default_factory=list)  # words for which nothing was found
    participation: list[tuple[str, str]] = field(default_factory=list)  # (dienst, soort)
    # With 0 results: how many there would be without one choice (parameter, count).
    without: list[tuple[str, int]] = field(default_factory=list)
    # weergave=kaart: the first MAP_SIZE providers of the result, in its order, for the map
    mapped: list[Provider] = field(default_factory=list)
    # Words were typed but cannot be searched for a moment (no trustworthy index): no
    # provider is listed as matching them; `without` offers the search without the words.
    text_unavailable: bool = False


def searched_services(catalog: Catalog, params: SearchParams) -> list[str]:
    """The services a search asks for: the chosen ones, limited to the chosen wet."""
    if params.w is None:
        return params.d
    of_wet = [code for code, wet in catalog.dienst_wet.items() if wet == params.w]
    return [code for code in params.d if code in of_wet] if params.d else of_wet


def _filter_masks(catalog: Catalog, params: SearchParams) -> dict[str, int]:
    """One mask per filter group; the result is their AND."""
    everyone = catalog.everyone
    masks = {"contract": catalog.contract_mask(params.g, searched_services(catalog, params))}
    if params.w and not searched_services(catalog, params):
        masks["contract"] = 0
    masks["l"] = catalog.age_mask(params.l) if params.l is not None else everyone
    services = searched_services(catalog, params)
    masks["wacht"] = (
        catalog.wait_mask(params.wacht, params.g, services)
        if params.wacht is not None
        else everyone
    )
    for name in ("t", "taal"):
        chosen = getattr(params, name)
        mask = 0 if chosen else everyone
        for code in chosen:
            mask |= catalog.options.get(name, {}).get(code, 0)
        masks[name] = mask
    for flag in KENMERKEN:
        masks[f"kenmerk:{flag}"] = (
            catalog.kenmerk_mask(flag, params.g, services) if flag in params.kenmerk else everyone
        )
    return masks


def _and_except(masks: dict[str, int], skip: tuple[str, ...], start: int) -> int:
    result = start
    for name, mask in masks.items():
        if name not in skip:
            result &= mask
    return result


def _contract_facets(catalog: Catalog, params: SearchParams, rest: int) -> dict[str, Facet]:
    """Gemeente, wet and service: each option replaces the contract part of the search."""
    services = searched_services(catalog, params)

    def services_of(wet: str) -> list[str]:
        return [
            c for c, w in catalog.dienst_wet.items() if w == wet and (not params.d or c in params.d)
        ]

    def count(gemeente: str | None, codes: list[str]) -> int:
        return (catalog.contract_mask(gemeente, codes) & rest).bit_count()

    return {
        "g": Facet("g", {cbs: count(cbs, services) for cbs in catalog.gemeenten}),
        "w": Facet("w", {wet: count(params.g, services_of(wet)) for wet in ("jeugd", "wmo")}),
        "d": Facet(
            "d",
            {
                code: count(params.g, [code])
                for code, wet in catalog.dienst_wet.items()
                if params.w is None or wet == params.w
            },
        ),
    }


def _facets(
    catalog: Catalog, params: SearchParams, masks: dict[str, int], text: int
) -> dict[str, Facet]:
    """For every option, the size of the result set if that option were (also) chosen."""
    facets = _contract_facets(catalog, params, _and_except(masks, ("contract",), text))
    for name in ("t", "taal"):
        base = _and_except(masks, (name,), text)
        options = sorted(catalog.options.get(name, {}).items())
        facets[name] = Facet(name, {code: (mask & base).bit_count() for code, mask in options})
    # Availability counts for the services and gemeente searched for.
    services = searched_services(catalog, params)
    base_wait = _and_except(masks, ("wacht",), text)
    facets["wacht"] = Facet(
        "wacht",
        {
            str(weeks): (catalog.wait_mask(weeks, params.g, services) & base_wait).bit_count()
            for weeks in WAIT_OPTIONS
        },
    )
    base_all = _and_except(masks, (), text)
    facets["kenmerk"] = Facet(
        "kenmerk",
        {
            flag: (base_all & catalog.kenmerk_mask(flag, params.g, services)).bit_count()
            for flag in KENMERKEN
        },
    )
    return facets


def _without(
    catalog: Catalog, words: TextSearch | None, params: SearchParams
) -> list[tuple[str, int]]:
    """For an empty result: per choice, how many results the same search without it
    finds, largest first. Each is that search run again, so the count is what the
    page's link to it shows (app/search/grammar.py `without`)."""
    counts: dict[str, int] = {}
    for param in PARAMETERS:
        chosen = getattr(params, param.name)
        if param.without is None or chosen in (None, "", []):
            continue
        default: Any = list(param.default) if isinstance(param.default, tuple) else param.default
        wider = replace(params, p=1, notices=[])
        setattr(wider, param.name, default)
        counts[param.name] = _matched(catalog, words, wider)[2].bit_count()
    return sorted(counts.items(), key=lambda item: -item[1])


def _matched(
    catalog: Catalog, words: TextSearch | None, params: SearchParams
) -> tuple[TextMatch | None, dict[str, int], int]:
    """The text part, the filter masks, and the providers that pass both."""
    services = searched_services(catalog, params)
    text = words.match(params.q, params.g, services) if words and params.q else None
    masks = _filter_masks(catalog, params)
    return text, masks, _and_except(masks, (), text.mask if text else catalog.everyone)


def find(
    catalog: Catalog,
    index: OpenIndex | None,
    params: SearchParams,
    points: dict[str, tuple[float, float]],
    ref: ReferenceData,
    lang: str = "nl",
    on_damage: Callable[[OpenIndex], None] | None = None,
) -> SearchResult:
    """Run one search on `index` (a build of the catalog's version, or None when there is
    none to trust); `points` are the gemeente centres for distance sorting, `ref` the
    catalog's reference data (the words residents type), `lang` the page's language (for
    spelling suggestions); `on_damage` hears of an index that failed to read."""
    if not params.q:
        return _find(catalog, None, params, points)
    try:
        with text_search(catalog, index, params.q, ref, lang) as words:
            return _find(catalog, words, params, points)
    except TextUnavailable as exc:
        if isinstance(exc, IndexDamaged) and on_damage is not None:
            on_damage(exc.opened)
    return _unavailable(catalog, params)


def _unavailable(catalog: Catalog, params: SearchParams) -> SearchResult:
    """Words that cannot be searched match nobody (never everyone); `without`: no words."""
    without = replace(params, q="", p=1, notices=[])
    return SearchResult(
        params=params,
        total=0,
        page=1,
        pages=1,
        providers=[],
        facets=_facets(catalog, params, _filter_masks(catalog, params), 0),
        sort="neutraal",
        participation=_participation(catalog, params),
        without=[("q", _matched(catalog, None, without)[2].bit_count())],
        text_unavailable=True,
    )


def _find(
    catalog: Catalog,
    words: TextSearch | None,
    params: SearchParams,
    points: dict[str, tuple[float, float]],
) -> SearchResult:
    text, masks, result_mask = _matched(catalog, words, params)
    found = positions(result_mask)
    sort = params.effective_sort
    if sort == "relevantie" and text is None:
        sort = "neutraal"  # only stop words or signs were typed
    pages = max(1, math.ceil(len(found) / PAGE_SIZE))
    page = min(params.p, pages)
    scores = (
        text.scores(result_mask, len(catalog.providers)) if text and sort == "relevantie" else None
    )
    mapped = MAP_SIZE if params.weergave == "kaart" else 0
    first = heapq.nsmallest(
        max(page * PAGE_SIZE, mapped), found, key=sort_key(catalog, params, sort, scores, points)
    )
    text_mask = text.mask if text else catalog.everyone

    def count(offer: SearchParams) -> int:
        return _matched(catalog, words, offer)[2].bit_count()

    return SearchResult(
        params=params,
        total=len(found),
        page=page,
        pages=pages,
        providers=[catalog.providers[i] for i in first[(page - 1) * PAGE_SIZE : page * PAGE_SIZE]],
        mapped=[catalog.providers[i] for i in first[:mapped]],
        facets=_facets(catalog, params, masks, text_mask),
        sort=sort,
        participation=_participation(catalog, params),
        without=_without(catalog, words, params) if not found else [],
        **_about_words(text, words, params, masks, bool(found), count) if text and words else {},
    )


def _about_words(
    text: TextMatch,
    words: TextSearch,
    params: SearchParams,
    masks: dict[str, int],
    found: bool,
    count: Callable[[SearchParams], int],
) -> dict[str, Any]:
    """What the result says about the words: near misses, a spelling in the page's
    language that finds something, what they name, and which found nothing (in the
    providers the other choices allow)."""
    filters = _and_except(masks, (), -1)  # -1 has every bit: the AND of the filters
    return {
        "fuzzy": found and text.fuzzy,
        "suggestion": text.suggestion(params.q, words.vocabulary, words.lang, filters),
        "recognised": recognise(text, params, count, filters),
        "unmatched": text.unmatched(filters) if found else [],
    }


def _participation(catalog: Catalog, params: SearchParams) -> list[tuple[str, str]]:
    """The chosen services that the chosen gemeente does not buy (only) regionally."""
    return [
        (code, catalog.deelname[(code, params.g)])
        for code in params.d
        if params.g and (code, params.g) in catalog.deelname
    ]
