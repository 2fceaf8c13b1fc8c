"""An in-memory picture of the published register, built once per (version, day).

Filters and facet counts are set operations on bitsets: every provider has a position,
and each filter option is a Python int whose bits mark the providers that have it.
AND between filters is `&`, OR within a filter is `|`, a count is `int.bit_count()`.
This keeps a search with all facet counts at 20,000 providers in a few milliseconds
without a database round trip; the database stays the source of truth because the
catalog is rebuilt from it whenever the published version or the date changes.
"""

from __future__ import annotations

import datetime as dt
import threading
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import select

from app.domain.availability import NOTHING, Availability, Scope
from app.domain.figures import MISSING, Figure, ShownFigure, headline, newest, show
from app.domain.models import (
    Aanbieder,
    AanbiederTaal,
    AanbiederThema,
    ContractGemeente,
    Kwaliteitscijfer,
    Locatie,
)
from app.domain.queries import active_contracts
from app.domain.reference import ReferenceData
from app.extensions import DbSession
from app.search.bits import positions as positions  # where finder.py has it from
from app.search.freshness import AvailabilityMasks, add_availability, add_register_dates


@dataclass
class Provider:
    """What a result line and the sorts need, per provider."""

    id: str
    naam: str
    omschrijving: str
    leeftijd_min: int | None
    leeftijd_max: int | None
    wachttijd_weken: int | None
    wachttijd_peildatum: dt.date | None
    nieuwe_clienten: str | None
    hulp_op_afstand: bool | None
    huisbezoek: bool | None
    rolstoeltoegankelijk: bool | None
    talen: list[str] = field(default_factory=list)
    themas: list[str] = field(default_factory=list)
    # (dienst, gemeente) pairs with an active contract on the catalog's day
    contracted: set[tuple[str, str]] = field(default_factory=set)
    locaties: list[tuple[str, str | None, float | None, float | None]] = field(default_factory=list)
    # per key indicator, in their order: the headline figure as the rule shows it today
    figures: dict[str, ShownFigure] = field(default_factory=dict)
    # per scope (a service, or None for the provider as a whole) and key indicator: the
    # newest figure about it as the rule shows it today (only scopes with figures)
    scoped: dict[str | None, dict[str, ShownFigure]] = field(default_factory=dict)
    # changed / checked dates, and availability (app/search/freshness.py sets them all)
    gewijzigd: dt.date | None = None
    gecontroleerd: dt.date | None = None
    scopes: tuple[Scope, ...] = ()  # its availability measurements, the register's own first
    beschikbaarheid: Availability = NOTHING  # over all its pairs, as in wachttijd_weken etc.
    # Measured only for the provider as a whole: `beschikbaarheid` counts at every pair.
    same_everywhere: bool = True


# Per filter group (t, taal, kenmerk), per option: the bitset of providers that have it.
Options = dict[str, dict[str, int]]


@dataclass
class Catalog:
    """The searchable providers (active contract today) and their option bitsets."""

    version: int
    day: dt.date
    minimum_n: int
    key_indicators: tuple[str, ...]
    providers: list[Provider]
    position: dict[str, int]
    everyone: int
    pair: dict[tuple[str, str], int]
    dienst_wet: dict[str, str]
    gemeenten: list[str]
    options: dict[str, dict[str, int]]
    # (dienst, gemeente) -> 'lokaal' or 'deels' (everything else is bought regionally)
    deelname: dict[tuple[str, str], str] = field(default_factory=dict)
    availability: AvailabilityMasks = field(default_factory=AvailabilityMasks)
    state: str = ""  # what else it was built from (queries.Publication.state)
    _age_cache: dict[int, int] = field(default_factory=dict)
    _memo: dict[Any, Any] = field(default_factory=dict)
    _memo_lock: threading.Lock = field(default_factory=threading.Lock)

    def made_of(self, state: str, day: dt.date) -> bool:
        """Whether this catalog pictures the register in `state` (Publication.state) on
        `day`: what everything kept on it depends on."""
        return (self.state, self.day) == (state, day)

    def memo(self, key: Any, compute: Callable[[], Any]) -> Any:
        """`compute()` once per catalog (so once per register version and day)."""
        with self._memo_lock:
            if key not in self._memo:
                self._memo[key] = compute()
            return self._memo[key]

    def pairs(self, gemeente: str | None, diensten: list[str]) -> list[tuple[str, str]]:
        """The (dienst, gemeente) pairs a search asks about (all when none is chosen)."""
        places = [gemeente] if gemeente else self.gemeenten
        return [(code, cbs) for code in diensten or list(self.dienst_wet) for cbs in places]

    def contract_mask(self, gemeente: str | None, diensten: list[str]) -> int:
        """Providers with an active contract for one of `diensten` (any if empty) in
        `gemeente` (any if None): contract truth for the search."""
        mask = 0
        for key in self.pairs(gemeente, diensten):
            mask |= self.pair.get(key, 0)
        return mask

    def age_mask(self, age: int) -> int:
        """Providers whose stated age range includes `age` (unknown ranges do not match)."""
        if age not in self._age_cache:
            self._age_cache[age] = self._mask_where(
                lambda p: (
                    p.leeftijd_min is not None
                    and p.leeftijd_max is not None
                    and p.leeftijd_min <= age <= p.leeftijd_max
                )
            )
        return self._age_cache[age]

    def wait_mask(self, weeks: int, gemeente: str | None = None, diensten: Any = None) -> int:
        """Providers whose newest waiting time is at most `weeks` at one of the pairs."""
        return self.availability.wait_mask(weeks, self.pairs(gemeente, diensten or []))

    def kenmerk_mask(self, flag: str, gemeente: str | None = None, diensten: Any = None) -> int:
        """Providers with a feature; "nieuw" as the newest measurement at the pairs says."""
        if flag == "nieuw":
            return self.availability.new_mask(self.pairs(gemeente, diensten or []))
        return self.options.get("kenmerk", {}).get(flag, 0)

    def _mask_where(self, predicate: Any) -> int:
        mask = 0
        for index, provider in enumerate(self.providers):
            if predicate(provider):
                mask |= 1 << index
        return mask


# --- building ----------------------------------------------------------------------


def _load_providers(session: DbSession, day: dt.date) -> dict[str, Provider]:
    columns = (
        Aanbieder.id,
        Aanbieder.naam,
        Aanbieder.omschrijving,
        Aanbieder.leeftijd_min,
        Aanbieder.leeftijd_max,
        Aanbieder.wachttijd_weken,
        Aanbieder.wachttijd_peildatum,
        Aanbieder.nieuwe_clienten,
        Aanbieder.hulp_op_afstand,
        Aanbieder.huisbezoek,
        Aanbieder.rolstoeltoegankelijk,
    )
    rows = session.execute(select(*columns).where(Aanbieder.uit_register_sinds.is_(None)))
    providers = {r[0]: Provider(r[0], r[1], r[2] or "", *r[3:]) for r in rows}
    active = active_contracts(day).subquery()
    for aid, code, cbs in session.execute(
        select(active.c.aanbieder_id, active.c.dienst_code, ContractGemeente.gemeente_cbs).join(
            ContractGemeente, ContractGemeente.contract_id == active.c.id
        )
    ):
        if aid in providers:
            providers[aid].contracted.add((code, cbs))
    return {aid: p for aid, p in providers.items() if p.contracted}


def _load_details(session: DbSession, providers: dict[str, Provider]) -> None:
    for aid, code in session.execute(
        select(AanbiederThema.aanbieder_id, AanbiederThema.thema_code)
    ):
        if aid in providers:
            providers[aid].themas.append(code)
    for aid, taal in session.execute(select(AanbiederTaal.aanbieder_id, AanbiederTaal.taal)):
        if aid in providers:
            providers[aid].talen.append(taal)
    for aid, plaats, cbs, lat, lon in session.execute(
        select(
            Locatie.aanbieder_id, Locatie.plaats, Locatie.gemeente_cbs, Locatie.lat, Locatie.lon
        ).order_by(Locatie.id)
    ):
        if aid in providers:
            providers[aid].locaties.append((plaats or "", cbs, lat, lon))


def _load_figures(
    session: DbSession,
    providers: dict[str, Provider],
    key_indicators: tuple[str, ...],
    minimum_n: int,
    day: dt.date,
) -> None:
    """Per provider and key indicator, the headline figure and the newest per scope, as
    the rule shows them on `day`."""
    query = select(Kwaliteitscijfer).where(Kwaliteitscijfer.indicator_code.in_(key_indicators))
    found: dict[tuple[str, str], list[Figure]] = defaultdict(list)
    for row in session.scalars(query):
        if row.aanbieder_id in providers:
            found[(row.aanbieder_id, row.indicator_code)].append(Figure.from_row(row))
    for aid, provider in providers.items():
        provider.figures = {
            code: show(headline(found[(aid, code)]), minimum_n, day)
            if (aid, code) in found
            else MISSING
            for code in key_indicators
        }
        scopes: dict[str | None, dict[str, list[Figure]]] = defaultdict(lambda: defaultdict(list))
        for code in key_indicators:
            for figure in found.get((aid, code), ()):
                scopes[figure.dienst][code].append(figure)
        provider.scoped = {
            scope: {code: show(newest(figures), minimum_n, day) for code, figures in by.items()}
            for scope, by in scopes.items()
        }


def _masks(providers: list[Provider]) -> tuple[dict[tuple[str, str], int], Options]:
    """The bitsets: per (dienst, gemeente) contract pair, and per filter option."""
    pair: dict[tuple[str, str], int] = defaultdict(int)
    options: dict[str, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    for index, p in enumerate(providers):
        bit = 1 << index
        for key in p.contracted:
            pair[key] |= bit
        for code in p.themas:
            options["t"][code] |= bit
        for code in p.talen:
            options["taal"][code] |= bit
        flags = {
            "afstand": p.hulp_op_afstand,
            "huisbezoek": p.huisbezoek,
            "rolstoel": p.rolstoeltoegankelijk,
            "nieuw": p.nieuwe_clienten == "ja",
        }
        for flag, value in flags.items():
            if value:
                options["kenmerk"][flag] |= bit
    return dict(pair), {name: dict(masks) for name, masks in options.items()}


def build_catalog(
    session: DbSession,
    version: int,
    day: dt.date,
    minimum_n: int,
    ref: ReferenceData,
    state: str = "",
) -> Catalog:
    """Read the published register once and index it for filtering; `ref` is the
    reference data published with it (services, gemeenten, participation, and the key
    indicators whose figures come with every provider); `state`: Publication.state."""
    found = _load_providers(session, day)
    _load_details(session, found)
    add_register_dates(session, found)
    _load_figures(session, found, ref.key_indicators, minimum_n, day)
    providers = sorted(found.values(), key=lambda p: p.id)
    availability = add_availability(session, providers)
    pair, options = _masks(providers)
    return Catalog(
        version=version,
        day=day,
        minimum_n=minimum_n,
        key_indicators=ref.key_indicators,
        providers=providers,
        position={p.id: i for i, p in enumerate(providers)},
        everyone=(1 << len(providers)) - 1,
        pair=pair,
        options=options,
        dienst_wet={d.code: d.wet for d in ref.diensten},
        gemeenten=[g.cbs for g in sorted(ref.gemeenten, key=lambda g: g.naam)],
        deelname={key: u.deelname for key, u in ref.deelname_by_pair.items()},
        availability=availability,
        state=state,
    )
