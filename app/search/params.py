"""The search's query-string grammar: parsing (bad values become notices, never an error
page) and the canonical link, both read from the one table of parameters in
app/search/grammar.py (re-exported here, so `params` is the door to the grammar).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlencode

from app.domain.reference import ReferenceData
from app.search.grammar import GRAMMAR as GRAMMAR
from app.search.grammar import IDS as IDS
from app.search.grammar import INTEGER as INTEGER
from app.search.grammar import KENMERKEN as KENMERKEN
from app.search.grammar import MANY as MANY
from app.search.grammar import MAX_ID_LENGTH as MAX_ID_LENGTH
from app.search.grammar import MAX_SHORTLIST as MAX_SHORTLIST
from app.search.grammar import NUMBER as NUMBER
from app.search.grammar import ONE as ONE
from app.search.grammar import ORDER as ORDER
from app.search.grammar import PAGE as PAGE
from app.search.grammar import PAGE_ONLY as PAGE_ONLY
from app.search.grammar import PARAMETERS as PARAMETERS
from app.search.grammar import SEARCH_PARAMETERS as SEARCH_PARAMETERS
from app.search.grammar import SORTS as SORTS
from app.search.grammar import (  # the table, re-exported: this module is the door
    TEXT as TEXT,
)
from app.search.grammar import WEERGAVEN as WEERGAVEN
from app.search.grammar import WETTEN as WETTEN
from app.search.grammar import Parameter as Parameter
from app.search.words import MAX_QUERY_LENGTH


@dataclass
class SearchParams:
    """A cleaned search: every value is known to be valid (defaults as in the table)."""

    q: str = ""
    g: str | None = None  # gemeente CBS code (written as its slug in URLs)
    w: str | None = None  # wet
    d: list[str] = field(default_factory=list)  # dienst codes
    l: int | None = None  # noqa: E741 (the URL parameter l=): age of who needs help
    t: list[str] = field(default_factory=list)  # themes
    taal: list[str] = field(default_factory=list)  # languages
    kenmerk: list[str] = field(default_factory=list)  # remote, home visits, wheelchair, new clients
    wacht: int | None = None  # maximum waiting time in weeks
    sort: str | None = None
    lat: float | None = None
    lon: float | None = None
    weergave: str = "lijst"  # "kaart": a map of the results above the list
    b: list[str] = field(default_factory=list)  # the shortlist: aanbieder ids
    p: int = 1
    notices: list[tuple[str, str]] = field(default_factory=list)  # (parameter, value) ignored

    @property
    def effective_sort(self) -> str:
        """The order used: the chosen one, or the default for this search."""
        if self.sort == "relevantie" and not self.q:
            return "neutraal"
        return self.sort or default_sort(self.q)


def default_sort(q: str) -> str:
    """With words the best match first; without, the neutral order of the day."""
    return "relevantie" if q else "neutraal"


def clean_text(value: str) -> tuple[str, bool]:
    """Drop control characters, collapse spaces, cap the length; returns (text, was_cut)."""
    text = "".join(ch if unicodedata.category(ch)[0] != "C" else " " for ch in value)
    text = re.sub(r"\s+", " ", text).strip()
    return text[:MAX_QUERY_LENGTH].strip(), len(text) > MAX_QUERY_LENGTH


def _int_in(value: str, low: float, high: float) -> int | None:
    value = value.strip()
    return int(value) if re.fullmatch(r"-?\d{1,4}", value) and low <= int(value) <= high else None


def _float_in(value: str, low: float, high: float) -> float | None:
    try:
        number = float(value)
    except ValueError:
        return None
    return round(number, 2) if low <= number <= high else None


def _converter(param: Parameter, ref: ReferenceData) -> Callable[[str], Any]:
    """How one given value of a ONE, MANY, INTEGER or NUMBER parameter is read (None: bad)."""
    read, low, high = param.read, param.minimum or 0, param.maximum or 0
    if read is not None:
        return lambda value: read(value, ref)
    if param.kind in (INTEGER, NUMBER):
        within = _int_in if param.kind == INTEGER else _float_in
        return lambda value: within(value, low, high)
    if param.pattern is not None:
        pattern = param.pattern
        return lambda value: value if re.fullmatch(pattern, value) else None
    allowed = set(param.allowed(ref))
    return lambda value: value if value in allowed else None


def parse(args: Any, ref: ReferenceData) -> SearchParams:
    """Read a query string (a MultiDict) into SearchParams; bad values become notices."""
    params = SearchParams()
    for param in PARAMETERS:
        if param.kind == TEXT:
            _text(params, args, param)
        elif param.kind == MANY:
            _multi(params, args, param.name, _converter(param, ref))
        elif param.kind == IDS:
            setattr(params, param.name, shortlist_ids(args, param.name))
        elif param.kind == PAGE:
            _page(params, args, param)
        else:
            _single(params, args, param.name, _converter(param, ref))
    if params.sort == default_sort(params.q):
        params.sort = None  # the default order: left out of links, so each search has one link
    return params


def _text(params: SearchParams, args: Any, param: Parameter) -> None:
    value, cut = clean_text(args.get(param.name, ""))
    setattr(params, param.name, value)
    if cut:
        params.notices.append((param.name, f"> {param.max_length}"))


def _page(params: SearchParams, args: Any, param: Parameter) -> None:
    raw = args.get(param.name, "").strip() or str(param.default)
    number = _int_in(raw, param.minimum or 1, param.maximum or 1)
    setattr(params, param.name, number or param.default)
    if number is None:
        params.notices.append((param.name, raw[:20]))


def shortlist_ids(args: Any, name: str, limit: int = MAX_SHORTLIST) -> list[str]:
    """Provider ids from a query string, in the order given, without repeats; they are
    looked up later (an unknown id is shown as unknown, not dropped silently)."""
    ids: list[str] = []
    for raw in args.getlist(name)[:50]:
        value = clean_text(raw)[0][:MAX_ID_LENGTH]
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
    pairs: list[tuple[str, str]] = []
    for param in PARAMETERS:
        value = state[param.name]
        if value in (None, "", [], ()) or value == param.default:
            continue
        values = value if isinstance(value, (list, tuple)) else [value]
        if param.write is not None:
            values = [param.write(v, ref) for v in values]
        pairs.extend((param.name, str(v)) for v in values)
    return pairs


def canonical_query(
    params: SearchParams, ref: ReferenceData, lang: str | None = None, **changes: Any
) -> str:
    """The canonical query string (without '?'), optionally with the language."""
    pairs = as_pairs(params, ref, **changes)
    if lang:
        pairs.append(("lang", lang))
    return urlencode(pairs)
