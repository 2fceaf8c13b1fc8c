"""A result card's words, ready to print: the search's card (app/search/cards.py) put into
the visitor's language with the words made once per register version and language
(app/web/search_words.py), so the template only prints."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property
from urllib.parse import quote, quote_plus, urlencode

from flask_babel import gettext
from markupsafe import Markup

from app.domain.reference import ReferenceData
from app.search.cards import Card
from app.search.catalog import Provider
from app.search.params import MAX_SHORTLIST, SearchParams, as_pairs, canonical_query
from app.web.search_words import SearchWords, more


@dataclass(frozen=True)
class CardView:
    """What one result card prints besides the provider's name."""

    link: str  # the provider's page, keeping the search
    saved: bool  # on the shortlist
    shortlist: str | None  # this search with it put on or taken off; None: the list is full
    services: str  # the help that answers the search: "a, b, c, d en nog 2"; "" for none
    places: str  # "Voor 6–18 jaar · Enschede, Hengelo"
    about: str | None  # what the figures are about; None when there is no figure
    figures: list[Markup]  # one line per key figure
    wait: Markup
    badges: list[str]  # the provider's own: help at a distance, home visits, wheelchair
    new_clients: tuple[str, str, str] | None  # (class, icon, words) of that badge
    languages: str  # "Spreekt ook: ..." ("" for none)


@dataclass(frozen=True)
class Page:
    """What every card of one result page shares."""

    words: SearchWords
    params: SearchParams
    search: str  # the canonical query string
    path: str  # the result page's path
    ref: ReferenceData
    language: str | None  # the language chosen in the URL, which links keep

    @cached_property
    def put_on_around(self) -> tuple[str, str]:
        """This search's query string with one more provider on the shortlist, as the
        parts before and after that provider's id: one canonical query per page, not one
        per card (the same string `canonical_query` makes, tested)."""
        pairs = as_pairs(self.params, self.ref, b=[*self.params.b, "added"])
        if self.language:
            pairs.append(("lang", self.language))
        at = max(i for i, (name, _) in enumerate(pairs) if name == "b")  # the one added
        before, after = urlencode(pairs[:at]), urlencode(pairs[at + 1 :])
        return (f"{before}&b=" if before else "b=", f"&{after}" if after else "")


def card_view(p: Provider, c: Card, page: Page) -> CardView:
    """The card of `p` in one search (`c`), in the visitor's language."""
    words = page.words
    own = words.provider(p)
    new = c.availability.nieuw
    return CardView(
        link=f"{own.path}?{page.search}" if page.search else own.path,
        saved=p.id in page.params.b,
        shortlist=_shortlist(p.id, page),
        services=more([words.services[code] for code in c.services], 4),
        places=own.places,
        about=words.about(c.about) if c.any_figure else None,
        figures=_figures(c, words) if c.any_figure else [],
        wait=words.wait(c.availability),
        badges=own.badges,
        new_clients=words.new_clients.get(new.waarde) if new else None,
        languages=own.languages,
    )


def _shortlist(aanbieder_id: str, page: Page) -> str | None:
    """The link that puts a result on the shortlist or takes it off. Without JavaScript it
    opens the page again at this card, so the visitor keeps their place."""
    chosen = page.params.b
    if aanbieder_id in chosen:
        changed = [i for i in chosen if i != aanbieder_id]
        query = canonical_query(page.params, page.ref, lang=page.language, b=changed)
    elif len(chosen) < MAX_SHORTLIST:
        before, after = page.put_on_around
        query = f"{before}{quote_plus(aanbieder_id)}{after}"
    else:
        return None
    return f"{page.path}?{query}#p-{quote(aanbieder_id, safe='/')}"


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
