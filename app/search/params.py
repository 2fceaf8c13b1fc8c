"""The search's query-string grammar, declared once: parsing, cleaning and canonical URLs.

Every parameter has a short readable name; unknown values are dropped with a notice
(never an error page), and `canonical_query` writes the state back in a fixed order so
that the same search always has the same link.
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlencode

from app.domain.reference import ReferenceData
from app.search.index import MAX_QUERY_LENGTH

SORTS = ("relevantie", "neutraal", "naam", "tevredenheid", "doelen", "uitval", "wachttijd",
         "afstand")
KENMERKEN = ("afstand", "huisbezoek", "rolstoel", "nieuw")
WETTEN = ("jeugd", "wmo")
# The order of parameters in every link the site writes.
ORDER = ("q", "g", "w", "d", "l", "t", "taal", "kenmerk", "wacht", "sort", "lat", "lon", "b", "p")
# Parameters that belong to the page a visitor is on, not to the search itself: the API
# does not take them.
PAGE_ONLY = ("b",)
SEARCH_PARAMETERS = tuple(name for name in ORDER if name not in PAGE_ONLY)
MAX_SHORTLIST = 10  # providers on the shortlist ("bewaarlijst"), carried in links as b=


@dataclass
class SearchParams:
    """A cleaned search: every value is known to be valid."""

    q: str = ""
    g: str | None = None          # gemeente CBS code (written as its slug in URLs)
    w: str | None = None          # wet
    d: list[str] = field(default_factory=list)       # dienst codes
    l: int | None = None          # age of the person who needs help
    t: list[str] = field(default_factory=list)       # themes
    taal: list[str] = field(default_factory=list)    # languages
    kenmerk: list[str] = field(default_factory=list)  # remote, home visits, wheelchair, new clients
    wacht: int | None = None      # maximum waiting time in weeks
    sort: str | None = None
    lat: float | None = None
    lon: float | None = None
    b: list[str] = field(default_factory=list)  # the shortlist: aanbieder ids
    p: int = 1
    notices: list[tuple[str, str]] = field(default_factory=list)  # (parameter, value) ignored

    @property
    def effective_sort(self) -> str:
        if self.sort == "relevantie" and not self.q:
            return "neutraal"
        return self.sort or ("relevantie" if self.q else "neutraal")


def clean_text(value: str) -> tuple[str, bool]:
    """Drop control characters, collapse spaces, cap the length; returns (text, was_cut)."""
    text = "".join(ch if unicodedata.category(ch)[0] != "C" else " " for ch in value)
    text = re.sub(r"\s+", " ", text).strip()
    return text[:MAX_QUERY_LENGTH].strip(), len(text) > MAX_QUERY_LENGTH


def _int_in(value: str, low: int, high: int) -> int | None:
    value = value.strip()
    if re.fullmatch(r"-?\d{1,4}", value) and low <= int(value) <= high:
        return int(value)
    return None


def _float_in(value: str, low: float, high: float) -> float | None:
    try:
        number = float(value)
    except ValueError:
        return None
    return round(number, 2) if low <= number <= high else None


def parse(args: Any, ref: ReferenceData) -> SearchParams:
    """Read a query string (a MultiDict) into SearchParams; bad values become notices."""
    params = SearchParams()
    params.q, cut = clean_text(args.get("q", ""))
    if cut:
        params.notices.append(("q", f"> {MAX_QUERY_LENGTH}"))
    slugs = {g["slug"]: g["cbs"] for g in ref.gemeenten}
    _single(params, args, "g", lambda v: slugs.get(v.strip().lower()) or ref.gemeente_cbs(v))
    _single(params, args, "w", lambda v: v if v in WETTEN else None)
    _multi(params, args, "d", lambda v: v.upper() if v.upper() in ref.dienst_codes else None)
    _single(params, args, "l", lambda v: _int_in(v, 0, 120))
    _multi(params, args, "t", lambda v: v if v in ref.thema_codes else None)
    _multi(params, args, "taal", lambda v: v if re.fullmatch(r"[a-z]{2}", v) else None)
    _multi(params, args, "kenmerk", lambda v: v if v in KENMERKEN else None)
    _single(params, args, "wacht", lambda v: _int_in(v, 0, 104))
    _single(params, args, "sort", lambda v: v if v in SORTS else None)
    _single(params, args, "lat", lambda v: _float_in(v, 50.7, 53.6))
    _single(params, args, "lon", lambda v: _float_in(v, 3.3, 7.25))
    if params.sort == ("relevantie" if params.q else "neutraal"):
        params.sort = None  # the default order: left out of links, so each search has one link
    params.b = shortlist_ids(args, "b")
    page = args.get("p", "1").strip() or "1"
    params.p = _int_in(page, 1, 9999) or 1
    if page != "1" and params.p == 1:
        params.notices.append(("p", page[:20]))
    return params


def shortlist_ids(args: Any, name: str, limit: int = MAX_SHORTLIST) -> list[str]:
    """Provider ids from a query string, in the order given, without repeats; they are
    looked up later (an unknown id is shown as unknown, not dropped silently)."""
    ids: list[str] = []
    for raw in args.getlist(name)[:50]:
        value = clean_text(raw)[0][:40]
        if value and value not in ids:
            ids.append(value)
    return ids[:limit]


def _single(params: SearchParams, args: Any, name: str, convert: Any) -> None:
    raw = args.get(name, "")
    if raw.strip() == "":
        return
    value = convert(raw)
    if value is None:
        params.notices.append((name, raw[:40]))
    else:
        setattr(params, name, value)


def _multi(params: SearchParams, args: Any, name: str, convert: Any) -> None:
    values = []
    for raw in args.getlist(name)[:50]:
        for part in raw.split(","):
            if not part.strip():
                continue
            value = convert(part.strip())
            if value is None:
                params.notices.append((name, part[:40]))
            elif value not in values:
                values.append(value)
    setattr(params, name, sorted(values))


def as_pairs(params: SearchParams, ref: ReferenceData, **changes: Any) -> list[tuple[str, str]]:
    """The search as (name, value) pairs in canonical order, defaults left out."""
    state = {name: getattr(params, name) for name in ORDER}
    state.update(changes)
    slug = {g["cbs"]: g["slug"] for g in ref.gemeenten}
    pairs: list[tuple[str, str]] = []
    for name in ORDER:
        value = state[name]
        if value in (None, "", []) or (name == "p" and value == 1):
            continue
        if name == "g":
            value = slug[value]
        values = value if isinstance(value, list) else [value]
        pairs.extend((name, str(v)) for v in values)
    return pairs


def canonical_query(params: SearchParams, ref: ReferenceData, lang: str | None = None,
                    **changes: Any) -> str:
    """The canonical query string (without '?'), optionally with the language."""
    pairs = as_pairs(params, ref, **changes)
    if lang:
        pairs.append(("lang", lang))
    return urlencode(pairs)

