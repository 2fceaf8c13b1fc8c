"""The comparison page (/vergelijk?a=<id>&a=<id>...&g=<gemeente>&d=<dienst>): up to four
providers side by side, about the help that was searched; and the conversation sheet
(/gesprek, same parameters) built from the same choice."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from flask import Blueprint, render_template, request, url_for
from flask.typing import ResponseReturnValue
from flask_babel import gettext

from app.domain.reference import WETTEN
from app.search import live_reference
from app.search import params as search_params
from app.web import display
from app.web.compare_rows import MAX_COMPARE, Focus, build_sections, compare
from app.web.i18n import explicit_language
from app.web.providers import provider_detail

bp = Blueprint("compare", __name__)

NAMES: dict[str, Callable[..., str]] = {
    "service": display.service_name,
    "thema": display.thema_label,
    "language": display.language_name,
    "gemeente": display.gemeente_name,
    "indicator": display.indicator_name,
    "indicator_short": display.indicator_short,
    "value": display.value_text,
}


def compare_path(
    ids: list[str],
    gemeente_slug: str | None = None,
    dienst: str | None = None,
    endpoint: str = "compare.vergelijk",
) -> str:
    """The link of a comparison (or its conversation sheet): the ids in the order
    chosen, then the gemeente and the service searched."""
    return url_for(endpoint, a=ids, g=gemeente_slug, d=dienst, lang=explicit_language())


def search_path(ids: list[str], gemeente_slug: str | None, dienst: str | None) -> str:
    """Back to the search, keeping the gemeente, the service and the shortlist."""
    return url_for("results.zoeken", g=gemeente_slug, d=dienst, b=ids, lang=explicit_language())


def chosen() -> dict[str, Any]:
    """The providers, gemeente and service of this request's link, and the rows about
    them; an unknown gemeente or service is ignored with a notice, never an error."""
    ref = live_reference()
    ids = search_params.shortlist_ids(request.args, "a", limit=50)
    given_g, given_d = request.args.get("g", "").strip(), request.args.get("d", "").strip()
    cbs = ref.gemeente_cbs(given_g) if given_g else None
    dienst = given_d if given_d in ref.dienst_codes else None
    notices = [
        value[:40] for value, known in ((given_g, cbs), (given_d, dienst)) if value and not known
    ]
    result = compare(ids, provider_detail)
    wetten = [ref.dienst_codes[dienst].wet] if dienst else []
    result.sections = build_sections(
        result.providers, Focus(dienst, cbs), NAMES, ref.key_indicators, wetten
    )
    slug = ref.gemeenten_by_cbs[cbs].slug if cbs else None
    shown = ids[:MAX_COMPARE]
    laws = wetten or sorted({w for d in result.providers for w in d.wetten}) or list(WETTEN)
    return {
        "comparison": result,
        "ids": shown,
        "gemeente": ref.gemeenten_by_cbs[cbs] if cbs else None,
        "gemeente_slug": slug,
        "dienst": dienst,
        "wetten": laws,
        "notices": notices,
        # What the gemeente form of "how do I get this help" keeps of the link.
        "kept": [("a", i) for i in shown] + ([("d", dienst)] if dienst else []),
        "comparison_path": compare_path(shown, slug, dienst),
        "sheet_path": compare_path(shown, slug, dienst, "compare.gesprek"),
        "back_link": search_path(ids[: search_params.MAX_SHORTLIST], slug, dienst),
    }


@bp.get("/vergelijk")
def vergelijk() -> ResponseReturnValue:
    context = chosen()
    slug, dienst, shown = context["gemeente_slug"], context["dienst"], context["ids"]
    return render_template(
        "compare.html",
        canonical_path=context["comparison_path"],
        remove_link=lambda aid: compare_path([i for i in shown if i != aid], slug, dienst),
        **context,
    )


@bp.get("/gesprek")
def gesprek() -> ResponseReturnValue:
    """A one-page sheet to take to the wijkteam or a provider: the chosen providers,
    questions to ask, what to bring and how to reach the access team."""
    context = chosen()
    contact = [gettext("Telefoon"), gettext("Adres"), gettext("Website")]
    return render_template(
        "conversation.html", canonical_path=context["sheet_path"], contact_rows=contact, **context
    )
