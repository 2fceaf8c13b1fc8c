"""The words of the search page that depend only on the register and the language: option
labels, formatted numbers, figure lines and the fixed parts of result cards.

A search page has some 60 options and 20 cards; formatting each of their words anew
(gettext, Babel number formats, macro calls) was most of the page's cost. They are made
once per catalog (so per register version and day) and language, through `Catalog.memo`,
so a new register or a new day gets new words. Texts that depend on one provider or one
figure are filled in on first use: the lazy dicts may be filled twice by two threads at
once, which is harmless (the same text twice)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import NamedTuple

from flask_babel import format_number, get_locale, gettext
from flask_babel import lazy_gettext as _l
from markupsafe import Markup

from app.domain.availability import Availability
from app.domain.figures import ShownFigure, rounded
from app.domain.provider_detail import provider_path
from app.search import live_reference
from app.search.catalog import Catalog, Provider
from app.web import display, filter_state
from app.web.availability import waiting_time
from app.web.i18n import ngettext, pick

# The answer on new clients as a card's badge: its class, its icon (good and bad news
# differ by icon and words, not by colour alone) and its words.
NEW_CLIENT_BADGES = {
    "ja": ("state state-yes", "✓", _l("Neemt nieuwe cliënten aan")),
    "wachtlijst": ("state state-wait", "◷", _l("Wachtlijst")),
    "nee": ("state state-no", "✕", _l("Neemt nu geen nieuwe cliënten aan")),
}


class ProviderWords(NamedTuple):
    """A provider's own words on a result card, the same in every search."""

    path: str  # its page's link, without the search
    places: str  # "Voor 6–18 jaar · Enschede, Hengelo"
    badges: list[str]  # help at a distance, home visits, wheelchair access
    languages: str  # "Spreekt ook: Turks, Arabisch", "" when only Dutch


class CardLabels(NamedTuple):
    """The fixed words of every result card (some 60 gettext calls a page, made once)."""

    matched: str  # before the help that answers the search (for screen readers)
    no_figures: str
    waiting_time: str
    put_on: str
    take_off: str
    saved: str


@dataclass
class SearchWords:
    """The search page's words for one catalog, in one language."""

    locale: str
    services: dict[str, str]  # code -> name
    segments: list[tuple[str, list[str]]]  # per segment: its name, its services' codes
    themas: dict[str, str]  # code -> label
    gemeenten: dict[str, tuple[str, str]]  # cbs -> (slug, naam)
    for_whom: dict[str, str]  # wet -> the answer to "for whom?"
    kenmerk: dict[str, str]
    new_clients: dict[str, tuple[str, str, str]]  # waarde -> (class, icon, words)
    card_labels: CardLabels
    flag_labels: tuple[str, ...]  # FLAG_LABELS in this language
    _numbers: dict[int, str] = field(default_factory=dict)
    _languages: dict[str, str] = field(default_factory=dict)
    _about: dict[str | None, str] = field(default_factory=dict)
    _figures: dict[tuple[str, ShownFigure], Markup] = field(default_factory=dict)
    _waits: dict[object, Markup] = field(default_factory=dict)
    _parts: dict[tuple[object, ...], str] = field(default_factory=dict)
    _providers: dict[str, ProviderWords] = field(default_factory=dict)

    def number(self, n: int) -> str:
        """A count as the language writes it (1.234 / 1,234)."""
        if n not in self._numbers:
            self._numbers[n] = format_number(n)
        return self._numbers[n]

    def language(self, code: str) -> str:
        """A language's name (tr -> Turks / Turkish)."""
        if code not in self._languages:
            self._languages[code] = display.language_name(code)
        return self._languages[code]

    def about(self, service: str | None) -> str:
        """What a card's figures are about: a service, or (None) the whole provider."""
        if service not in self._about:
            self._about[service] = (
                gettext("Cijfers over %(hulp)s:", hulp=self.services[service])
                if service
                else gettext("Cijfers over de hele aanbieder:")
            )
        return self._about[service]

    def figure(self, code: str, shown: ShownFigure) -> Markup:
        """One key figure on a result card, in one short line: "73 % tevreden · 39
        cliënten · 2025" (the source and the whole period are on the provider page)."""
        key = (code, shown)
        if key not in self._figures:
            self._figures[key] = self._figure_line(code, shown)
        return self._figures[key]

    def _figure_line(self, code: str, shown: ShownFigure) -> Markup:
        # Made of parts that many figures share (a value, a count, an indicator's words),
        # each formatted once: a register has thousands of figures, and formatting one
        # whole line anew took 0.13 ms, which the first pages after an import paid. (A
        # value is shown to one decimal, so that is the value's part.)
        f = shown.figure
        if shown.state == "ok" and f is not None:
            line = Markup("<strong>%s</strong> %s · %s · %s") % (
                self._part(
                    ("value", f.eenheid, rounded(f.waarde, 1)), lambda: display.card_value(f)
                ),
                self._part(("short", code), lambda: display.indicator_short(code)),
                self._part(
                    ("clients", f.aantal),
                    lambda: ngettext("%(num)s cliënt", "%(num)s cliënten", f.aantal),
                ),
                f.periode_tot.year,
            )
        else:
            name = self._part(("name", code), lambda: display.indicator_name(code))
            if shown.state == "te_weinig_gegevens" and f is not None:
                n = f.aantal
                few = self._part(("few", n), lambda: gettext("te weinig gegevens (n = %(n)s)", n=n))
                line = Markup("%s: %s") % (name, few)
            else:
                none = self._part(("none",), lambda: gettext("geen gegevens"))
                line = Markup("%s: %s") % (name, none)
        if shown.old:
            old = self._part(("old",), lambda: gettext("oud cijfer"))
            line += Markup(' · <span class="old">%s</span>') % old
        return line

    def _part(self, key: tuple[object, ...], make: Callable[[], str]) -> str:
        if key not in self._parts:
            self._parts[key] = make()
        return self._parts[key]

    def wait(self, availability: Availability) -> Markup:
        """The waiting time of a result (the day is the catalog's, so `old` cannot change)."""
        key = availability.wachttijd
        if key not in self._waits:
            self._waits[key] = waiting_time(availability)
        return self._waits[key]

    def provider(self, p: Provider) -> ProviderWords:
        """A provider's own words on a card (the same in every search)."""
        if p.id not in self._providers:
            others = [self.language(code) for code in p.talen if code != "nl"]
            self._providers[p.id] = ProviderWords(
                provider_path(p.id, p.naam),
                self._places(p),
                [label for flag, label in zip(_flags(p), self.flag_labels, strict=True) if flag],
                gettext("Spreekt ook: %(talen)s", talen=", ".join(others)) if others else "",
            )
        return self._providers[p.id]

    def _places(self, p: Provider) -> str:
        """ "Voor 6–18 jaar · Enschede, Hengelo, Almelo en nog 2"."""
        # Jinja's `unique` compared places without case; so does this.
        first: dict[str, str] = {}
        for plaats, *_ in p.locaties:
            if plaats:
                first.setdefault(plaats.lower(), plaats)
        plaatsen = list(first.values())
        low, high = p.leeftijd_min, p.leeftijd_max
        text = self._part(("ages", low, high), lambda: display.age_range(low, high))
        if plaatsen:
            text += " · " + ", ".join(plaatsen[:3])
            if len(plaatsen) > 3:
                n = len(plaatsen) - 3
                text += " " + self._part(("more", n), lambda: gettext("en nog %(num)s", num=n))
        return text


# How many providers' card words a worker makes in each language before its first
# request (`prepare_card_words`): all of a small register; at 20,000 a bounded start
# (~0.1 ms each), the rest on first use.
PREPARED_PROVIDERS = 1000


def prepare_card_words(catalog: Catalog) -> None:
    """Make the card words of the catalog's first PREPARED_PROVIDERS providers in the
    visitor's language (request context): their own words, every figure line they can
    show and their waiting time, which the first searches would otherwise make."""
    words = search_words(catalog)
    for p in catalog.providers[:PREPARED_PROVIDERS]:
        words.provider(p)
        words.wait(p.beschikbaarheid)
        for scope in p.scoped.values():
            for code, shown in scope.items():
                words.figure(code, shown)


def search_words(catalog: Catalog) -> SearchWords:
    """The words for `catalog` in the visitor's language, made on the first search."""
    locale = str(get_locale())
    words: SearchWords = catalog.memo(("search words", locale), lambda: _make(locale))
    return words


def _make(locale: str) -> SearchWords:
    ref = live_reference()
    return SearchWords(
        locale=locale,
        services={d.code: pick(d.naam) for d in ref.diensten},
        segments=[
            (pick(s.naam), [d.code for d in ref.diensten if d.segment == s.code])
            for s in ref.segmenten
        ],
        themas={code: pick(t.label) for code, t in ref.themas_by_code.items()},
        gemeenten={g.cbs: (g.slug, g.naam) for g in ref.gemeenten},
        for_whom={wet: str(label) for wet, label in filter_state.FOR_WHOM.items()},
        kenmerk={flag: str(label) for flag, label in display.KENMERK_LABELS.items()},
        new_clients={
            waarde: (css, icon, str(words))
            for waarde, (css, icon, words) in NEW_CLIENT_BADGES.items()
        },
        flag_labels=tuple(str(label) for label in FLAG_LABELS),
        card_labels=CardLabels(
            matched=gettext("Hulp die past bij uw zoekvraag:"),
            no_figures=gettext("Nog geen cijfers over tevredenheid en resultaten."),
            waiting_time=gettext("Wachttijd"),
            put_on=gettext("Zet op bewaarlijst"),
            take_off=gettext("Haal van bewaarlijst"),
            saved=gettext("Bewaard"),
        ),
    )


def _flags(p: Provider) -> tuple[bool | None, bool | None, bool | None]:
    """The provider's own badges, in the order of FLAG_LABELS."""
    return (p.hulp_op_afstand, p.huisbezoek, p.rolstoeltoegankelijk)


FLAG_LABELS = (_l("Hulp op afstand"), _l("Komt bij u thuis"), _l("Rolstoeltoegankelijk"))


def more(names: list[str], shown: int) -> str:
    """The first `shown` names, and how many more there are: "a, b, c, d en nog 2"."""
    text = ", ".join(names[:shown])
    if len(names) > shown:
        text += " " + gettext("en nog %(num)s", num=len(names) - shown)
    return text
