"""Side-by-side comparison of up to four providers (/vergelijk?a=...&a=...).

Rows are built here as plain text per provider, so the page can mark the rows where
the providers differ (in words, not by colour alone) and the print and JSON views
show exactly the same cells.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from flask_babel import format_date, gettext, ngettext
from flask_babel import lazy_gettext as _l

from app.domain import clock
from app.domain.availability import Value
from app.domain.figures import headline
from app.domain.provider_detail import ProviderDetail
from app.domain.quality import FigureRow
from app.web.availability import source_name

MAX_COMPARE = 4


@dataclass(frozen=True)
class Row:
    label: str
    cells: list[str]

    @property
    def differs(self) -> bool:
        return len(set(self.cells)) > 1


@dataclass
class Comparison:
    providers: list[ProviderDetail] = field(default_factory=list)
    unknown: list[str] = field(default_factory=list)  # ids never in the register
    not_contracted: list[ProviderDetail] = field(default_factory=list)
    too_many: int = 0  # how many were asked beyond the maximum
    rows: list[Row] = field(default_factory=list)


def _yes_no(value: bool | None) -> str:
    if value is None:
        return gettext("onbekend")
    return gettext("ja") if value else gettext("nee")


def _figure_cell(rows: list[FigureRow], indicator: str, text: Callable) -> str:
    """The indicator's headline figure (as on a result card), in the state the rule in
    app.domain.figures gave it."""
    candidates = {r.figure: r for r in rows if r.indicator == indicator and r.figure is not None}
    best = headline(candidates)
    if best is None:
        return gettext("geen gegevens")
    row = candidates[best]
    if row.state != "ok":
        cell = gettext("te weinig gegevens (n = %(n)s)", n=best.aantal)
    else:
        cell = gettext(
            "%(waarde)s (n = %(n)s, %(van)s – %(tot)s, bron: %(bron)s)",
            waarde=text(best.waarde, best.eenheid),
            n=best.aantal,
            van=format_date(best.periode_van),
            tot=format_date(best.periode_tot),
            bron=best.bron,
        )
        if row.reference:
            cell += "; " + gettext(
                "regio %(mediaan)s", mediaan=text(row.reference.median, best.eenheid)
            )
    if row.old:
        cell += "; " + gettext("oud cijfer")
    return cell


def _measured(value: Value) -> str:
    """When and by whom a value was measured, and "oud" after six weeks."""
    parts = (
        [gettext("gemeten %(datum)s", datum=format_date(value.peildatum))]
        if value.peildatum
        else []
    )
    parts.append(gettext("bron: %(bron)s", bron=source_name(value.bron)))
    if value.old(clock.today()):
        parts.append(gettext("oud"))
    return f" ({', '.join(parts)})"


def _waiting(detail: ProviderDetail, gemeente: str | None) -> str:
    """The newest waiting time for the provider's services (in the chosen gemeente)."""
    found = detail.availability_in(gemeente) if detail.availability else detail.beschikbaarheid
    if found.wachttijd is None:
        return gettext("onbekend")
    weeks = ngettext("%(num)s week", "%(num)s weken", found.wachttijd.waarde)
    return weeks + _measured(found.wachttijd)


NEW_CLIENTS = {
    "ja": _l("neemt nieuwe cliënten aan"),
    "wachtlijst": _l("wachtlijst"),
    "nee": _l("neemt geen nieuwe cliënten aan"),
}


def _new_clients(detail: ProviderDetail, gemeente: str | None) -> str:
    found = detail.availability_in(gemeente) if detail.availability else detail.beschikbaarheid
    if found.nieuw is None:
        return gettext("onbekend")
    return str(NEW_CLIENTS[found.nieuw.waarde]) + _measured(found.nieuw)


def _services(d: ProviderDetail, gemeente: str | None, names: dict[str, Callable]) -> str:
    codes = [s.code for s in d.services if gemeente is None or gemeente in s.gemeenten]
    return ", ".join(names["service"](c) for c in codes) or gettext("geen")


def _ages(d: ProviderDetail) -> str:
    a = d.aanbieder
    if a.leeftijd_min is None or a.leeftijd_max is None:
        return gettext("onbekend")
    return gettext("%(min)s tot en met %(max)s jaar", min=a.leeftijd_min, max=a.leeftijd_max)


def _help_rows(
    details: list[ProviderDetail], gemeente: str | None, names: dict[str, Callable]
) -> list[Row]:
    """What help, for whom: services (in the chosen gemeente), ages, themes, languages."""
    return [
        Row(
            gettext("Hulp in %(gemeente)s", gemeente=names["gemeente"](gemeente))
            if gemeente
            else gettext("Hulp"),
            [_services(d, gemeente, names) for d in details],
        ),
        Row(gettext("Leeftijd"), [_ages(d) for d in details]),
        Row(
            gettext("Onderwerpen"),
            [", ".join(map(names["thema"], d.themas)) or gettext("geen genoemd") for d in details],
        ),
        Row(
            gettext("Talen"),
            [", ".join(map(names["language"], d.talen)) or gettext("onbekend") for d in details],
        ),
    ]


def _access_rows(details: list[ProviderDetail], gemeente: str | None) -> list[Row]:
    """How the help is reached: at a distance, at home, by wheelchair, and how soon."""
    return [
        Row(gettext("Hulp op afstand"), [_yes_no(d.aanbieder.hulp_op_afstand) for d in details]),
        Row(gettext("Komt bij u thuis"), [_yes_no(d.aanbieder.huisbezoek) for d in details]),
        Row(
            gettext("Rolstoeltoegankelijk"),
            [_yes_no(d.aanbieder.rolstoeltoegankelijk) for d in details],
        ),
        Row(gettext("Wachttijd"), [_waiting(d, gemeente) for d in details]),
        Row(gettext("Nieuwe cliënten"), [_new_clients(d, gemeente) for d in details]),
    ]


def _figure_rows(
    details: list[ProviderDetail], names: dict[str, Callable], key_indicators: tuple[str, ...]
) -> list[Row]:
    """A row per key indicator, with each provider's headline figure."""
    return [
        Row(
            names["indicator"](indicator),
            [_figure_cell(d.figures, indicator, names["value"]) for d in details],
        )
        for indicator in key_indicators
    ]


def _contact_rows(details: list[ProviderDetail]) -> list[Row]:
    return [
        Row(gettext("Telefoon"), [d.aanbieder.telefoon or "—" for d in details]),
        Row(gettext("Website"), [d.aanbieder.website or "—" for d in details]),
    ]


def build_rows(
    details: list[ProviderDetail],
    gemeente: str | None,
    names: dict[str, Callable],
    key_indicators: tuple[str, ...],
) -> list[Row]:
    """`names` has the display helpers: service, thema, language, gemeente, indicator,
    value; `key_indicators` get a row each."""
    return (
        _help_rows(details, gemeente, names)
        + _access_rows(details, gemeente)
        + _figure_rows(details, names, key_indicators)
        + _contact_rows(details)
    )


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
