"""The search page: parse, call `find`, render. Its JSON twin is /api/v1/providers."""

from __future__ import annotations

from typing import Any
from urllib.parse import parse_qsl

from flask import Blueprint, redirect, render_template, request, url_for
from flask.typing import ResponseReturnValue

from app.domain.reference import ReferenceData
from app.search import live_reference, run_search
from app.search import params as search_params
from app.search.cards import card
from app.search.catalog import Catalog
from app.search.finder import SearchResult
from app.search.result_map import result_map
from app.web.display import summary_sentence
from app.web.filter_panel import filter_panel
from app.web.i18n import explicit_language
from app.web.result_cards import Page, card_view
from app.web.search_words import search_words

bp = Blueprint("results", __name__)


def _ref() -> ReferenceData:
    return live_reference()


def says_the_same(args: Any, canonical: str) -> bool:
    """Whether a query string is the canonical one but for what a GET form adds: empty
    fields and another order of the fields."""
    given = sorted((name, value) for name, value in args.items(multi=True) if value.strip())
    return given == sorted(parse_qsl(canonical))


@bp.get("/zoeken")
def zoeken() -> ResponseReturnValue:
    """The result page. A form's query string is answered at once (one request on a phone);
    other spellings of a search (GM0153, d=amb-beg, p=1) are redirected to the canonical
    link, so every search has one link (also in <link rel="canonical">)."""
    params, result, catalog = run_search(request.args)
    canonical = search_params.canonical_query(params, _ref(), lang=explicit_language())
    if not params.notices and not says_the_same(request.args, canonical):
        return redirect(f"{request.path}?{canonical}" if canonical else request.path, 302)
    page = f"{request.path}?{canonical}" if canonical else request.path
    return render_template(
        "search.html",
        params=params,
        result=result,
        catalog=catalog,
        ref=_ref(),
        canonical_path=page,
        summary=summary_sentence(result) if result else "",  # said twice: made once
        result_map=result_map(result) if result and result.mapped else None,
        **_panel_and_cards(result, catalog, canonical),
    )


def _panel_and_cards(
    result: SearchResult | None, catalog: Catalog | None, search: str
) -> dict[str, Any]:
    """The filter panel and a maker of result cards (whose links keep the search, the
    canonical query string `search`), in words made once per register version and language."""
    if result is None or catalog is None:
        return {"panel": None, "card": None, "card_labels": None}
    words = search_words(catalog)
    page = Page(
        words, result.params, search, url_for("results.zoeken"), _ref(), explicit_language()
    )
    return {
        "panel": filter_panel(result, words),
        "card": lambda p: card_view(p, card(p, result, catalog), page),
        "card_labels": words.card_labels,
    }
