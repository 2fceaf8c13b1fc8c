"""Side-by-side comparison of up to four providers (/vergelijk?a=...&a=...&d=...&g=...).

Rows are built here per provider, grouped in sections, so the page can mark the rows
where the providers differ (in words, not by colour alone) and the table on a desk, the
stacked providers on a phone and the printed hand-out show exactly the same cells. With
a searched service (d) and gemeente (g) the comparison is about that help first.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from flask_babel import gettext

from app.domain.provider_detail import ProviderDetail
from app.web import compare_cells as cells
from app.web.compare_cells import Cell

MAX_COMPARE = 4


@dataclass(frozen=True)
class Row:
    label: str
    cells: list[Cell]

    @property
    def differs(self) -> bool:
        return len({cell.text for cell in self.cells}) > 1


@dataclass(frozen=True)
class Section:
    title: str
    rows: list[Row]


@dataclass(frozen=True)
class Focus:
    """What the comparison is about: a service (dienst code) and a gemeente (CBS code)."""

    dienst: str | None = None
    gemeente: str | None = None


@dataclass
class Comparison:
    providers: list[ProviderDetail] = field(default_factory=list)
    unknown: list[str] = field(default_factory=list)  # ids never in the register
    not_contracted: list[ProviderDetail] = field(default_factory=list)
    too_many: int = 0  # how many were asked beyond the maximum
    sections: list[Section] = field(default_factory=list)

    @property
    def rows(self) -> list[Row]:
        return [row for section in self.sections for row in section.rows]


def _contract(d: ProviderDetail, focus: Focus, names: dict[str, Callable]) -> Cell:
    """Whether the provider is contracted for the searched service (in the gemeente)."""
    for line in d.services:
        if line.code == focus.dienst and (not focus.gemeente or focus.gemeente in line.gemeenten):
            levels = ", ".join(line.niveaus)
            text = gettext("ja, niveau %(niveaus)s", niveaus=levels) if levels else gettext("ja")
            return Cell(text, tone="yes")
    return Cell(gettext("nee"), tone="no")


def _services(d: ProviderDetail, focus: Focus, names: dict[str, Callable]) -> Cell:
    """The provider's other services (in the gemeente) in one line."""
    codes = [
        s.code
        for s in d.services
        if s.code != focus.dienst and (focus.gemeente is None or focus.gemeente in s.gemeenten)
    ]
    return Cell(", ".join(names["service"](c) for c in codes) or gettext("geen"))


def _help_section(
    details: list[ProviderDetail], focus: Focus, names: dict[str, Callable]
) -> Section:
    """The searched help first: contract, new clients, waiting time; other help in a line."""
    place = names["gemeente"](focus.gemeente) if focus.gemeente else None
    rows = []
    if focus.dienst:
        service = names["service"](focus.dienst)
        label = (
            gettext("Contract voor %(hulp)s in %(gemeente)s", hulp=service, gemeente=place)
            if place
            else gettext("Contract voor %(hulp)s", hulp=service)
        )
        rows.append(Row(label, [_contract(d, focus, names) for d in details]))
    found = [cells.availability(d, focus.dienst, focus.gemeente) for d in details]
    rows += [
        Row(gettext("Nieuwe cliënten"), [cells.new_clients(a) for a in found]),
        Row(gettext("Wachttijd"), [cells.waiting(a) for a in found]),
    ]
    if focus.dienst:
        other = gettext("Andere hulp in %(gemeente)s", gemeente=place) if place else None
        rows.append(
            Row(other or gettext("Andere hulp"), [_services(d, focus, names) for d in details])
        )
    else:
        label = gettext("Hulp in %(gemeente)s", gemeente=place) if place else gettext("Hulp")
        rows.insert(0, Row(label, [_services(d, focus, names) for d in details]))
    title = names["service"](focus.dienst) if focus.dienst else gettext("De hulp")
    return Section(title, rows)


def _figure_section(
    details: list[ProviderDetail],
    focus: Focus,
    names: dict[str, Callable],
    key_indicators: tuple[str, ...],
) -> Section:
    """A row per key indicator: the searched service's own figure where there is one."""
    rows = [
        Row(
            names["indicator"](indicator),
            [cells.figure(d.figures, indicator, focus.dienst, names) for d in details],
        )
        for indicator in key_indicators
    ]
    return Section(gettext("Cijfers"), rows)


def _ages(d: ProviderDetail) -> Cell:
    a = d.aanbieder
    if a.leeftijd_min is None or a.leeftijd_max is None:
        return Cell(gettext("onbekend"))
    return Cell(gettext("%(min)s tot en met %(max)s jaar", min=a.leeftijd_min, max=a.leeftijd_max))


def _for_whom_section(details: list[ProviderDetail], names: dict[str, Callable]) -> Section:
    """For whom and how: ages, themes, languages, at a distance, at home, by wheelchair."""
    themes = [", ".join(map(names["thema"], d.themas)) or gettext("geen genoemd") for d in details]
    talen = [", ".join(map(names["language"], d.talen)) or gettext("onbekend") for d in details]
    a = [d.aanbieder for d in details]
    return Section(
        gettext("Voor wie en hoe"),
        [
            Row(gettext("Leeftijd"), [_ages(d) for d in details]),
            Row(gettext("Onderwerpen"), [Cell(text) for text in themes]),
            Row(gettext("Talen"), [Cell(text) for text in talen]),
            Row(gettext("Hulp op afstand"), [cells.yes_no(x.hulp_op_afstand) for x in a]),
            Row(gettext("Komt bij u thuis"), [cells.yes_no(x.huisbezoek) for x in a]),
            Row(gettext("Rolstoeltoegankelijk"), [cells.yes_no(x.rolstoeltoegankelijk) for x in a]),
        ],
    )


def _contact_section(details: list[ProviderDetail], focus: Focus, wetten: list[str]) -> Section:
    a = [d.aanbieder for d in details]
    routes = [wetten or d.wetten for d in details]
    return Section(
        gettext("Contact en aanvragen"),
        [
            Row(
                gettext("Adres"),
                [cells.addresses(d.aanbieder.locaties, focus.gemeente) for d in details],
            ),
            Row(gettext("Telefoon"), [cells.contact(x.telefoon, "tel") for x in a]),
            Row(gettext("E-mail"), [cells.contact(x.email, "mailto") for x in a]),
            Row(gettext("Website"), [cells.contact(x.website, "https") for x in a]),
            Row(gettext("Zo vraagt u de hulp aan"), [cells.how_to_apply(w) for w in routes]),
        ],
    )


def build_sections(
    details: list[ProviderDetail],
    focus: Focus,
    names: dict[str, Callable],
    key_indicators: tuple[str, ...],
    wetten: list[str],
) -> list[Section]:
    """`names` has the display helpers: service, thema, language, gemeente, indicator,
    indicator_short, value; `key_indicators` get a row each; `wetten` is the law of the
    searched help (empty: each provider's own)."""
    return [
        _help_section(details, focus, names),
        _figure_section(details, focus, names, key_indicators),
        _for_whom_section(details, names),
        _contact_section(details, focus, wetten),
    ]


def compare(ids: list[str], load: Callable[[str], ProviderDetail | None]) -> Comparison:
    """Sort the asked ids into shown, unknown and no longer contracted."""
    result = Comparison(too_many=max(0, len(ids) - MAX_COMPARE))
    for aanbieder_id in ids[:MAX_COMPARE]:
        detail = load(aanbieder_id)
        if detail is None:
            result.unknown.append(aanbieder_id)
        elif detail.no_contract:
            result.not_contracted.append(detail)
        else:
            result.providers.append(detail)
    return result
