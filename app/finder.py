"""One search: text + filters + contract truth + facet counts + sorting + one page.

Shared by the HTML page and the JSON twin, so both always give the same answer.
"""
from __future__ import annotations

import hashlib
import math
from dataclasses import dataclass, field
from typing import Any, Callable

from app.catalog import Catalog, Provider
from app.search import IndexStore, query_ids, suggestion
from app.search_params import KENMERKEN, SearchParams

PAGE_SIZE = 20


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
        masks[f"kenmerk:{flag}"] = (catalog.options.get("kenmerk", {}).get(flag, 0)
                                    if flag in params.kenmerk else everyone)
    return masks


def _and_except(masks: dict[str, int], skip: tuple[str, ...], start: int) -> int:
    result = start
    for name, mask in masks.items():
        if name not in skip:
            result &= mask
    return result


def _facets(catalog: Catalog, params: SearchParams, masks: dict[str, int], text: int) -> dict[str, Facet]:
    """For every option, the size of the result set if that option were (also) chosen."""
    rest = _and_except(masks, ("contract",), text)
    services = _services(catalog, params)
    facets = {
        "g": Facet("g", {cbs: (catalog.contract_mask(cbs, services) & rest).bit_count()
                         for cbs in catalog.gemeenten}),
        "w": Facet("w", {wet: (catalog.contract_mask(params.g, [c for c, w in catalog.dienst_wet.items()
                                                                if w == wet and (not params.d or c in params.d)]) & rest).bit_count()
                         for wet in ("jeugd", "wmo")}),
        "d": Facet("d", {code: (catalog.contract_mask(params.g, [code]) & rest).bit_count()
                         for code, wet in catalog.dienst_wet.items()
                         if params.w is None or wet == params.w}),
    }
    for name in ("t", "taal"):
        base = _and_except(masks, (name,), text)
        facets[name] = Facet(name, {code: (mask & base).bit_count()
                                    for code, mask in sorted(catalog.options.get(name, {}).items())})
    base_all = _and_except(masks, (), text)
    facets["kenmerk"] = Facet("kenmerk", {
        flag: (base_all & catalog.options.get("kenmerk", {}).get(flag, 0)).bit_count()
        for flag in KENMERKEN})
    return facets


# --- sorting -----------------------------------------------------------------------


def _figure_key(indicator: str, higher_is_better: bool, minimum_n: int) -> Callable[[Provider], Any]:
    def key(p: Provider) -> tuple[int, float, str]:
        figure = p.figures.get(indicator)
        if figure is None or figure.aantal < minimum_n:
            return (1, 0.0, p.naam.casefold())  # without a usable figure: after the others
        value = figure.comparable()
        return (0, -value if higher_is_better else value, p.naam.casefold())
    return key


def distance_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance in km."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    a = (math.sin((p2 - p1) / 2) ** 2
         + math.cos(p1) * math.cos(p2) * math.sin(math.radians(lon2 - lon1) / 2) ** 2)
    return 6371.0 * 2 * math.asin(math.sqrt(a))


def _origin(catalog: Catalog, params: SearchParams, points: dict[str, tuple[float, float]]):  # type: ignore[no-untyped-def]
    if params.lat is not None and params.lon is not None:
        return params.lat, params.lon
    return points.get(params.g or "")


def _sorted(catalog: Catalog, params: SearchParams, found: list[Provider], ranked: list[str],
            sort: str, points: dict[str, tuple[float, float]]) -> list[Provider]:
    minimum_n = catalog.minimum_n
    if sort == "relevantie":
        order = {aid: i for i, aid in enumerate(ranked)}
        return sorted(found, key=lambda p: order.get(p.id, len(order)))
    if sort == "naam":
        return sorted(found, key=lambda p: (p.naam.casefold(), p.id))
    if sort in ("tevredenheid", "doelen", "uitval"):
        indicator = {"tevredenheid": "clienttevredenheid", "doelen": "doelrealisatie",
                     "uitval": "uitval"}[sort]
        return sorted(found, key=_figure_key(indicator, sort != "uitval", minimum_n))
    if sort == "wachttijd":
        return sorted(found, key=lambda p: (p.wachttijd_weken is None, p.wachttijd_weken or 0,
                                            p.naam.casefold()))
    if sort == "afstand":
        origin = _origin(catalog, params, points)
        if origin is not None:
            return sorted(found, key=lambda p: (_nearest(p, origin), p.naam.casefold()))
    # Neutral order: a shuffle that is the same all day and different the next day, so
    # no provider is always on top.
    seed = catalog.day.isoformat()
    return sorted(found, key=lambda p: hashlib.sha256(f"{seed}:{p.id}".encode()).digest())


def _nearest(provider: Provider, origin: tuple[float, float]) -> float:
    distances = [distance_km(origin[0], origin[1], lat, lon)
                 for _, _, lat, lon in provider.locaties if lat is not None and lon is not None]
    return min(distances) if distances else math.inf


# --- the search ----------------------------------------------------------------------


def _text_mask(catalog: Catalog, store: IndexStore, q: str) -> tuple[int, list[str], bool, str | None]:
    """Providers matching the words (fuzzy when nothing matches exactly)."""
    index = store.open()
    if not q or index is None:
        return catalog.everyone, [], False, None
    with index.searcher() as searcher:
        ranked, _ = query_ids(searcher, q)
        fuzzy, suggested = False, None
        if not ranked:
            suggested = suggestion(searcher, q)
            ranked, _ = query_ids(searcher, q, fuzzy=True)
            fuzzy = bool(ranked)
    mask = 0
    for aid in ranked:
        position = catalog.position.get(aid)
        if position is not None:
            mask |= 1 << position
    return mask, ranked, fuzzy, suggested


def find(catalog: Catalog, store: IndexStore, params: SearchParams,
         points: dict[str, tuple[float, float]]) -> SearchResult:
    """Run one search; `points` are the gemeente centres for distance sorting."""
    text, ranked, fuzzy, suggested = _text_mask(catalog, store, params.q)
    masks = _filter_masks(catalog, params)
    result_mask = _and_except(masks, (), text)
    found = catalog.members(result_mask)
    sort = params.effective_sort
    ordered = _sorted(catalog, params, found, ranked, sort, points)
    pages = max(1, math.ceil(len(ordered) / PAGE_SIZE))
    page = min(params.p, pages)
    participation = [(code, catalog.deelname[(code, params.g)]) for code in params.d
                     if params.g and (code, params.g) in catalog.deelname]
    return SearchResult(
        params=params, total=len(ordered), page=page, pages=pages,
        providers=ordered[(page - 1) * PAGE_SIZE: page * PAGE_SIZE],
        facets=_facets(catalog, params, masks, text), sort=sort, fuzzy=fuzzy,
        suggestion=suggested, participation=participation,
    )
