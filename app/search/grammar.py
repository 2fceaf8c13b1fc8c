"""The table of the search's query-string parameters: the grammar, declared once.

Per parameter its kind, bounds, allowed values, default, Dutch label, English
description and how the summary sentence says it. app/search/params.py parses and
writes links from it; the OpenAPI parameters (app/opendata/spec.py) and the summary
sentence (app/web/display.py) read it; tests/test_search_grammar.py fails when one of
them disagrees with it.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Mapping
from dataclasses import dataclass, field
from typing import Any

from flask_babel import lazy_gettext as _l

from app.domain.geo import NL_LAT, NL_LON
from app.domain.reference import ReferenceData
from app.search.words import MAX_QUERY_LENGTH

# Kinds of parameter: what a value looks like and how often it may be given.
TEXT, ONE, MANY, INTEGER, NUMBER = "text", "one", "many", "integer", "number"
PAGE, IDS = "page", "ids"  # the page number; a list of provider ids

SORTS = (
    "relevantie",
    "neutraal",
    "naam",
    "tevredenheid",
    "doelen",
    "uitval",
    "wachttijd",
    "afstand",
)
KENMERKEN = ("afstand", "huisbezoek", "rolstoel", "nieuw")
WETTEN = ("jeugd", "wmo")
WEERGAVEN = ("lijst", "kaart")  # the results as a list, or a map above the same list
MAX_SHORTLIST = 10  # providers on the shortlist ("bewaarlijst"), carried in links as b=
MAX_ID_LENGTH = 200  # as app/domain/provider_detail.py: ids the site can link to

Choices = tuple[str, ...] | Callable[[ReferenceData], Collection[str]]


@dataclass(frozen=True)
class Parameter:
    """One parameter of the search's query string."""

    name: str
    kind: str
    label: Any  # Dutch (lazy): the field's name on the page
    description: str  # English, for the OpenAPI description
    choices: Choices = ()  # allowed values of ONE and MANY: fixed, or from the reference data
    pattern: str | None = None  # or allowed values as a regular expression
    minimum: float | None = None
    maximum: float | None = None
    max_length: int | None = None
    default: Any = None  # the value when not given; left out of links
    page_only: bool = False  # belongs to the page a visitor is on, not to the search
    read: Callable[[str, ReferenceData], str | None] | None = None  # spelling -> value
    write: Callable[[str, ReferenceData], str] | None = None  # value -> spelling in links
    value_labels: Mapping[str, Any] = field(default_factory=dict)  # Dutch (lazy)
    without: Any = None  # Dutch (lazy): the search without this choice
    phrase: Any = None  # Dutch (lazy) with %(slot)s, or one phrase per value
    slot: str = ""
    said_at: int = 0  # place in the summary sentence
    clause: bool = False  # said after a comma rather than in the main sentence
    implied_by: str = ""  # not said when this other parameter is chosen (it says more)

    def allowed(self, ref: ReferenceData) -> list[str]:
        """The allowed values: as declared, or sorted when they come from the reference."""
        if callable(self.choices):
            return sorted(self.choices(ref))
        return list(self.choices)


PARAMETERS: tuple[Parameter, ...] = (
    Parameter(
        "q",
        TEXT,
        _l("Wat zoekt u?"),
        "Words, as on the search page (Dutch stemming, synonyms, typo help).",
        max_length=MAX_QUERY_LENGTH,
        default="",
        without=_l("zonder zoekwoorden"),
        phrase=_l("passend bij ‘%(woorden)s’"),
        slot="woorden",
        said_at=9,
        clause=True,
    ),
    Parameter(
        "g",
        ONE,
        _l("Gemeente"),
        "Gemeente: slug or CBS code.",
        choices=lambda ref: {g.slug for g in ref.gemeenten} | set(ref.alle_gemeenten),
        read=lambda value, ref: ref.gemeente_cbs(value),  # also names, GM0153
        write=lambda cbs, ref: ref.gemeenten_by_cbs[cbs].slug,
        without=_l("in alle gemeenten"),
        phrase=_l("in %(gemeente)s"),
        slot="gemeente",
        said_at=2,
    ),
    Parameter(
        "w",
        ONE,
        _l("Voor wie is de hulp?"),
        "Wet: jeugd or wmo.",
        choices=WETTEN,
        without=_l("voor iedereen (jeugd en volwassenen)"),
        implied_by="d",
        said_at=1,
        phrase={"jeugd": _l("voor jeugdhulp"), "wmo": _l("voor Wmo-ondersteuning")},
    ),
    Parameter(
        "d",
        MANY,
        _l("Soort hulp"),
        "Service codes (any of them); see /services.",
        choices=lambda ref: ref.dienst_codes,
        default=(),
        read=lambda v, ref: v.upper() if v.upper() in ref.dienst_codes else None,
        without=_l("voor alle soorten hulp"),
        phrase=_l("voor %(hulp)s"),
        slot="hulp",
        said_at=1,
    ),
    Parameter(
        "l",
        INTEGER,
        _l("Leeftijd van wie de hulp nodig heeft"),
        "Age of the person who needs help.",
        minimum=0,
        maximum=120,
        without=_l("zonder leeftijd"),
        phrase=_l("voor iemand van %(leeftijd)s jaar"),
        slot="leeftijd",
        said_at=3,
        clause=True,
    ),
    Parameter(
        "t",
        MANY,
        _l("Onderwerp"),
        "Theme codes (any of them); see /themes.",
        choices=lambda ref: ref.thema_codes,
        default=(),
        without=_l("zonder onderwerp"),
        phrase=_l("over %(onderwerpen)s"),
        slot="onderwerpen",
        said_at=4,
        clause=True,
    ),
    Parameter(
        "taal",
        MANY,
        _l("Spreekt ook deze taal"),
        "Languages spoken with clients, ISO 639-1 (any of them).",
        pattern="^[a-z]{2}$",
        default=(),
        without=_l("zonder taal"),
        phrase=_l("die ook %(talen)s spreken"),
        slot="talen",
        said_at=5,
        clause=True,
    ),
    Parameter(
        "kenmerk",
        MANY,
        _l("Wensen"),
        "Features that must all be present.",
        choices=KENMERKEN,
        default=(),
        without=_l("zonder de extra wensen"),
        value_labels={
            "afstand": _l("Hulp op afstand (video, telefoon of chat)"),
            "huisbezoek": _l("Komt bij u thuis"),
            "rolstoel": _l("Toegankelijk met een rolstoel"),
            "nieuw": _l("Neemt nieuwe cliënten aan"),
        },
        phrase=_l("met de wensen: %(wensen)s"),
        slot="wensen",
        said_at=6,
        clause=True,
    ),
    Parameter(
        "wacht",
        INTEGER,
        _l("Wachttijd"),
        "Maximum known waiting time in weeks.",
        minimum=0,
        maximum=104,
        without=_l("zonder maximale wachttijd"),
        phrase=_l("met een wachttijd van hoogstens %(weken)s weken"),
        slot="weken",
        said_at=7,
        clause=True,
    ),
    Parameter(
        "sort",
        ONE,
        _l("Volgorde"),
        "Order; default relevantie with q, else the neutral daily order.",
        choices=SORTS,
        value_labels={
            "relevantie": _l("Best passend"),
            "neutraal": _l("Willekeurig (verandert elke dag)"),
            "naam": _l("Naam"),
            "tevredenheid": _l("Cliënttevredenheid"),
            "doelen": _l("Doelen bereikt"),
            "uitval": _l("Minste uitval"),
            "wachttijd": _l("Kortste wachttijd"),
            "afstand": _l("Afstand"),
        },
    ),
    Parameter(
        "lat",
        NUMBER,
        _l("Breedtegraad"),
        "Latitude (WGS84) of the origin for sort=afstand, inside the Netherlands.",
        minimum=NL_LAT[0],
        maximum=NL_LAT[1],
    ),
    Parameter(
        "lon",
        NUMBER,
        _l("Lengtegraad"),
        "Longitude (WGS84) of the origin for sort=afstand, inside the Netherlands.",
        minimum=NL_LON[0],
        maximum=NL_LON[1],
    ),
    Parameter(
        "weergave",
        ONE,
        _l("Weergave"),
        "How the page shows the results: lijst, or kaart (a map above the list; the page only).",
        choices=WEERGAVEN,
        default="lijst",
        page_only=True,  # a way of looking at the search, not part of it: the API has no map
        value_labels={"lijst": _l("Lijst"), "kaart": _l("Kaart en lijst")},
    ),
    Parameter(
        "b",
        IDS,
        _l("Bewaarlijst"),
        "The shortlist: provider ids (the page only).",
        maximum=MAX_SHORTLIST,
        max_length=MAX_ID_LENGTH,
        default=(),
        page_only=True,
    ),
    Parameter(
        "p",
        PAGE,
        _l("Pagina"),
        "Page number; the page size is fixed (meta.page_size), as on the search page.",
        minimum=1,
        maximum=9999,
        default=1,
    ),
)
GRAMMAR: dict[str, Parameter] = {param.name: param for param in PARAMETERS}
ORDER = tuple(GRAMMAR)  # the order of parameters in every link the site writes
PAGE_ONLY = tuple(param.name for param in PARAMETERS if param.page_only)
# What the API takes: the search without what belongs to one page view.
SEARCH_PARAMETERS = tuple(name for name in ORDER if name not in PAGE_ONLY)
