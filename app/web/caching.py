"""HTTP caching: every page is the same for every visitor, so a proxy or CDN may keep it.

A page is fully determined by its URL, the published register, the day (contracts and the
neutral order change at midnight), the language and the site's own version (code and
settings). Its ETag is made of exactly those, before any work is done, so a revalidation
that still matches is answered 304 without rendering. Pages and the API are cacheable by
shared caches for a short while and may be served stale while a cache revalidates;
`Vary` names what else chose the response: Accept-Language when no `lang` was in the
URL, Accept-Encoding for gzip.
"""

from __future__ import annotations

import hashlib
import math

from flask import Flask, Response, current_app, g, request
from flask_babel import get_locale

from app.domain import clock
from app.opendata.http import is_api_request
from app.search import behind, older_than_database, publication, words_unavailable
from app.search.live import WATCH_EVERY
from app.server import REGISTER_KEY
from app.web.i18n import explicit_language

SHARED_CACHE = "public, max-age=60, stale-while-revalidate=600, stale-if-error=86400"
# An answer from an older register than the database's is right until this process
# follows, within the watcher's interval. A cache may keep it that long: requests for one
# link just after a publish then share it, instead of waiting in turn behind the cache's
# lock (nginx lets one through at a time, every 500 ms, while it has nothing to keep).
FOLLOWING = f"public, max-age={math.ceil(WATCH_EVERY)}"
# Statuses a cache may keep; anything else (400, 500, 503, ...) is not stored.
CACHEABLE = {200, 206, 301, 304, 404, 410}
NOT_PAGES = {None, "api", "health"}  # blueprints with their own rules (or no route)


def _is_page() -> bool:
    return request.url_rule is not None and request.blueprint not in NOT_PAGES


def page_etag() -> str:
    """The validator of the current page (weak: the gzip and plain bodies share it)."""
    live = publication()
    # The state, not only the register: an availability import or a confirming one
    # changes what pages (and the changes feed) say.
    version = live.state if live else 0
    day, language = clock.today().isoformat(), str(get_locale())
    site = current_app.config["SITE_VERSION"]
    # In development absolute links follow the request, so its address counts too.
    root = "" if current_app.config["PUBLIC_URL"] else request.url_root
    digest = hashlib.sha256(f"{site}|{root}".encode()).hexdigest()[:10]
    return f"{version}-{day}-{language}-{digest}"


def not_modified() -> Response | None:
    """Answer 304 before the view runs when the client's copy of the page is current."""
    if request.method not in ("GET", "HEAD") or not _is_page():
        return None
    g.page_etag = page_etag()
    if request.if_none_match.contains_weak(g.page_etag):
        return Response(status=304)
    return None


def cache_control(status: int) -> str:
    """How long a cache may keep this answer (which has no validator when it is a moment
    behind the database: see `cache_headers`)."""
    if status not in CACHEABLE or words_unavailable():
        # An error, or "searching on words is briefly unavailable": kept by no cache, so
        # a cache goes on answering from the copy it had.
        return "no-store"
    return FOLLOWING if older_than_database() else SHARED_CACHE


def cache_headers(response: Response) -> Response:
    """ETag, Cache-Control and Vary on every GET; the register version for the log."""
    if "publication" in g and g.publication is not None:
        request.environ[REGISTER_KEY] = str(g.publication.version)
    if request.method not in ("GET", "HEAD"):
        return response
    if behind():
        # A moment behind the database: no validator (the API sets its own), or a cache
        # would revalidate this answer as the new state's.
        for validator in ("ETag", "Last-Modified"):
            response.headers.pop(validator, None)
    elif "page_etag" in g and response.status_code in (200, 304):
        response.set_etag(g.page_etag, weak=True)
    control = response.cache_control
    if not (control.no_store or control.private):  # a view that said so keeps its own
        response.headers["Cache-Control"] = cache_control(response.status_code)
    response.vary.add("Accept-Encoding")
    html = response.mimetype == "text/html" and not is_api_request()
    if (html or "page_etag" in g) and explicit_language() is None:
        response.vary.add("Accept-Language")
    return response


def register_caching(app: Flask) -> None:
    """Early 304s for pages, cache headers on every response."""
    app.before_request(not_modified)
    app.after_request(cache_headers)
