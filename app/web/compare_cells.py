"""The cells of the comparison: plain words first, the details (n, period, source) one
tap away and on paper, and a tone for states that are good or bad news, so that a
negative state differs by text and icon, not by colour alone."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Literal

from flask_babel import format_date, gettext

from app.domain import clock
from app.domain.availability import Availability, Value, summary
from app.domain.figures import headline, rounded
from app.domain.models import Locatie
from app.domain.provider_detail import ProviderDetail
from app.domain.quality import FigureRow
from app.web.availability import source_name
from app.web.i18n import ngettext

Tone = Literal["", "yes", "no", "wait"]


@dataclass(frozen=True)
class Cell:
    """One provider's answer in a row: its words, and optionally the details behind
    them (shown on request and in print), a link (tel:, mailto:, a website) and a tone."""

    text: str
    detail: str = ""
    href: str = ""
    tone: Tone = ""


def yes_no(value: bool | None) -> Cell:
    if value is None:
        return Cell(gettext("onbekend"))
    return Cell(gettext("ja"), tone="yes") if value else Cell(gettext("nee"), tone="no")


def availability(d: ProviderDetail, dienst: str | None, gemeente: str | None) -> Availability:
    """The newest waiting time and new-clients answer for the searched service (all of the
    provider's when none) in the searched gemeente (all when none)."""
    if not d.availability:
        return d.beschikbaarheid
    return summary(
        value
        for line in d.availability
        if dienst is None or line.dienst == dienst
        for places, value in line.groups
        if gemeente is None or gemeente in places
    )


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


def new_clients(found: Availability) -> Cell:
    """Whether the provider takes new clients now: the negative states say so in words."""
    n = found.nieuw
    if n is None:
        return Cell(gettext("onbekend"))
    if n.waarde == "ja":
        return Cell(gettext("Neemt nieuwe cliënten aan") + _measured(n), tone="yes")
    if n.waarde == "wachtlijst":
        return Cell(gettext("Wachtlijst") + _measured(n), tone="wait")
    return Cell(gettext("Neemt nu geen nieuwe cliënten aan") + _measured(n), tone="no")


def waiting(found: Availability) -> Cell:
    if found.wachttijd is None:
        return Cell(gettext("onbekend"))
    weeks = ngettext("%(num)s week", "%(num)s weken", found.wachttijd.waarde)
    return Cell(weeks + _measured(found.wachttijd))


def _pick_row(rows: list[FigureRow], indicator: str, dienst: str | None) -> FigureRow | None:
    """The searched service's own figure, else the provider-wide one, else the headline."""
    candidates = [r for r in rows if r.indicator == indicator and r.figure is not None]
    for wanted in ([dienst] if dienst else []) + [None]:
        found = [r for r in candidates if r.dienst == wanted]
        if found:
            return found[0]
    best = headline(r.figure for r in candidates if r.figure)
    return next((r for r in candidates if r.figure is best), None)


def _in_words(row: FigureRow, short: str, text: Callable[[float, str], str]) -> str:
    """'61 van 100 cliënten tevreden · regio 76', or 'cijfer 8,1 uit 10 · regio 7,6'."""
    figure = row.figure
    assert figure is not None
    if figure.eenheid == "cijfer":
        words = gettext("cijfer %(cijfer)s uit 10", cijfer=text(figure.waarde, "cijfer"))
        region = text(row.reference.median, "cijfer") if row.reference else ""
    else:
        words = gettext("%(num)s van 100 cliënten %(wat)s", num=rounded(figure.waarde), wat=short)
        region = str(rounded(row.reference.median)) if row.reference else ""
    if region:
        words += " · " + gettext("regio %(mediaan)s", mediaan=region)
    return words


def figure(
    rows: list[FigureRow], indicator: str, dienst: str | None, names: dict[str, Callable]
) -> Cell:
    """An indicator's figure in plain words with the regional reference; n, period,
    source and what it is about as the details. Its state is the figures rule's."""
    row = _pick_row(rows, indicator, dienst)
    if row is None or row.figure is None:
        return Cell(gettext("geen gegevens"))
    f = row.figure
    if row.state != "ok":
        text = gettext("te weinig gegevens (n = %(n)s)", n=f.aantal)
    else:
        text = _in_words(row, names["indicator_short"](indicator), names["value"])
    about = names["service"](f.dienst) if f.dienst else gettext("de hele aanbieder")
    detail = gettext(
        "Over %(over)s. n = %(n)s, %(van)s – %(tot)s, bron: %(bron)s",
        over=about,
        n=f.aantal,
        van=format_date(f.periode_van),
        tot=format_date(f.periode_tot),
        bron=f.bron,
    )
    if row.old:
        text += " · " + gettext("oud cijfer")
    return Cell(text, detail)


def address(location: Locatie) -> str:
    """'Hoofdstraat 12, 7511 AB Enschede': the full address, for paper too."""
    street = " ".join(p for p in (location.straat, location.huisnummer) if p)
    place = " ".join(p for p in (location.postcode, location.plaats) if p)
    return ", ".join(p for p in (street, place) if p)


def addresses(locations: list[Locatie], gemeente: str | None) -> Cell:
    """The provider's addresses, those in the visitor's gemeente first (two at most)."""
    ordered = sorted(locations, key=lambda loc: (loc.gemeente_cbs != gemeente, loc.id))
    written = [text for loc in ordered if (text := address(loc))]
    if not written:
        return Cell(gettext("geen adres bekend"))
    more = len(written) - 2
    text = "; ".join(written[:2])
    if more > 0:
        text += " " + ngettext("(en %(num)s adres meer)", "(en %(num)s adressen meer)", more)
    return Cell(text)


def contact(value: str | None, scheme: str) -> Cell:
    """A phone number, e-mail address or website as a link that shows what it is."""
    if not value:
        return Cell("—")
    if scheme == "tel":
        return Cell(value, href="tel:" + "".join(c for c in value if c.isdigit() or c == "+"))
    if scheme == "mailto":
        return Cell(value, href=f"mailto:{value}")
    return Cell(value, href=value if value.startswith(("http://", "https://")) else "")


def how_to_apply(wetten: list[str]) -> Cell:
    """The route to this provider's help: Wmo through the access team's decision, youth
    help through the access team or a doctor's referral."""
    lines = []
    if "jeugd" in wetten:
        lines.append(gettext("Jeugdhulp: via het wijkteam, of met een verwijzing van de huisarts."))
    if "wmo" in wetten:
        lines.append(gettext("Wmo: vraag het wijkteam of sociaal team om een beschikking."))
    return Cell(" ".join(lines) or gettext("onbekend"))
