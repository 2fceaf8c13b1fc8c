"""The filter panel's options, ready to print: per option its value, its words, how many
results choosing it would give (formatted), and whether it is chosen or can be chosen.
Options that would give no result are disabled, or left out where the list is long
(unless chosen, so they can be unchosen). The words come from `search_words`, made once
per register version and language, so the template only prints."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from flask_babel import gettext

from app.search.finder import SearchResult
from app.search.params import SearchParams
from app.web.search_words import SearchWords


@dataclass(frozen=True)
class Option:
    """One option: the template prints `count` in brackets when it is not None."""

    value: str
    label: str
    count: str | None
    chosen: bool = False
    disabled: bool = False


@dataclass(frozen=True)
class Panel:
    """Every option group of the panel, in its order on the page."""

    for_whom: list[Option]
    gemeenten: list[Option]
    services: list[tuple[str, list[Option]]]  # per segment with options: its name, options
    themas: list[Option] | None  # None: no fieldset
    languages: list[Option] | None
    kenmerk: list[Option]
    wait: list[Option]


def filter_panel(result: SearchResult, words: SearchWords) -> Panel:
    """The panel for one search."""
    params, facets = result.params, result.facets
    return Panel(
        for_whom=_for_whom(facets["w"].counts, params, words),
        gemeenten=_gemeenten(facets["g"].counts, params, words),
        services=_services(facets["d"].counts, params, words),
        themas=_checkboxes(
            sorted(facets["t"].counts.items(), key=lambda item: item[0].lower()),
            params.t,
            words.themas.__getitem__,
            words,
        ),
        languages=_checkboxes(
            list(facets["taal"].counts.items()), params.taal, words.language, words, skip="nl"
        ),
        kenmerk=[
            Option(
                flag,
                label,
                words.number(n),
                flag in params.kenmerk,
                flag not in params.kenmerk and not n,
            )
            for flag, label in words.kenmerk.items()
            for n in [facets["kenmerk"].counts[flag]]
        ],
        wait=_wait(facets["wacht"].counts, params, words),
    )


def _for_whom(counts: dict[str, int], params: SearchParams, words: SearchWords) -> list[Option]:
    options = [
        Option(wet, label, words.number(n), params.w == wet, params.w != wet and not n)
        for wet, label in words.for_whom.items()
        for n in [counts.get(wet) or 0]
    ]
    return [*options, Option("", gettext("Weet ik niet"), None, params.w is None)]


def _gemeenten(counts: dict[str, int], params: SearchParams, words: SearchWords) -> list[Option]:
    return [
        Option(
            words.gemeenten[cbs][0],
            words.gemeenten[cbs][1],
            words.number(n),
            params.g == cbs,
            params.g != cbs and not n,
        )
        for cbs, n in counts.items()
    ]


def _services(
    counts: dict[str, int], params: SearchParams, words: SearchWords
) -> list[tuple[str, list[Option]]]:
    groups = []
    for segment, codes in words.segments:
        options = [
            Option(code, words.services[code], words.number(counts.get(code, 0)), code in params.d)
            for code in codes
            if counts.get(code) or code in params.d
        ]
        if options:
            groups.append((segment, options))
    return groups


def _checkboxes(
    counts: list[tuple[str, int]],
    chosen: list[str],
    label: Callable[[str], str],
    words: SearchWords,
    skip: str = "",
) -> list[Option] | None:
    """Options with a result or chosen, in the given order; None (no fieldset at all) when
    no option has a result and none is chosen. `skip`: an option never offered (Dutch:
    every provider speaks it)."""
    if not chosen and not any(n for _, n in counts):
        return None
    return [
        Option(code, label(code), words.number(n), code in chosen)
        for code, n in counts
        if (n or code in chosen) and code != skip
    ]


def _wait(counts: dict[str, int], params: SearchParams, words: SearchWords) -> list[Option]:
    options = [
        Option(
            weeks,
            gettext("Hoogstens %(num)s weken", num=weeks),
            words.number(n),
            params.wacht == int(weeks),
            params.wacht != int(weeks) and not n,
        )
        for weeks, n in counts.items()
    ]
    if params.wacht is not None and str(params.wacht) not in counts:
        options.append(
            Option(
                str(params.wacht), gettext("Hoogstens %(num)s weken", num=params.wacht), None, True
            )
        )
    return options
