"""One search: text + filters + contract truth + facet counts + sorting + one page.

Shared by the HTML page and the JSON twin, so both always give the same answer.
"""

from __future__ import annotations

import heapq
import math
from dataclasses import dataclass, field

from app.search.catalog import Catalog, Provider, positions
from app.search.index import IndexStore
from app.search.params import KENMERKEN, SearchParams
from app.search.sorting import sort_key
from app.search.text_match import match_text

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
    services = _services(catalog, params)
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
    services = _services(catalog, params)

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
    services = _services(catalog, params)
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
        page * PAGE_SIZE, found, key=sort_key(catalog, params, sort, text, points)
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
