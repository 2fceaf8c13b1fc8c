"""Everything templates can call, registered in one place.

Helpers that do not depend on the request are Jinja globals (set once, free per
render); what belongs to one request (the live register, the language) comes from a
single context processor.
"""

from __future__ import annotations

from typing import Any

from flask import Flask
from flask_babel import format_date, format_number, get_locale

from app.domain import clock
from app.search import live_reference, publication
from app.search.params import MAX_SHORTLIST
from app.web import availability, display, filter_state, i18n, sharing
from app.web.compare import compare_path
from app.web.providers import provider_link

FILTERS = (
    display.language_name,
    display.thema_label,
    display.gemeente_name,
    display.gemeente_slug,
    display.service_name,
    i18n.bdi,
    display.breakable,
)


def _jinja_globals() -> dict[str, Any]:
    """The helpers that do not depend on the request, by the name templates use."""
    return {
        "format_date": format_date,
        "day_in_words": display.day_in_words,
        "format_number": format_number,
        "search_link": display.search_link,
        "search_laws": display.search_laws,
        "service_name": display.service_name,
        "in_sentence": display.in_sentence,
        "language_name": display.language_name,
        "figure_text": display.figure_text,
        "reference_text": display.value_text,
        "indicator_name": display.indicator_name,
        "indicator_short": display.indicator_short,
        "card_value": display.card_value,
        "age_range": display.age_range,
        "quoted_list": display.quoted_list,
        "thema_label": display.thema_label,
        "sort_labels": display.SORT_LABELS,
        "sort_explanations": display.SORT_EXPLANATIONS,
        "without_labels": display.WITHOUT_LABELS,
        "search_grammar": display.GRAMMAR,
        "filter_chips": filter_state.chips,
        "filter_count": filter_state.filter_count,
        "cleared_search": filter_state.cleared,
        "for_whom_labels": filter_state.FOR_WHOM,
        "share_links": sharing.share_links,
        "qr_svg": sharing.qr_svg,
        "absolute_link": sharing.absolute_link,
        "site_root": sharing.site_root,
        "provider_link": provider_link,
        "compare_link": compare_path,
        "max_shortlist": MAX_SHORTLIST,
        **_availability_globals(),
        **_language_globals(),
    }


def _availability_globals() -> dict[str, Any]:
    """Where a waiting time comes from, and the small trend on the provider page."""
    return {
        "source_name": availability.source_name,
        "waiting_time": availability.waiting_time,
        "new_clients": availability.new_clients,
        "trend_points": availability.trend_points,
        "trend_size": (availability.TREND_WIDTH, availability.TREND_HEIGHT),
    }


def _language_globals() -> dict[str, Any]:
    """The helpers for texts in the visitor's language and links to the other languages."""
    return {
        "ngettext": i18n.template_ngettext,
        "pick": i18n.pick,
        "pick_marked": i18n.pick_marked,
        "alternate_links": sharing.alternate_links,
        "error_title": i18n.error_title,
        "error_text": i18n.error_text,
    }


def per_request() -> dict[str, Any]:
    """What belongs to one request: the live register, today, the language."""
    locale = get_locale()
    ref = live_reference()
    return {
        "publication": publication(),
        "today": clock.today(),
        "current_locale": str(locale),
        "text_direction": i18n.text_direction(str(locale)) if locale else "ltr",
        "language_choices": i18n.language_choices(),
        "og_locale": i18n.OG_LOCALES.get(str(locale), "nl_NL"),
        "ref": ref,
        "gemeente_by_cbs": ref.gemeenten_by_cbs,
        **i18n.template_gettext(),
    }


def register_template_globals(app: Flask) -> None:
    """Jinja globals and filters, and the per-request context."""
    app.jinja_env.globals.update(_jinja_globals())
    for helper in FILTERS:
        app.add_template_filter(helper)
    app.context_processor(per_request)
