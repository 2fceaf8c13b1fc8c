"""How a search is put into words and options on the result page (the HTML side only;
the JSON twin gives the same facts as data)."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Mapping
from typing import Any

from babel.lists import format_list
from flask_babel import format_date, format_decimal, format_percent, get_locale, gettext
from flask_babel import lazy_gettext as _l
from markupsafe import Markup, escape

from app.domain import clock
from app.domain.figures import Figure, rounded
from app.domain.reference import WETTEN
from app.search import live_reference
from app.search import params as search_params
from app.search.finder import SearchResult
from app.web.i18n import explicit_language, ngettext, pick

GRAMMAR = search_params.GRAMMAR
SORT_LABELS = GRAMMAR["sort"].value_labels
SORT_EXPLANATIONS = {
    "relevantie": _l("De aanbieders die het best bij uw zoekwoorden passen, staan bovenaan."),
    "neutraal": _l(
        "Zonder zoekwoorden staan de aanbieders in een willekeurige volgorde die elke dag "
        "verandert. Niemand betaalt voor een plek bovenaan."
    ),
    "naam": _l("Op naam, van A tot Z."),
    "tevredenheid": _l(
        "Hoogste cliënttevredenheid eerst. Aanbieders zonder (genoeg) gegevens staan onderaan."
    ),
    "doelen": _l(
        "Hoogste doelrealisatie eerst. Aanbieders zonder (genoeg) gegevens staan onderaan."
    ),
    "uitval": _l(
        "Laagste uitval eerst (lager is beter). Aanbieders zonder (genoeg) gegevens staan onderaan."
    ),
    "wachttijd": _l("Kortste wachttijd eerst. Aanbieders zonder wachttijd staan onderaan."),
    "afstand": _l("Dichtstbijzijnde locatie eerst. Aanbieders zonder adres staan onderaan."),
}
KENMERK_LABELS = GRAMMAR["kenmerk"].value_labels
WITHOUT_LABELS = {
    param.name: param.without for param in search_params.PARAMETERS if param.without is not None
}
# The parameters the summary sentence can mention, in the order it says them.
SPOKEN = sorted(
    (param for param in search_params.PARAMETERS if param.phrase is not None),
    key=lambda param: param.said_at,
)


def ref() -> Any:
    return live_reference()


def language_name(code: str) -> str:
    """A language's name in the visitor's language (tr -> Turks / Turkish)."""
    name = get_locale().languages.get(code)
    return name if name else code


def service_name(code: str) -> str:
    return pick(ref().dienst_codes[code].naam)


def in_sentence(name: str) -> str:
    """'Ambulante begeleiding' -> 'ambulante begeleiding' (abbreviations keep capitals)."""
    return name[:1].lower() + name[1:] if name[1:2].islower() else name


def _or(words: list[str]) -> str:
    return format_list(words, style="or", locale=get_locale())


# How a chosen value is put into words, per parameter (the phrases are in the table).
WORDS: dict[str, Callable[[Any], Any]] = {
    "q": lambda words: words,
    "g": lambda cbs: ref().gemeenten_by_cbs[cbs].naam,
    "d": lambda codes: _or([in_sentence(service_name(code)) for code in codes]),
    "l": lambda age: age,
    "t": lambda codes: _or([in_sentence(thema_label(code)) for code in codes]),
    "taal": lambda codes: _or([language_name(code) for code in codes]),
    "kenmerk": lambda flags: format_list(
        [in_sentence(str(KENMERK_LABELS[flag])) for flag in flags], locale=get_locale()
    ),
    "wacht": lambda weeks: weeks,
}


def phrase(param: search_params.Parameter, value: Any) -> str:
    """How the summary sentence says one chosen parameter: 'in Enschede'."""
    if isinstance(param.phrase, Mapping):
        return str(param.phrase[value])
    return str(param.phrase) % {param.slot: WORDS[param.name](value)}


def summary_sentence(result: SearchResult) -> str:
    """One sentence that sums up the search: '12 aanbieders voor ambulante begeleiding in
    Enschede, voor iemand van 14 jaar'."""
    params = result.params
    main = [ngettext("%(num)s aanbieder", "%(num)s aanbieders", result.total)]
    clauses: list[str] = []
    for param in SPOKEN:
        value = getattr(params, param.name)
        if value in (None, "", []) or (param.implied_by and getattr(params, param.implied_by)):
            continue
        (clauses if param.clause else main).append(phrase(param, value))
    return ", ".join([" ".join(main), *clauses]) + "."


# Dutch writes a (non-breaking) space before the percent sign (87,5 %); the other
# languages follow their locale's pattern (Turkish puts the sign first: %87,5).
PERCENT_SIGN = {"nl": "\u00a0%"}


def figure_text(figure: Figure) -> str:
    """A figure's value for the visitor's language: 8,1 / 87,5 % (nl), 8.1 / 87.5% (en)."""
    return value_text(figure.waarde, figure.eenheid)


def value_text(value: float, eenheid: str) -> str:
    if eenheid == "cijfer":
        return format_decimal(rounded(value, 1), format="#,##0.0")
    return percent_text(value)


def percent_text(value: float) -> str:
    locale = get_locale()
    sign = PERCENT_SIGN.get(str(locale))
    if sign or locale is None:
        return format_decimal(rounded(value, 1), format="#,##0.#") + (sign or "%")
    pattern = locale.percent_formats[None].pattern.replace("#,##0", "#,##0.#", 1)
    return format_percent(rounded(value, 1) / 100, format=pattern)


def breakable(text: str) -> Markup:
    """A web or e-mail address that may wrap after its dots, slashes, hyphens and @, so a
    narrow column breaks it between its parts, never inside a word."""
    escaped = str(escape(text))
    return Markup(re.sub(r"([./@-])", r"\1<wbr>", escaped))


def indicator_name(code: str) -> str:
    return pick(ref().indicator_codes[code].naam)


def indicator_short(code: str) -> str:
    """The words after a figure on a result card ("tevreden"); the name when there are none."""
    indicator = ref().indicator_codes[code]
    return pick(indicator.kort) or in_sentence(pick(indicator.naam))


def card_value(figure: Figure) -> str:
    """A figure's value on a result card: 73 % / 8,1 uit 10."""
    if figure.eenheid == "cijfer":
        return gettext("%(cijfer)s uit 10", cijfer=value_text(figure.waarde, "cijfer"))
    return percent_text(figure.waarde)


def age_range(low: int | None, high: int | None) -> str:
    """Who a provider helps, by age: "Voor 6–18 jaar", "Voor 18 jaar en ouder"."""
    if low is None or high is None:
        return gettext("Leeftijd niet bekend")
    if high >= 100:
        if low == 0:
            return gettext("Voor alle leeftijden")
        return gettext("Voor %(min)s jaar en ouder", min=low)
    return gettext("Voor %(min)s–%(max)s jaar", min=low, max=high)


def quoted_list(words: list[str]) -> str:
    """‘x’, ‘y’ en ‘z’ (in the visitor's language)."""
    return format_list([f"‘{word}’" for word in words], locale=get_locale())


def search_link(params: search_params.SearchParams, **changes: Any) -> str:
    """The query string of this search with some choices changed (language kept)."""
    return search_params.canonical_query(params, ref(), lang=explicit_language(), **changes)


def thema_label(code: str) -> str:
    return pick(ref().themas_by_code[code].label)


def gemeente_name(cbs: str) -> str:
    return ref().gemeenten_by_cbs[cbs].naam


def day_in_words(day: dt.date) -> str:
    """A date as people say it: '3 maart', with the year when it is not this year."""
    same_year = day.year == clock.today().year
    return format_date(day, "d MMMM" if same_year else "d MMMM y")


def gemeente_slug(cbs: str) -> str:
    return ref().gemeenten_by_cbs[cbs].slug


def search_laws(params: search_params.SearchParams) -> list[str]:
    """The laws a search is about: the chosen wet, else those of the chosen services (all
    when it says neither), so that the right access team is named."""
    if params.w:
        return [params.w]
    return sorted({ref().dienst_codes[code].wet for code in params.d}) or list(WETTEN)
