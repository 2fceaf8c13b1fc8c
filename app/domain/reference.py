"""Reference data: the gemeenten, services, participation, themes and indicators.

The YAML files in data/reference/ are what the maintainer edits (docs/reference-data.md).
An import checks the register against them and publishes them with it: the import run
keeps the whole reference document (`ImportRun.referentie`). Pages, the API and the
catalog all read that published copy (app/domain/published_reference.py), as the typed, frozen
records below, so they change together when a new register is published and never stay
stale in a process that read the files at start.

Texts that residents read are `Texts`: one entry per language code ({"nl": ..., "en":
...}); `app.web.i18n.pick` chooses the visitor's language. The words residents type for a
service or a theme are `Words`: per language code, a tuple of words and phrases (the search
reads every language; a page suggests spellings only from its own).
"""

from __future__ import annotations

import copy
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Any

import yaml

from app.domain.text import fold

DEELNAME_SOORTEN = ("regionaal", "lokaal", "deels")
Texts = Mapping[str, str]
Words = Mapping[str, tuple[str, ...]]


@dataclass(frozen=True)
class Toegang:
    """A gemeente's access team (wijkteam / sociaal team); empty when not confirmed."""

    naam: str = ""
    telefoon: str = ""
    website: str = ""


@dataclass(frozen=True)
class Gemeente:
    """One of the 14 Twente gemeenten, with a point for distances and its access team."""

    cbs: str
    naam: str
    slug: str
    lat: float
    lon: float
    website: str
    toegang: Toegang


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


# --- reading -------------------------------------------------------------------------


def _read_yaml(path: Path) -> Any:
    with path.open(encoding="utf-8") as handle:
        return yaml.safe_load(handle)


def read_document(directory: str | Path) -> dict[str, Any]:
    """The reference YAML files of a directory as one JSON-able document."""
    directory = Path(directory)
    diensten_file = _read_yaml(directory / "diensten.yaml")
    return {
        "gemeenten": _read_yaml(directory / "gemeenten.yaml"),
        "segmenten": diensten_file["segmenten"],
        "diensten": diensten_file["diensten"],
        "deelname": _read_yaml(directory / "deelname.yaml"),
        "themas": _read_yaml(directory / "themas.yaml"),
        "indicatoren": _read_yaml(directory / "indicatoren.yaml"),
    }


def _texts(value: Mapping[str, str] | None) -> dict[str, str]:
    return {lang: text for lang, text in (value or {}).items() if text}


def _words(value: Mapping[str, list[Any]] | None) -> dict[str, tuple[str, ...]]:
    """Per language, the words as strings in file order (YAML may read `3m` or `24` as
    something else), without repeats and empty entries."""
    found: dict[str, tuple[str, ...]] = {}
    for lang, words in (value or {}).items():
        cleaned = (str(word).strip() for word in words or ())
        found[lang] = tuple(dict.fromkeys(word for word in cleaned if word))
    return found


def _codes(thema: dict[str, Any]) -> tuple[str, ...]:
    return tuple(str(code) for code in thema.get("hulp") or ())


def _gemeente(g: dict[str, Any]) -> Gemeente:
    toegang = g.get("toegang") or {}
    return Gemeente(
        str(g["cbs"]).zfill(4),
        g["naam"],
        g["slug"],
        float(g["lat"]),
        float(g["lon"]),
        g.get("website") or "",
        Toegang(
            toegang.get("naam") or "", toegang.get("telefoon") or "", toegang.get("website") or ""
        ),
    )


def _dienst(d: dict[str, Any]) -> Dienst:
    return Dienst(
        d["code"],
        d["wet"],
        d["segment"],
        d["taxonomie"],
        tuple(d.get("niveaus") or ()),
        _texts(d["naam"]),
        _texts(d.get("uitleg")),
        _texts(d.get("voor_wie")),
        _words(d.get("zoekwoorden")),
    )


def _uitzondering(u: dict[str, Any]) -> Uitzondering:
    return Uitzondering(
        u["dienst"],
        str(u["gemeente"]).zfill(4),
        u["deelname"],
        _texts(u.get("toelichting")),
        u.get("bron") or "",
    )


def _indicator(i: dict[str, Any]) -> Indicator:
    return Indicator(
        i["code"],
        _texts(i["naam"]),
        tuple(i["eenheden"]),
        bool(i["hoger_is_beter"]),
        bool(i.get("landelijk")),
        _texts(i.get("uitleg")),
        _texts(i.get("kort")),
    )


def from_document(document: dict[str, Any]) -> ReferenceData:
    """The reference data of a document (as read from YAML, or as published)."""
    deelname = document["deelname"] or {}
    return ReferenceData(
        gemeenten=tuple(_gemeente(g) for g in document["gemeenten"]),
        segmenten=tuple(
            Segment(s["code"], s["wet"], _texts(s["naam"])) for s in document["segmenten"]
        ),
        diensten=tuple(_dienst(d) for d in document["diensten"]),
        deelname_standaard=deelname.get("standaard", "regionaal"),
        uitzonderingen=tuple(_uitzondering(u) for u in deelname.get("uitzonderingen") or []),
        themas=tuple(
            Thema(t["code"], _texts(t["label"]), _words(t.get("zoekwoorden")), _codes(t))
            for t in document["themas"]
        ),
        indicatoren=tuple(_indicator(i) for i in document["indicatoren"]),
        document=copy.deepcopy(document),
    )


def load_reference(directory: str | Path) -> ReferenceData:
    """Read the reference YAML files from a directory (what the next import publishes)."""
    return from_document(read_document(directory))
