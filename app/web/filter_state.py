"""What a search has chosen, made visible: one removable chip per chosen value (named as
its option in the filter panel; the summary sentence says them all in a sentence), the
number of filters that are on, and the search with every filter cleared (the shortlist
and the view kept)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from flask_babel import gettext
from flask_babel import lazy_gettext as _l

from app.search import params as search_params
from app.web import display

# "Voor wie is de hulp?": the answers, as the forms and the chips say them.
FOR_WHOM = {"jeugd": _l("Een kind of jongere"), "wmo": _l("Een volwassene")}


@dataclass(frozen=True)
class Chip:
    """One chosen value: its parameter, how it is said, and the search without it."""

    name: str
    words: str
    without: str  # query string


# A chosen value as its chip says it: short, like the option it was chosen with.
CHIP_WORDS: dict[str, Callable[[Any], str]] = {
    "q": lambda words: f"‘{words}’",
    "g": display.gemeente_name,
    "w": lambda wet: str(FOR_WHOM[wet]),
    "d": display.service_name,
    "l": lambda age: gettext("%(num)s jaar", num=age),
    "t": display.thema_label,
    "taal": display.language_name,
    "kenmerk": lambda flag: str(display.KENMERK_LABELS[flag]),
    "wacht": lambda weeks: gettext("Hoogstens %(num)s weken", num=weeks),
}


def chips(params: search_params.SearchParams) -> list[Chip]:
    """The chosen values in the order the summary sentence says them."""
    found: list[Chip] = []
    for param in display.SPOKEN:
        chosen = getattr(params, param.name)
        if chosen in (None, "", []):
            continue
        for value in chosen if isinstance(chosen, list) else [chosen]:
            rest = [v for v in chosen if v != value] if isinstance(chosen, list) else None
            link = display.search_link(params, p=1, **{param.name: rest})
            found.append(Chip(param.name, CHIP_WORDS[param.name](value), link))
    return found


def filter_count(params: search_params.SearchParams) -> int:
    """How many filters are on (the words typed are not a filter)."""
    return sum(1 for chip in chips(params) if chip.name != "q")


def cleared(params: search_params.SearchParams) -> str:
    """The query string without any choice: only the shortlist, the view (list or map)
    and the language stay."""
    return display.search_link(search_params.SearchParams(b=params.b, weergave=params.weergave))
