"""Where the visitor of a provider page came from: the search in its link (the result
page's own query string, so "terug naar de zoekresultaten" restores all of it), whether
the provider answers that search's gemeente and help, and which route to help fits."""

from __future__ import annotations

from dataclasses import dataclass, field

from flask import request, url_for

from app.domain.provider_detail import ProviderDetail
from app.domain.reference import ReferenceData
from app.search import params as search_params
from app.web import display
from app.web.i18n import explicit_language


@dataclass
class Visit:
    """The search a provider page was opened from (empty when opened on its own)."""

    search: search_params.SearchParams
    back_link: str | None = None  # the result page, when there was a search
    misfit: str | None = None  # "voor ambulante begeleiding in Almelo", when not contracted
    routes: list[str] = field(default_factory=list)  # the laws whose route to help is shown
    kept: list[tuple[str, str]] = field(default_factory=list)  # the search but its gemeente


def _searched_services(search: search_params.SearchParams, ref: ReferenceData) -> set[str]:
    """The services a search asks for: the chosen ones, or all of the chosen law."""
    if search.d:
        return {code for code in search.d if search.w in (None, ref.dienst_codes[code].wet)}
    if search.w:
        return {d.code for d in ref.diensten if d.wet == search.w}
    return set()


def _misfit(detail: ProviderDetail, search: search_params.SearchParams, ref: ReferenceData) -> str:
    """'voor ambulante begeleiding in Almelo' when the provider has no contract for the
    searched help in the searched gemeente ('' when it has, or nothing was searched)."""
    wanted = _searched_services(search, ref)
    if detail.no_contract or not (search.g or search.d or search.w):
        return ""
    fits = any(
        (not wanted or line.code in wanted) and (search.g is None or search.g in line.gemeenten)
        for line in detail.services
    )
    if fits:
        return ""
    grammar = search_params.GRAMMAR
    words = [display.phrase(grammar["d"], search.d)] if search.d else []
    if search.w and not search.d:
        words.append(display.phrase(grammar["w"], search.w))
    if search.g:
        words.append(display.phrase(grammar["g"], search.g))
    return " ".join(words)


def _routes(
    detail: ProviderDetail, search: search_params.SearchParams, ref: ReferenceData
) -> list[str]:
    """The laws whose route to help the page explains: the provider's (from its ended
    contracts when none runs), narrowed to the searched law when it has that one."""
    laws = set(detail.wetten) or {
        ref.dienst_codes[c.dienst_code].wet
        for c in detail.aanbieder.contracten
        if c.dienst_code in ref.dienst_codes
    }
    searched = {ref.dienst_codes[code].wet for code in search.d}
    if search.w:
        searched.add(search.w)
    return sorted(laws & searched or laws)


def visit(detail: ProviderDetail, ref: ReferenceData) -> Visit:
    """Read the search from the request's query string (bad values are left out)."""
    search = search_params.parse(request.args, ref)
    search.notices = []
    pairs = search_params.as_pairs(search, ref)
    came_from_search = any(name != "b" for name, _ in pairs)
    back = None
    if came_from_search:
        query = search_params.canonical_query(search, ref, lang=explicit_language())
        back = f"{url_for('results.zoeken')}?{query}"
    kept = [(name, value) for name, value in pairs if name != "g"]
    misfit = _misfit(detail, search, ref) or None
    return Visit(search, back, misfit, _routes(detail, search, ref), kept)
