"""Provider pages at a stable link (/aanbieder/<aanbieder_id>/<slug>) and their JSON twin."""

from __future__ import annotations

from functools import lru_cache
from typing import Any
from urllib.parse import quote, unquote, urlencode

from flask import Blueprint, Flask, current_app, redirect, render_template, request
from flask.typing import ResponseReturnValue
from flask_babel import gettext
from werkzeug.datastructures import MultiDict

from app.domain import clock
from app.domain.provider_detail import ProviderDetail, load_provider, provider_path, split_path
from app.domain.quality import QualityContext, regional_references
from app.extensions import db
from app.search import kept_on_catalog, live_catalog, live_reference, search
from app.search import params as search_params
from app.search.catalog import Catalog
from app.web.i18n import explicit_language
from app.web.provider_context import visit
from app.web.sharing import site_root

bp = Blueprint("providers", __name__)


def _references() -> dict:
    """Regional medians of the live register (kept on the catalog, which has them made
    before it serves: see `prepare_with_each_catalog`).

    Not `kept_on_catalog`: while the catalog is a moment behind, every provider page would
    compute them afresh (0.8 s at 20,000 providers). For those seconds a provider's
    figures may be set against the previous register's medians."""
    catalog = live_catalog()
    return {} if catalog is None else regional_references_of(catalog)


def regional_references_of(catalog: Catalog) -> dict:
    """The medians for `catalog`'s register, computed once per catalog."""
    minimum_n = catalog.minimum_n
    return catalog.memo("regional_references", lambda: regional_references(db.session, minimum_n))


def prepare_with_each_catalog(app: Flask) -> None:
    """Have the medians made with each new catalog, before it serves: the first provider
    page after a publish waited 0.8–2 s for them at 20,000 providers."""
    app.extensions["live_search"].prepare_catalog.append(regional_references_of)


# Loading a provider takes ~14 queries: a third of its page's cost, two thirds of a
# comparison's. What it shows changes only with the publication (register, confirmation,
# availability) and the day, as the catalog does, so each catalog keeps the providers
# last shown. A provider kept takes ~30 KB, so this bounds them to ~15 MB a worker: all
# of a register of Twente's size, the most recently shown of a much larger one.
DETAILS_KEPT = 512


def provider_detail(aanbieder_id: str | None) -> ProviderDetail | None:
    """The provider as its page (and the API) shows it, or None when unknown."""
    if aanbieder_id is None:
        return None
    kept = kept_on_catalog("provider details", lambda: lru_cache(DETAILS_KEPT)(_load_provider))
    return kept(aanbieder_id)


def _load_provider(aanbieder_id: str) -> ProviderDetail | None:
    """From the database. What it returns is shared by the requests of a catalog: read
    only, and detached from its session once the request that loaded it ends (everything
    a page reads is loaded eagerly, see `provider_detail._with_everything`)."""
    context = QualityContext(
        clock.today(), current_app.config["MINIMUM_N"], _references(), live_reference()
    )
    return load_provider(db.session, aanbieder_id, context)


def _suggestions(words: str) -> list:
    """Up to five providers that look like the words of a broken link: all words first,
    then single words (longest first), because an old id or a typo may match nothing."""
    catalog = live_catalog()
    if catalog is None or not words:
        return []
    found: dict[str, Any] = {}
    for attempt in [words, *sorted(set(words.split()), key=len, reverse=True)]:
        params = search_params.parse(MultiDict({"q": attempt}), live_reference())
        result, _ = search(params)
        for provider in result.providers if result else []:
            found.setdefault(provider.id, provider)
        if len(found) >= 5:
            break
    return list(found.values())[:5]


def _report_link(detail: ProviderDetail) -> str:
    a = detail.aanbieder
    subject = gettext("Fout op de pagina van %(naam)s (%(id)s)", naam=a.naam, id=a.id)
    page = f"{site_root()}{provider_path(a.id, a.naam)}"
    body = gettext("Pagina: %(link)s", link=page) + "\n\n" + gettext("Wat klopt er niet?") + "\n"
    address = current_app.config["ERROR_REPORT_EMAIL"]
    return f"mailto:{address}?{urlencode({'subject': subject, 'body': body}, quote_via=quote)}"


@bp.get("/aanbieder/<path:key>")
def provider(key: str) -> ResponseReturnValue:
    aanbieder_id, given_slug = split_path(db.session, key)
    detail = provider_detail(aanbieder_id)
    if detail is None:
        readable = key.split("/", 1)[-1]  # the slug part, if there is one
        words = " ".join(readable.replace("-", " ").split())[:100]
        return render_template(
            "provider_not_found.html", words=words, suggestions=_suggestions(words)
        ), 404
    canonical = provider_path(detail.aanbieder.id, detail.aanbieder.naam)
    if request.path != unquote(canonical):  # old or missing slug: one link per provider
        query = request.query_string.decode()
        return redirect(canonical + (f"?{query}" if query else ""), 301)
    ref = live_reference()
    came_from = visit(detail, ref)  # the search in the link: gemeente, help, shortlist
    return render_template(
        "provider.html",
        detail=detail,
        visit=came_from,
        gemeente=ref.gemeenten_by_cbs.get(came_from.search.g or ""),
        report_link=_report_link(detail),
        canonical_path=canonical,
        shortlist=came_from.search.b,
        minimum_n=current_app.config["MINIMUM_N"],
    )


def provider_link(
    aanbieder_id: str,
    name: str,
    gemeente_slug: str | None = None,
    shortlist: list[str] | None = None,
    search: search_params.SearchParams | None = None,
    **changes: Any,
) -> str:
    """A link to a provider page that keeps the visitor's context and language: the whole
    search they came from (`search`, with `changes`), or just their gemeente and shortlist."""
    language = explicit_language()
    if search is not None:
        query = search_params.canonical_query(search, live_reference(), lang=language, **changes)
        return provider_path(aanbieder_id, name) + (f"?{query}" if query else "")
    params: list[tuple[str, str]] = [("g", gemeente_slug)] if gemeente_slug else []
    params += [("b", i) for i in shortlist or []]
    if language:
        params.append(("lang", language))
    return provider_path(aanbieder_id, name) + (f"?{urlencode(params)}" if params else "")
