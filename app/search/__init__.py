"""The search service, and its one door: what is live, and running a search on it.

Views, the open-data API and the benchmarks come through here; they never build a
catalog or open the index themselves. Inside the package: `params` (the query-string
grammar, declared once), `index` (Whoosh), `catalog` (bitsets per filter option),
`text_match` (words -> providers), `finder` (one search: filters, facets, sorts, a page),
`readiness` (warming a process up, and whether it is ready).
"""

from __future__ import annotations

from typing import Any

from flask import current_app, g
from flask_babel import get_locale

from app.domain import clock, queries
from app.domain.published_reference import PublishedReference
from app.domain.reference import ReferenceData
from app.extensions import db
from app.search import params as search_params
from app.search.catalog import Catalog
from app.search.catalog_cache import CatalogCache
from app.search.finder import SearchResult, find
from app.search.index import IndexStore
from app.search.readiness import Readiness, readiness, warm_up, warm_up_in_background

__all__ = [
    "Readiness",
    "gemeente_points",
    "live_catalog",
    "live_reference",
    "publication",
    "readiness",
    "run_search",
    "search",
    "warm_up",
    "warm_up_in_background",
]


def publication() -> queries.Publication | None:
    """The live register, looked up once per request (app context)."""
    if "publication" not in g:
        g.publication = queries.current_publication(db.session)
    live: queries.Publication | None = g.publication
    return live


def live_reference() -> ReferenceData:
    """The reference data published with the live register (one source for pages, the API
    and the catalog; the files in REFERENCE_DIR before anything is published)."""
    live = publication()
    store: PublishedReference = current_app.extensions["reference"]
    return store.get(db.session, live.version if live else None)


def live_catalog() -> Catalog | None:
    """The in-memory catalog of the live register for today (None when nothing is live)."""
    live = publication()
    if live is None:
        return None
    cache: CatalogCache = current_app.extensions["catalog"]
    return cache.get(
        db.session,
        live.version,
        clock.today(),
        current_app.config["MINIMUM_N"],
        live_reference(),
        live.state,
    )


def gemeente_points() -> dict[str, tuple[float, float]]:
    """The centre of every gemeente, for sorting by distance."""
    return {g.cbs: (g.lat, g.lon) for g in live_reference().gemeenten}


def search(params: search_params.SearchParams) -> tuple[SearchResult | None, Catalog | None]:
    """Run a parsed search on the live register (None when nothing is live); spelling
    suggestions are in the visitor's language."""
    catalog = live_catalog()
    if catalog is None:
        return None, None
    store: IndexStore = current_app.extensions["search_index"]
    lang = str(get_locale() or "nl")
    return find(catalog, store, params, gemeente_points(), live_reference(), lang), catalog


def run_search(args: Any) -> tuple[search_params.SearchParams, SearchResult | None, Catalog | None]:
    """Parse a query string (a MultiDict) and search the live register."""
    params = search_params.parse(args, live_reference())
    result, catalog = search(params)
    return params, result, catalog
