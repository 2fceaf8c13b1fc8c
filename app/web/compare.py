"""The comparison page (/vergelijk?a=<id>&a=<id>...): up to four providers side by side."""
from __future__ import annotations

from urllib.parse import urlencode

from flask import Blueprint, render_template, request

from app.search import live_reference
from app.search import params as search_params
from app.web import display
from app.web.compare_rows import MAX_COMPARE, build_rows, compare
from app.web.i18n import explicit_language
from app.web.providers import provider_detail

bp = Blueprint("compare", __name__)


def compare_path(ids: list[str], gemeente_slug: str | None = None) -> str:
    """The link of a comparison: the ids in the order chosen, then the gemeente."""
    pairs = [("a", aanbieder_id) for aanbieder_id in ids]
    if gemeente_slug:
        pairs.append(("g", gemeente_slug))
    if explicit_language():
        pairs.append(("lang", explicit_language()))
    return "/vergelijk" + (f"?{urlencode(pairs)}" if pairs else "")


def search_path(ids: list[str], gemeente_slug: str | None) -> str:
    """Back to the search, keeping the gemeente and the shortlist."""
    pairs = ([("g", gemeente_slug)] if gemeente_slug else []) + [("b", i) for i in ids]
    if explicit_language():
        pairs.append(("lang", explicit_language()))
    return "/zoeken" + (f"?{urlencode(pairs)}" if pairs else "")


@bp.get("/vergelijk")
def vergelijk():  # type: ignore[no-untyped-def]
    ref = live_reference()
    ids = search_params.shortlist_ids(request.args, "a", limit=50)
    cbs = ref.gemeente_cbs(request.args.get("g", "")) if request.args.get("g") else None
    result = compare(ids, provider_detail)
    names = {"service": display.service_name, "thema": display.thema_label,
             "language": display.language_name, "gemeente": display.gemeente_name,
             "indicator": display.indicator_name, "value": display.value_text}
    result.rows = build_rows(result.providers, cbs, names, ref.key_indicators)
    slug = ref.gemeenten_by_cbs[cbs].slug if cbs else None
    shown = ids[:MAX_COMPARE]
    return render_template("compare.html", comparison=result, ids=shown, gemeente_slug=slug,
                           canonical_path=compare_path(shown, slug),
                           back_link=search_path(ids[:search_params.MAX_SHORTLIST], slug),
                           remove_link=lambda aid: compare_path([i for i in shown if i != aid], slug))
