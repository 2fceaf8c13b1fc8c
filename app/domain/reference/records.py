"""The reference data as typed, frozen records, and ReferenceData with its look-ups."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any

from app.domain.text import fold

DEELNAME_SOORTEN = ("regionaal", "lokaal", "deels")
Texts = Mapping[str, str]
# The words residents type for a service or theme: per language, words and phrases.
Words = Mapping[str, tuple[str, ...]]


WETTEN = ("jeugd", "wmo")


@dataclass(frozen=True)
class Toegang:
    """How to reach a gemeente's access team for one law, as the gemeente publishes it:
    with the page it came from (`bron`) and the date it was seen there (`gezien`). A field
    that could not be verified is empty; then pages send people to the gemeente's site."""

    naam: str = ""
    telefoon: str = ""
    uren: str = ""
    website: str = ""
    email: str = ""
    bron: str = ""
    gezien: str = ""

    def facts(self) -> dict[str, str | None]:
        """Every field, None where unknown (for JSON: unknown is null, never made up)."""
        return {name: getattr(self, name) or None for name in self.__dataclass_fields__}

    @property
    def seen(self) -> dt.date | None:
        """The date the details were seen on the gemeente's page."""
        return dt.date.fromisoformat(self.gezien) if self.gezien else None

    @property
    def tel(self) -> str:
        """The phone number as a tel: link wants it: digits only (and a leading +)."""
        return re.sub(r"[^0-9+]", "", self.telefoon)


@dataclass(frozen=True)
class Gemeente:
    """One of the 14 Twente gemeenten, with a point for distances and its access teams."""

    cbs: str
    naam: str
    slug: str
    lat: float
    lon: float
    website: str
    toegang: Mapping[str, Toegang]  # per wet: jeugd, wmo

    def team(self, wet: str) -> Toegang:
        """The access team for youth help (jeugd) or Wmo."""
        return self.toegang.get(wet) or Toegang()

    def teams(self, wetten: Iterable[str] = WETTEN) -> list[tuple[str, Toegang]]:
        """The known access teams for these laws, each once (one team often does both)."""
        found: list[tuple[str, Toegang]] = []
        for wet in wetten:
            team = self.team(wet)
            if (team.naam or team.telefoon) and team not in [t for _, t in found]:
                found.append((wet, team))
        return found


@dataclass(frozen=True)
class Segment:
    """A group of services as residents see them (e.g. ambulante jeugdhulp)."""

    code: str
    wet: str
    naam: Texts


@dataclass(frozen=True)
class Dienst:
    """A kind of help from the service taxonomy, explained in plain language."""

    code: str
    wet: str
    segment: str
    taxonomie: str
    niveaus: tuple[str, ...]
    naam: Texts
    uitleg: Texts
    voor_wie: Texts
    zoekwoorden: Words = field(default_factory=dict)  # what residents type for this help


@dataclass(frozen=True)
class Uitzondering:
    """A service that a gemeente does not buy (only) regionally."""

    dienst: str
    gemeente: str  # CBS code
    deelname: str  # lokaal | deels
    toelichting: Texts
    bron: str


@dataclass(frozen=True)
class Thema:
    """A specialisation, with the words residents use for it."""

    code: str
    label: Texts
    zoekwoorden: Words  # what residents type for this theme
    hulp: tuple[str, ...] = ()  # the kinds of help (services) usually asked for with it


@dataclass(frozen=True)
class Indicator:
    """A quality or outcome indicator and how to read it."""

    code: str
    naam: Texts
    eenheden: tuple[str, ...]
    hoger_is_beter: bool
    landelijk: bool
    uitleg: Texts
    kort: Texts = field(default_factory=dict)  # a few words after the number on a card


@dataclass(frozen=True)
class ReferenceData:
    """Everything the register is checked against and pages explain, with look-ups."""

    gemeenten: tuple[Gemeente, ...]
    segmenten: tuple[Segment, ...]
    diensten: tuple[Dienst, ...]
    deelname_standaard: str
    uitzonderingen: tuple[Uitzondering, ...]
    themas: tuple[Thema, ...]
    indicatoren: tuple[Indicator, ...]
    # The document it was made from: what an import publishes with the register.
    document: dict[str, Any] = field(default_factory=dict, repr=False, compare=False)

    @cached_property
    def dienst_codes(self) -> dict[str, Dienst]:
        return {d.code: d for d in self.diensten}

    @cached_property
    def thema_codes(self) -> set[str]:
        return {t.code for t in self.themas}

    @cached_property
    def themas_by_code(self) -> dict[str, Thema]:
        return {t.code: t for t in self.themas}

    @cached_property
    def gemeenten_by_cbs(self) -> dict[str, Gemeente]:
        return {g.cbs: g for g in self.gemeenten}

    @cached_property
    def deelname_by_pair(self) -> dict[tuple[str, str], Uitzondering]:
        """(dienst, CBS) -> the exception (lokaal or deels); absent pairs are regional."""
        return {(u.dienst, u.gemeente): u for u in self.uitzonderingen}

    def deelname(self, dienst: str, cbs: str) -> str:
        """How gemeente `cbs` buys `dienst`: regionaal, lokaal or deels."""
        found = self.deelname_by_pair.get((dienst, cbs))
        return found.deelname if found else self.deelname_standaard

    @cached_property
    def indicator_codes(self) -> dict[str, Indicator]:
        return {i.code: i for i in self.indicatoren}

    @cached_property
    def key_indicators(self) -> tuple[str, ...]:
        """The national outcome indicators (`landelijk: true`), in file order: every
        provider shows them, as "geen gegevens" when it has no figure."""
        return tuple(i.code for i in self.indicatoren if i.landelijk)

    @cached_property
    def alle_gemeenten(self) -> list[str]:
        return [g.cbs for g in self.gemeenten]

    @cached_property
    def _gemeente_keys(self) -> dict[str, str]:
        keys: dict[str, str] = {}
        for g in self.gemeenten:
            for key in (g.cbs, g.cbs.lstrip("0"), g.naam, g.slug, f"GM{g.cbs}"):
                keys[fold(key)] = g.cbs
        return keys

    def gemeente_cbs(self, name_or_code: str) -> str | None:
        """The CBS code for a gemeente given by name, slug or CBS code (any case/accents)."""
        return self._gemeente_keys.get(fold(name_or_code))
