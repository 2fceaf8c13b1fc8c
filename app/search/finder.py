"""One search: text + filters + contract truth + facet counts + sorting + one page.

Shared by the HTML page and the JSON twin, so both always give the same answer.
"""

from __future__ import annotations

import hashlib
import heapq
import math
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from app.search.catalog import Catalog, Provider, positions
from app.search.index import IndexStore
from app.search.params import KENMERKEN, SearchParams
from app.search.text_match import TextMatch, match_text

PAGE_SIZE = 20
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
    suggestion: str | None = None
    participation: list[tuple[str, str]] = field(default_factory=list)  # (dienst, soort)
    # With 0 results: how many there would be without one choice (parameter, count).
    without: list[tuple[str, int]] = field(default_factory=list)


def _services(catalog: Catalog, params: SearchParams) -> list[str]:
    """The services a search asks for: the chosen ones, limited to the chosen wet."""
    if params.w is None:
        return params.d
    of_wet = [code for code, wet in catalog.dienst_wet.items() if wet == params.w]
    return [code for code in params.d if code in of_wet] if params.d else of_wet


def _filter_masks(catalog: Catalog, params: SearchParams) -> dict[str, int]:
    """One mask per filter group; the result is their AND."""
    everyone = catalog.everyone
    masks = {"contract": catalog.contract_mask(params.g, _services(catalog, params))}
    if params.w and not _services(catalog, params):
        masks["contract"] = 0
    masks["l"] = catalog.age_mask(params.l) if params.l is not None else everyone
    masks["wacht"] = catalog.wait_mask(params.wacht) if params.wacht is not None else everyone
    for name in ("t", "taal"):
        chosen = getattr(params, name)
        mask = 0 if chosen else everyone
        for code in chosen:
            mask |= catalog.options.get(name, {}).get(code, 0)
        masks[name] = mask
    for flag in KENMERKEN:
        masks[f"kenmerk:{flag}"] = (
            catalog.options.get("kenmerk", {}).get(flag, 0) if flag in params.kenmerk else everyone
        )
    return masks


def _and_except(masks: dict[str, int], skip: tuple[str, ...], start: int) -> int:
    result = start
    for name, mask in masks.items():
        if name not in skip:
            result &= mask
    return result


def _facets(
    catalog: Catalog, params: SearchParams, masks: dict[str, int], text: int
) -> dict[str, Facet]:
    """For every option, the size of the result set if that option were (also) chosen."""
    rest = _and_except(masks, ("contract",), text)
    services = _services(catalog, params)
    facets = {
        "g": Facet(
            "g",
            {
                cbs: (catalog.contract_mask(cbs, services) & rest).bit_count()
                for cbs in catalog.gemeenten
            },
        ),
        "w": Facet(
            "w",
            {
                wet: (
                    catalog.contract_mask(
                        params.g,
                        [
                            c
                            for c, w in catalog.dienst_wet.items()
                            if w == wet and (not params.d or c in params.d)
                        ],
                    )
                    & rest
                ).bit_count()
                for wet in ("jeugd", "wmo")
            },
        ),
        "d": Facet(
            "d",
            {
                code: (catalog.contract_mask(params.g, [code]) & rest).bit_count()
                for code, wet in catalog.dienst_wet.items()
                if params.w is None or wet == params.w
            },
        ),
    }
    for name in ("t", "taal"):
        base = _and_except(masks, (name,), text)
        facets[name] = Facet(
            name,
            {
                code: (mask & base).bit_count()
                for code, mask in sorted(catalog.options.get(name, {}).items())
            },
        )
    base_wait = _and_except(masks, ("wacht",), text)
    facets["wacht"] = Facet(
        "wacht",
        {str(weeks): (catalog.wait_mask(weeks) & base_wait).bit_count() for weeks in WAIT_OPTIONS},
    )
    base_all = _and_except(masks, (), text)
    facets["kenmerk"] = Facet(
        "kenmerk",
        {
            flag: (base_all & catalog.options.get("kenmerk", {}).get(flag, 0)).bit_count()
            for flag in KENMERKEN
        },
    )
    return facets


def _without(
    catalog: Catalog, params: SearchParams, masks: dict[str, int], text: int
) -> list[tuple[str, int]]:
    """For an empty result: the result size without each choice, so the page can offer
    to drop the one that emptied it."""
    services = _services(catalog, params)
    counts: dict[str, int] = {}
    if params.q:
        counts["q"] = _and_except(masks, (), catalog.everyone).bit_count()
    rest = _and_except(masks, ("contract",), text)
    if params.g:
        counts["g"] = (catalog.contract_mask(None, services) & rest).bit_count()
    if params.d or params.w:
        counts["d" if params.d else "w"] = (catalog.contract_mask(params.g, []) & rest).bit_count()
    groups = {
        "l": params.l is not None,
        "t": bool(params.t),
        "taal": bool(params.taal),
        "wacht": params.wacht is not None,
    }
    for name, chosen in groups.items():
        if chosen:
            counts[name] = _and_except(masks, (name,), text).bit_count()
    if params.kenmerk:
        counts["kenmerk"] = _and_except(
            masks, tuple(f"kenmerk:{flag}" for flag in params.kenmerk), text
        ).bit_count()
    return sorted(counts.items(), key=lambda item: -item[1])


def matching_services(provider: Provider, params: SearchParams, catalog: Catalog) -> list[str]:
    """The provider's services that answer this search: contracted in the chosen gemeente
    (any when none is chosen), limited to the chosen services or wet."""
    wanted = set(_services(catalog, params)) or set(catalog.dienst_wet)
    found = {
        code for code, cbs in provider.contracted if code in wanted and params.g in (None, cbs)
    }
    return [code for code in catalog.dienst_wet if code in found]  # reference order


# --- sorting -----------------------------------------------------------------------
# Every sort is a key on catalog positions. Sorts that do not depend on the search are
# ranked once per catalog, so a search only picks its page with a heap.


def _figure_key(indicator: str, higher_is_better: bool) -> Callable[[Provider], Any]:
    def key(p: Provider) -> tuple[int, float, str]:
        # The catalog's figures are already shown by the one rule: only a figure with a
        # value (enough clients) has a comparable one; the others sort after it.
        shown = p.figures.get(indicator)
        value = shown.comparable if shown is not None else None
        if value is None:
            return (1, 0.0, p.naam.casefold())
        return (0, -value if higher_is_better else value, p.naam.casefold())

    return key


def _provider_key(catalog: Catalog, sort: str) -> Callable[[Provider], Any]:
    if sort == "naam":
        return lambda p: (p.naam.casefold(), p.id)
    if sort in FIGURE_SORTS:
        indicator, higher_is_better = FIGURE_SORTS[sort]
        return _figure_key(indicator, higher_is_better)
    if sort == "wachttijd":
        return lambda p: (p.wachttijd_weken is None, p.wachttijd_weken or 0, p.naam.casefold())
    # Neutral order: a shuffle that is the same all day and different the next day, so
    # no provider is always on top.
    seed = catalog.day.isoformat()
    return lambda p: hashlib.sha256(f"{seed}:{p.id}".encode()).digest()


FIGURE_SORTS = {
    "tevredenheid": ("clienttevredenheid", True),
    "doelen": ("doelrealisatie", True),
    "uitval": ("uitval", False),
}


def _rank(catalog: Catalog, sort: str) -> list[int]:
    """The place of every catalog position in the order `sort`, computed once per catalog."""

    def compute() -> list[int]:
        key = _provider_key(catalog, sort)
        order = sorted(range(len(catalog.providers)), key=lambda i: key(catalog.providers[i]))
        rank = [0] * len(order)
        for place, position in enumerate(order):
            rank[position] = place
        return rank

    ranks: list[int] = catalog.memo(("rank", sort), compute)
    return ranks


def distance_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance in km."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    a = (
        math.sin((p2 - p1) / 2) ** 2
        + math.cos(p1) * math.cos(p2) * math.sin(math.radians(lon2 - lon1) / 2) ** 2
    )
    return 6371.0 * 2 * math.asin(math.sqrt(a))


def _nearest(provider: Provider, origin: tuple[float, float]) -> float:
    distances = [
        distance_km(origin[0], origin[1], lat, lon)
        for _, _, lat, lon in provider.locaties
        if lat is not None and lon is not None
    ]
    return min(distances) if distances else math.inf


def _sort_key(
    catalog: Catalog,
    params: SearchParams,
    sort: str,
    text: TextMatch | None,
    points: dict[str, tuple[float, float]],
) -> Callable[[int], Any]:
    by_name = _rank(catalog, "naam")
    if sort == "relevantie" and text is not None:
        return lambda i: (-text.score(i), by_name[i])
    if sort == "afstand":
        if params.lat is not None and params.lon is not None:
            # A phone's position (rounded to ~1 km): computed for this search only, not kept.
            origin = (params.lat, params.lon)
            return lambda i: (_nearest(catalog.providers[i], origin), by_name[i])
        if params.g in points:
            origin, cbs = points[params.g], params.g
            distance = catalog.memo(
                ("afstand", cbs), lambda: [_nearest(p, origin) for p in catalog.providers]
            )
            return lambda i: (distance[i], by_name[i])
    rank = _rank(catalog, sort if sort in (*FIGURE_SORTS, "naam", "wachttijd") else "neutraal")
    return rank.__getitem__


# --- the search ----------------------------------------------------------------------


def find(
    catalog: Catalog,
    store: IndexStore,
    params: SearchParams,
    points: dict[str, tuple[float, float]],
) -> SearchResult:
    """Run one search; `points` are the gemeente centres for distance sorting."""
    text = match_text(catalog, store, params.q)
    masks = _filter_masks(catalog, params)
    result_mask = _and_except(masks, (), text.mask if text else catalog.everyone)
    found = positions(result_mask)
    sort = params.effective_sort
    if sort == "relevantie" and text is None:
        sort = "neutraal"  # only stop words or signs were typed
    pages = max(1, math.ceil(len(found) / PAGE_SIZE))
    page = min(params.p, pages)
    first = heapq.nsmallest(
        page * PAGE_SIZE, found, key=_sort_key(catalog, params, sort, text, points)
    )
    participation = [
        (code, catalog.deelname[(code, params.g)])
        for code in params.d
        if params.g and (code, params.g) in catalog.deelname
    ]
    text_mask = text.mask if text else catalog.everyone
    return SearchResult(
        params=params,
        total=len(found),
        page=page,
        pages=pages,
        providers=[catalog.providers[i] for i in first[(page - 1) * PAGE_SIZE :]],
        facets=_facets(catalog, params, masks, text_mask),
        sort=sort,
        fuzzy=bool(text and text.fuzzy),
        suggestion=text.suggestion if text else None,
        participation=participation,
        without=_without(catalog, params, masks, text_mask) if not found else [],
    )
