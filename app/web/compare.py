"""The comparison page (/vergelijk?a=<id>&a=<id>...): up to four providers side by side."""

from __future__ import annotations

from collections.abc import Callable

from flask import Blueprint, render_template, request, url_for
from flask.typing import ResponseReturnValue

from app.search import live_reference
from app.search import params as search_params
from app.web import display
from app.web.compare_rows import MAX_COMPARE, build_rows, compare
from app.web.i18n import explicit_language
from app.web.providers import provider_detail

bp = Blueprint("compare", __name__)


def compare_path(ids: list[str], gemeente_slug: str | None = None) -> str:
    """The link of a comparison: the ids in the order chosen, then the gemeente."""
    return url_for("compare.vergelijk", a=ids, g=gemeente_slug, lang=explicit_language())


def search_path(ids: list[str], gemeente_slug: str | None) -> str:
    """Back to the search, keeping the gemeente and the shortlist."""
    return url_for("results.zoeken", g=gemeente_slug, b=ids, lang=explicit_language())


@bp.get("/vergelijk")
def vergelijk() -> ResponseReturnValue:
    ref = live_reference()
    ids = search_params.shortlist_ids(request.args, "a", limit=50)
    cbs = ref.gemeente_cbs(request.args.get("g", "")) if request.args.get("g") else None
    result = compare(ids, provider_detail)
    names: dict[str, Callable[..., str]] = {
        "service": display.service_name,
        "thema": display.thema_label,
        "language": display.language_name,
        "gemeente": display.gemeente_name,
        "indicator": display.indicator_name,
        "value": display.value_text,
    }
    result.rows = build_rows(result.providers, cbs, names, ref.key_indicators)
    slug = ref.gemeenten_by_cbs[cbs].slug if cbs else None
    shown = ids[:MAX_COMPARE]
    return render_template(
        "compare.html",
        comparison=result,
        ids=shown,
        gemeente_slug=slug,
        canonical_path=compare_path(shown, slug),
        back_link=search_path(ids[: search_params.MAX_SHORTLIST], slug),
        remove_link=lambda aid: compare_path([i for i in shown if i != aid], slug),
    )
