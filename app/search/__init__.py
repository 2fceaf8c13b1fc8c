"""The search service, and its one door: what is live, and running a search on it.

Views, the open-data API and the benchmarks come through here; they never build a
catalog or open the index themselves. Inside the package: `params` (the query-string
grammar, declared once), `index` (Whoosh), `catalog` (bitsets per filter option),
`text_match` (words -> providers), `finder` (one search: filters, facets, sorts, a page),
`live` (the catalog and index this process answers from, kept in step with the database
off the request path), `readiness` (warming a process up, and whether it is ready).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

from flask import current_app, g
from flask_babel import get_locale

from app.domain import clock, queries
from app.domain.published_reference import PublishedReference
from app.domain.reference import ReferenceData
from app.extensions import db
from app.search import params as search_params
from app.search.catalog import Catalog
from app.search.finder import SearchResult, find
from app.search.live import LiveSearch, Snapshot
from app.search.readiness import Readiness, readiness, warm_up, warm_up_in_background

T = TypeVar("T")

__all__ = [
    "Readiness",
    "behind",
    "gemeente_points",
    "kept_on_catalog",
    "live_catalog",
    "live_reference",
    "live_snapshot",
    "older_than_database",
    "publication",
    "readiness",
    "run_search",
    "search",
    "warm_up",
    "warm_up_in_background",
    "words_unavailable",
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


def live_snapshot() -> Snapshot | None:
    """The catalog and index this request answers from, the same for all of the request
    (None when nothing is live). Possibly a moment behind the database: see `live`."""
    live = publication()
    if live is None:
        return None
    if "snapshot" not in g:
        searching: LiveSearch = current_app.extensions["live_search"]
        g.snapshot = searching.current(live, clock.today())
    snapshot: Snapshot = g.snapshot
    return snapshot


def live_catalog() -> Catalog | None:
    """The in-memory catalog of the live register for today (None when nothing is live)."""
    snapshot = live_snapshot()
    return snapshot.catalog if snapshot else None


def kept_on_catalog(key: str, compute: Callable[[], T]) -> T:
    """`compute()` made once per catalog, for what depends only on the publication
    (register, confirmation, availability) and the day, as the catalog does. While this
    process's catalog is a moment behind the database, it is made afresh each time:
    kept, it would picture the older register."""
    catalog, live = live_catalog(), publication()
    if catalog is None or live is None or not catalog.made_of(live.state, clock.today()):
        return compute()
    kept: T = catalog.memo(key, compute)
    return kept


def older_than_database() -> bool:
    """Does this request answer from an older register or availability than the
    database's? Right for a moment only: until this process's watcher follows."""
    snapshot, live = g.get("snapshot"), g.get("publication")
    return snapshot is not None and live is not None and snapshot.catalog.state != live.state


def words_unavailable() -> bool:
    """Is this process without an index it can search words in (none yet, or the one it
    had failed while this request read it)?"""
    snapshot, live = g.get("snapshot"), g.get("publication")
    if snapshot is None or live is None:
        return False
    return snapshot.index is None or g.get("text_unavailable", False)


def behind() -> bool:
    """Does this request answer from less than the database has (see the two above)?"""
    return older_than_database() or words_unavailable()


def gemeente_points() -> dict[str, tuple[float, float]]:
    """The centre of every gemeente, for sorting by distance."""
    return {g.cbs: (g.lat, g.lon) for g in live_reference().gemeenten}


def search(params: search_params.SearchParams) -> tuple[SearchResult | None, Catalog | None]:
    """Run a parsed search on the live register (None when nothing is live); spelling
    suggestions are in the visitor's language."""
    snapshot = live_snapshot()
    if snapshot is None:
        return None, None
    searching: LiveSearch = current_app.extensions["live_search"]
    catalog, lang = snapshot.catalog, str(get_locale() or "nl")
    result = find(
        catalog,
        snapshot.index,
        params,
        gemeente_points(),
        live_reference(),
        lang,
        searching.damaged,
    )
    g.text_unavailable = result.text_unavailable
    return result, catalog


def run_search(args: Any) -> tuple[search_params.SearchParams, SearchResult | None, Catalog | None]:
    """Parse a query string (a MultiDict) and search the live register."""
    params = search_params.parse(args, live_reference())
    result, catalog = search(params)
    return params, result, catalog
