"""A result card's words, ready to print: the search's card (app/search/cards.py) put into
the visitor's language with the words made once per register version and language
(app/web/search_words.py), so the template only prints."""

from __future__ import annotations

from dataclasses import dataclass

from flask_babel import gettext
from markupsafe import Markup

from app.search.cards import Card
from app.search.catalog import Provider
from app.web.search_words import SearchWords, more


@dataclass(frozen=True)
class CardView:
    """What one result card prints besides the provider's name and its shortlist link."""

    link: str  # the provider's page, keeping the search
    services: str  # the help that answers the search: "a, b, c, d en nog 2"; "" for none
    places: str  # "Voor 6–18 jaar · Enschede, Hengelo"
    about: str | None  # what the figures are about; None when there is no figure
    figures: list[Markup]  # one line per key figure
    wait: Markup
    badges: list[str]  # the provider's own: help at a distance, home visits, wheelchair
    new_clients: tuple[str, str, str] | None  # (class, icon, words) of that badge
    languages: str  # "Spreekt ook: ..." ("" for none)


def card_view(p: Provider, c: Card, words: SearchWords, search: str) -> CardView:
    """The card of `p` in one search (`c`, whose canonical query string is `search`), in
    the visitor's language."""
    own = words.provider(p)
    new = c.availability.nieuw
    return CardView(
        link=f"{own.path}?{search}" if search else own.path,
        services=more([words.services[code] for code in c.services], 4),
        places=own.places,
        about=_about(c, words) if c.any_figure else None,
        figures=_figures(c, words) if c.any_figure else [],
        wait=words.wait(c.availability),
        badges=own.badges,
        new_clients=words.new_clients.get(new.waarde) if new else None,
        languages=own.languages,
    )


def _about(c: Card, words: SearchWords) -> str:
    if c.about:
        return gettext("Cijfers over %(hulp)s:", hulp=words.services[c.about])
    return gettext("Cijfers over de hele aanbieder:")


def _figures(c: Card, words: SearchWords) -> list[Markup]:
    """Each key figure, saying what it is about when that differs from the card's `about`."""
    lines = []
    for code, (scope, shown) in c.figures.items():
        line = words.figure(code, shown)
        if scope != c.about and shown.figure:
            what = words.services[scope] if scope else gettext("hele aanbieder")
            line += Markup(' <span class="hint">(%s)</span>') % what
        lines.append(line)
    return lines
