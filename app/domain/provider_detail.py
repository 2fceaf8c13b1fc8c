"""Everything the provider page (and its JSON twin) shows about one provider."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from urllib.parse import quote

from sqlalchemy import select
from sqlalchemy.orm import selectinload

from app.domain.availability import (
    NOTHING,
    Availability,
    ServiceAvailability,
    effective,
    per_service,
    register_scope,
    summary,
)
from app.domain.models import Aanbieder, Contract
from app.domain.quality import FigureRow, QualityContext, provider_rows
from app.domain.queries import latest_check, run_dates
from app.domain.text import fold
from app.extensions import DbSession


def slug(name: str) -> str:
    """A readable URL part from a name: 'Zorg & Co (fictief)' -> 'zorg-co-fictief'."""
    return re.sub(r"[^a-z0-9]+", "-", fold(name)).strip("-")[:80] or "aanbieder"


def provider_path(aanbieder_id: str, name: str) -> str:
    """The stable link of a provider page: its register id, then a readable slug. The id
    may hold any character, so it is percent-encoded (a '/' stays, see `split_path`)."""
    return f"/aanbieder/{quote(aanbieder_id, safe='/')}/{slug(name)}"


# The register keeps any id (REGISTER.md sets no length); ids longer than this get a
# warning at import (app/register/columns.py ID_LENGTH) and cannot be linked to.
MAX_ID_LENGTH = 200


def could_be_id(text: str) -> bool:
    """Ids longer than the register allows or with control characters (PostgreSQL refuses
    NUL in a query) cannot exist: answer "unknown" without asking the database."""
    return 0 < len(text) <= MAX_ID_LENGTH and text.isprintable()


def split_path(session: DbSession, key: str) -> tuple[str | None, str | None]:
    """(aanbieder_id, slug) from the part of the URL after /aanbieder/; the id is found
    by trying the longest prefix that is a known provider."""
    parts = key.split("/")[:8]  # ids with many slashes are unlikely; bounds the look-ups
    for cut in range(len(parts), 0, -1):
        candidate = "/".join(parts[:cut])
        if could_be_id(candidate) and session.get(Aanbieder, candidate) is not None:
            return candidate, "/".join(parts[cut:]) or None
    return None, None


@dataclass(frozen=True)
class ServiceLine:
    """A service the provider is contracted for today, and where."""

    code: str
    wet: str
    niveaus: list[str]
    gemeenten: list[str]  # CBS codes


@dataclass(frozen=True)
class Dates:
    """When the register last changed the provider's data and last confirmed it, and
    the dates of the imports its figures came with (run id -> date)."""

    gewijzigd: dt.date | None = None
    gecontroleerd: dt.date | None = None
    runs: dict[int, dt.date] = field(default_factory=dict)

    def of(self, run_id: int | None) -> dt.date | None:
        return self.runs.get(run_id) if run_id is not None else None


@dataclass
class ProviderDetail:
    aanbieder: Aanbieder
    services: list[ServiceLine]
    wetten: list[str]
    figures: list[FigureRow]
    # Set when the provider has no active contract today: since when (if known).
    no_contract: bool = False
    no_contract_since: dt.date | None = None
    themas: list[str] = field(default_factory=list)
    talen: list[str] = field(default_factory=list)
    dates: Dates = field(default_factory=Dates)
    # The figures' "gecontroleerd": the latest import that confirmed the register.
    figures_checked: dt.date | None = None
    # Availability per contracted service (app/domain/availability.py), and over all.
    availability: list[ServiceAvailability] = field(default_factory=list)
    beschikbaarheid: Availability = NOTHING

    def availability_in(self, gemeente: str | None) -> Availability:
        """Over the provider's services in `gemeente` (all gemeenten when None)."""
        return summary(
            value
            for line in self.availability
            for places, value in line.groups
            if gemeente is None or gemeente in places
        )


def _services(
    contracts: list[Contract], today: dt.date, order: dict[str, int], wet: dict[str, str]
) -> list[ServiceLine]:
    by_code: dict[str, tuple[set[str], set[str]]] = {}
    for contract in contracts:
        if contract.is_actief_op(today):
            places, levels = by_code.setdefault(contract.dienst_code, (set(), set()))
            places.update(g.gemeente_cbs for g in contract.gemeenten)
            levels.update(contract.niveaus or [])
    return [
        ServiceLine(code, wet[code], sorted(levels), sorted(places))
        for code, (places, levels) in sorted(by_code.items(), key=lambda i: order[i[0]])
    ]


def _ended_since(aanbieder: Aanbieder, today: dt.date) -> dt.date | None:
    if aanbieder.uit_register_sinds:
        return aanbieder.uit_register_sinds
    ends = [c.einddatum for c in aanbieder.contracten if c.einddatum and c.einddatum < today]
    return max(ends) + dt.timedelta(days=1) if ends else None


def _with_everything(session: DbSession, aanbieder_id: str) -> Aanbieder | None:
    """The provider with its contracts (and their gemeenten), locations, themes and languages."""
    return session.scalars(
        select(Aanbieder)
        .where(Aanbieder.id == aanbieder_id)
        .options(
            selectinload(Aanbieder.contracten).selectinload(Contract.gemeenten),
            selectinload(Aanbieder.locaties),
            selectinload(Aanbieder.themas),
            selectinload(Aanbieder.talen),
        )
    ).first()


def load_provider(
    session: DbSession, aanbieder_id: str, context: QualityContext
) -> ProviderDetail | None:
    """The provider as its page shows it, or None when the id was never in the register."""
    aanbieder = _with_everything(session, aanbieder_id) if could_be_id(aanbieder_id) else None
    if aanbieder is None:
        return None
    ref, today = context.ref, context.today
    order = {d.code: i for i, d in enumerate(ref.diensten)}
    services = _services(aanbieder.contracten, today, order, {d.code: d.wet for d in ref.diensten})
    detail = ProviderDetail(
        aanbieder,
        services,
        sorted({s.wet for s in services}),
        provider_rows(session, aanbieder.id, context),
        themas=sorted(t.thema_code for t in aanbieder.themas),
        talen=sorted(t.taal for t in aanbieder.talen),
    )
    if not services or aanbieder.uit_register_sinds:
        detail.no_contract = True
        detail.no_contract_since = _ended_since(aanbieder, today)
    _add_dates(session, detail)
    _add_availability(session, detail)
    return detail


def _add_availability(session: DbSession, detail: ProviderDetail) -> None:
    a = detail.aanbieder
    own = register_scope(a.wachttijd_weken, a.wachttijd_peildatum, a.nieuwe_clienten)
    services = [(s.code, s.gemeenten) for s in detail.services]
    detail.availability = per_service(session, a.id, services, own)
    detail.beschikbaarheid = (
        detail.availability_in(None) if detail.availability else effective([own], None, None)
    )


def _add_dates(session: DbSession, detail: ProviderDetail) -> None:
    """Changed and checked: of the provider's data, and of each of its figures."""
    a = detail.aanbieder
    checked = latest_check(session)
    figure_runs = [row.figure.ingevoerd_run_id for row in detail.figures if row.figure]
    runs = run_dates(session, [a.gewijzigd_run_id, a.gecontroleerd_run_id, checked, *figure_runs])
    detail.dates = Dates(
        runs.get(a.gewijzigd_run_id or 0), runs.get(a.gecontroleerd_run_id or 0), runs
    )
    if checked is not None and not a.uit_register_sinds:
        detail.figures_checked = runs.get(checked)


def _iso(day: dt.date | None) -> str | None:
    return day.isoformat() if day else None
