"""The orders of a search result (best match, neutral, name, figures, waiting time,
distance): every sort is a key on catalog positions. Sorts that do not depend on the
search are ranked once per catalog, so a search only picks its page with a heap."""

from __future__ import annotations

import hashlib
import math
from collections.abc import Callable, Sequence
from typing import Any

from app.domain.figures import card_figures
from app.search.catalog import Catalog, Provider
from app.search.params import SearchParams


def _figure_key(
    indicator: str, higher_is_better: bool, service: str | None
) -> Callable[[Provider], Any]:
    """By the figure the result card shows: for one searched `service` that service's
    figure (or the overall one), else the headline figure."""

    def key(p: Provider) -> tuple[int, float, str]:
        # The catalog's figures are already shown by the one rule: only a figure with a
        # value (enough clients) has a comparable one; the others sort after it.
        if service is None:
            shown = p.figures.get(indicator)
        else:
            shown = card_figures(p.scoped, [service], True, [indicator])[1][indicator][1]
        value = shown.comparable if shown is not None else None
        if value is None:
            return (1, 0.0, p.naam.casefold())
        return (0, -value if higher_is_better else value, p.naam.casefold())

    return key


def _provider_key(catalog: Catalog, sort: str, service: str | None) -> Callable[[Provider], Any]:
    if sort == "naam":
        return lambda p: (p.naam.casefold(), p.id)
    if sort in FIGURE_SORTS:
        indicator, higher_is_better = FIGURE_SORTS[sort]
        return _figure_key(indicator, higher_is_better, service)
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


def rank(catalog: Catalog, sort: str, service: str | None = None) -> list[int]:
    """The place of every catalog position in the order `sort` (a figure sort by the
    figures of `service`), computed once per catalog."""

    def compute() -> list[int]:
        key = _provider_key(catalog, sort, service)
        order = sorted(range(len(catalog.providers)), key=lambda i: key(catalog.providers[i]))
        places = [0] * len(order)
        for place, position in enumerate(order):
            places[position] = place
        return places

    ranks: list[int] = catalog.memo(("rank", sort, service), compute)
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


def sort_key(
    catalog: Catalog,
    params: SearchParams,
    sort: str,
    scores: Sequence[float] | None,
    points: dict[str, tuple[float, float]],
) -> Callable[[int], Any]:
    """The key that orders catalog positions for `sort`; `scores` are the text match's
    scores (best match), None without words."""
    by_name = rank(catalog, "naam")
    if sort == "relevantie" and scores is not None:
        return lambda i: (-scores[i], by_name[i])
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
    if sort in FIGURE_SORTS:  # one service searched: its figures, as the cards show them
        return rank(catalog, sort, params.d[0] if len(params.d) == 1 else None).__getitem__
    ranked = rank(catalog, sort if sort in ("naam", "wachttijd") else "neutraal")
    return ranked.__getitem__
