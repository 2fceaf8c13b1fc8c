"""How a search is put into words and options on the result page (the HTML side only;
the JSON twin gives the same facts as data)."""
from __future__ import annotations

from typing import Any

from babel.lists import format_list
from flask import current_app
from flask_babel import format_decimal, get_locale, gettext, ngettext
from flask_babel import lazy_gettext as _l

from app.domain.figures import Figure
from app.search import params as search_params
from app.search.finder import SearchResult
from app.web.i18n import explicit_language, pick

SORT_LABELS = {
    "relevantie": _l("Best passend"),
    "neutraal": _l("Willekeurig (verandert elke dag)"),
    "naam": _l("Naam"),
    "tevredenheid": _l("Cliënttevredenheid"),
    "doelen": _l("Doelen bereikt"),
    "uitval": _l("Minste uitval"),
    "wachttijd": _l("Kortste wachttijd"),
    "afstand": _l("Afstand"),
}
SORT_EXPLANATIONS = {
    "relevantie": _l("De aanbieders die het best bij uw zoekwoorden passen, staan bovenaan."),
    "neutraal": _l("Zonder zoekwoorden staan de aanbieders in een willekeurige volgorde die elke dag verandert. Niemand betaalt voor een plek bovenaan."),
    "naam": _l("Op naam, van A tot Z."),
    "tevredenheid": _l("Hoogste cliënttevredenheid eerst. Aanbieders zonder (genoeg) gegevens staan onderaan."),
    "doelen": _l("Hoogste doelrealisatie eerst. Aanbieders zonder (genoeg) gegevens staan onderaan."),
    "uitval": _l("Laagste uitval eerst (lager is beter). Aanbieders zonder (genoeg) gegevens staan onderaan."),
    "wachttijd": _l("Kortste wachttijd eerst. Aanbieders zonder wachttijd staan onderaan."),
    "afstand": _l("Dichtstbijzijnde locatie eerst. Aanbieders zonder adres staan onderaan."),
}
KENMERK_LABELS = {
    "afstand": _l("Hulp op afstand (video, telefoon of chat)"),
    "huisbezoek": _l("Komt bij u thuis"),
    "rolstoel": _l("Toegankelijk met een rolstoel"),
    "nieuw": _l("Neemt nieuwe cliënten aan"),
}
WITHOUT_LABELS = {
    "q": _l("zonder zoekwoorden"),
    "g": _l("in alle gemeenten"),
    "w": _l("voor iedereen (jeugd en volwassenen)"),
    "d": _l("voor alle soorten hulp"),
    "l": _l("zonder leeftijd"),
    "t": _l("zonder onderwerp"),
    "taal": _l("zonder taal"),
    "kenmerk": _l("zonder de extra wensen"),
    "wacht": _l("zonder maximale wachttijd"),
}


def ref() -> Any:
    return current_app.extensions["reference"]


def language_name(code: str) -> str:
    """A language's name in the visitor's language (tr -> Turks / Turkish)."""
    name = get_locale().languages.get(code)
    return name if name else code


def service_name(code: str) -> str:
    return pick(ref().dienst_codes[code]["naam"])


def _in_sentence(name: str) -> str:
    """'Ambulante begeleiding' -> 'ambulante begeleiding' (abbreviations keep capitals)."""
    return name[:1].lower() + name[1:] if name[1:2].islower() else name


def summary_sentence(result: SearchResult) -> str:
    """One sentence that sums up the search: '12 aanbieders voor ambulante begeleiding in
    Enschede, voor iemand van 14 jaar'."""
    params = result.params
    parts = [ngettext("%(num)s aanbieder", "%(num)s aanbieders", result.total)]
    locale = get_locale()
    if params.d:
        names = [_in_sentence(service_name(code)) for code in params.d]
        parts.append(gettext("voor %(hulp)s", hulp=format_list(names, style="or", locale=locale)))
    elif params.w:
        parts.append(gettext("voor jeugdhulp") if params.w == "jeugd" else gettext("voor Wmo-ondersteuning"))
    if params.g:
        parts.append(gettext("in %(gemeente)s", gemeente=ref().gemeenten_by_cbs[params.g]["naam"]))
    sentence = " ".join(parts)
    extras = []
    if params.l is not None:
        extras.append(gettext("voor iemand van %(leeftijd)s jaar", leeftijd=params.l))
    if params.q:
        extras.append(gettext("passend bij ‘%(woorden)s’", woorden=params.q))
    return ", ".join([sentence, *extras]) + "."


def service_groups(result: SearchResult) -> list[tuple[str, list[tuple[str, str, int]]]]:
    """The service options per segment: (segment name, [(code, name, count)]). Options
    that would give no result are left out unless chosen (so they can be unchosen)."""
    counts = result.facets["d"].counts
    groups = []
    for segment in ref().segmenten:
        options = [(d["code"], pick(d["naam"]), counts.get(d["code"], 0))
                   for d in ref().diensten if d["segment"] == segment["code"]
                   and (counts.get(d["code"]) or d["code"] in result.params.d)]
        if options:
            groups.append((pick(segment["naam"]), options))
    return groups


# Dutch writes a (non-breaking) space before the percent sign (87,5 %), English does not.
PERCENT_SIGN = {"nl": "\u00a0%", "en": "%"}


def figure_text(figure: Figure) -> str:
    """A figure's value for the visitor's language: 8,1 / 87,5 % (nl), 8.1 / 87.5% (en)."""
    return value_text(figure.waarde, figure.eenheid)


def value_text(value: float, eenheid: str) -> str:
    if eenheid == "cijfer":
        return format_decimal(value, format="#,##0.0")
    return percent_text(value)


def percent_text(value: float) -> str:
    sign = PERCENT_SIGN.get(str(get_locale()), "%")
    return format_decimal(round(value, 1), format="#,##0.#") + sign


def indicator_name(code: str) -> str:
    return pick(ref().indicator_codes[code]["naam"])


def search_link(params: search_params.SearchParams, **changes: Any) -> str:
    """The query string of this search with some choices changed (language kept)."""
    return search_params.canonical_query(params, ref(), lang=explicit_language(), **changes)


def thema_label(code: str) -> str:
    return pick(ref().themas_by_code[code]["label"])


def gemeente_name(cbs: str) -> str:
    return str(ref().gemeenten_by_cbs[cbs]["naam"])


def gemeente_slug(cbs: str) -> str:
    return str(ref().gemeenten_by_cbs[cbs]["slug"])
