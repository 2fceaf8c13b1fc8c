"""The domain: reference data, the published contract register and its import runs.

Dutch domain terms are kept (gemeente, dienst, aanbieder, ...) so that code, data
files and the people who keep the register use the same words.
Nothing here is database-specific: the same models run on SQLite and PostgreSQL.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import JSON, Date, DateTime, Float, ForeignKey, Integer, String, Text
from sqlalchemy.orm import Mapped, declared_attr, mapped_column, relationship

from app.extensions import Model

# --- reference data (data/reference/*.yaml, synchronised on every import) -------------


class Gemeente(Model):
    """One of the 14 Twente municipalities, with its access team (toegang)."""

    __tablename__ = "gemeente"
    cbs: Mapped[str] = mapped_column(String(4), primary_key=True)
    naam: Mapped[str] = mapped_column(String(80), unique=True)
    slug: Mapped[str] = mapped_column(String(80), unique=True)
    lat: Mapped[float] = mapped_column(Float)
    lon: Mapped[float] = mapped_column(Float)
    website: Mapped[str] = mapped_column(String(300), default="")
    toegang_naam: Mapped[str] = mapped_column(String(200), default="")
    toegang_telefoon: Mapped[str] = mapped_column(String(40), default="")
    toegang_website: Mapped[str] = mapped_column(String(300), default="")


class Segment(Model):
    """A group of services as residents see them (e.g. ambulante jeugdhulp)."""

    __tablename__ = "segment"
    code: Mapped[str] = mapped_column(String(40), primary_key=True)
    wet: Mapped[str] = mapped_column(String(10))
    naam_nl: Mapped[str] = mapped_column(String(200))
    naam_en: Mapped[str] = mapped_column(String(200))
    volgorde: Mapped[int] = mapped_column(Integer, default=0)


class Dienst(Model):
    """A kind of help from the service taxonomy (both taxonomy generations)."""

    __tablename__ = "dienst"
    code: Mapped[str] = mapped_column(String(20), primary_key=True)
    wet: Mapped[str] = mapped_column(String(10))
    segment_code: Mapped[str] = mapped_column(ForeignKey("segment.code"))
    taxonomie: Mapped[str] = mapped_column(String(40))
    niveaus: Mapped[list[str]] = mapped_column(JSON, default=list)
    naam_nl: Mapped[str] = mapped_column(String(200))
    naam_en: Mapped[str] = mapped_column(String(200))
    uitleg_nl: Mapped[str] = mapped_column(Text, default="")
    uitleg_en: Mapped[str] = mapped_column(Text, default="")
    voor_wie_nl: Mapped[str] = mapped_column(Text, default="")
    voor_wie_en: Mapped[str] = mapped_column(Text, default="")
    # The words residents type for this help, per language: {"nl": [...], "en": [...]}.
    zoekwoorden: Mapped[dict[str, list[str]]] = mapped_column(JSON, default=dict)
    volgorde: Mapped[int] = mapped_column(Integer, default=0)

    segment: Mapped[Segment] = relationship()


class Deelname(Model):
    """Whether a gemeente buys a service regionally, itself (lokaal) or partly (deels)."""

    __tablename__ = "deelname"
    dienst_code: Mapped[str] = mapped_column(ForeignKey("dienst.code"), primary_key=True)
    gemeente_cbs: Mapped[str] = mapped_column(ForeignKey("gemeente.cbs"), primary_key=True)
    soort: Mapped[str] = mapped_column(String(10))
    toelichting_nl: Mapped[str] = mapped_column(Text, default="")
    toelichting_en: Mapped[str] = mapped_column(Text, default="")
    bron: Mapped[str] = mapped_column(Text, default="")


class Thema(Model):
    """A specialisation theme with the words residents use for it."""

    __tablename__ = "thema"
    code: Mapped[str] = mapped_column(String(40), primary_key=True)
    label_nl: Mapped[str] = mapped_column(String(200))
    label_en: Mapped[str] = mapped_column(String(200))
    # The words residents type for this theme, per language: {"nl": [...], "en": [...]}.
    zoekwoorden: Mapped[dict[str, list[str]]] = mapped_column(JSON, default=dict)


class Indicator(Model):
    """A quality or outcome indicator and how to read it."""

    __tablename__ = "indicator"
    code: Mapped[str] = mapped_column(String(40), primary_key=True)
    naam_nl: Mapped[str] = mapped_column(String(200))
    naam_en: Mapped[str] = mapped_column(String(200))
    eenheden: Mapped[list[str]] = mapped_column(JSON, default=list)
    hoger_is_beter: Mapped[bool]
    landelijk: Mapped[bool] = mapped_column(default=False)
    uitleg_nl: Mapped[str] = mapped_column(Text, default="")
    uitleg_en: Mapped[str] = mapped_column(Text, default="")


# --- the published register ----------------------------------------------------------


def _part_of(parent: str, **options: Any) -> Any:
    """A foreign key to the row this one belongs to: it goes when its parent goes."""
    return mapped_column(ForeignKey(parent, ondelete="CASCADE"), **options)


class Aanbieder(Model):
    """A contracted provider; `id` is the register's stable aanbieder_id (used in links)."""

    __tablename__ = "aanbieder"
    id: Mapped[str] = mapped_column(String(40), primary_key=True)
    naam: Mapped[str] = mapped_column(String(300))
    kvk: Mapped[str] = mapped_column(String(8))
    agb: Mapped[str | None] = mapped_column(String(8))
    website: Mapped[str | None] = mapped_column(String(500))
    telefoon: Mapped[str | None] = mapped_column(String(40))
    email: Mapped[str | None] = mapped_column(String(300))
    omschrijving: Mapped[str | None] = mapped_column(Text)
    omschrijving_en: Mapped[str | None] = mapped_column(Text)
    leeftijd_min: Mapped[int | None]
    leeftijd_max: Mapped[int | None]
    hulp_op_afstand: Mapped[bool | None]
    huisbezoek: Mapped[bool | None]
    rolstoeltoegankelijk: Mapped[bool | None]
    keuze_hulpverlener: Mapped[bool | None]
    nieuwe_clienten: Mapped[str | None] = mapped_column(String(10))
    wachttijd_weken: Mapped[int | None]
    wachttijd_peildatum: Mapped[dt.date | None] = mapped_column(Date)
    kit_datum: Mapped[dt.date | None] = mapped_column(Date)
    keurmerken: Mapped[list[str]] = mapped_column(JSON, default=list)
    # Set when the provider disappears from the register: its link keeps working.
    uit_register_sinds: Mapped[dt.date | None] = mapped_column(Date)

    themas: Mapped[list[AanbiederThema]] = relationship(cascade="all, delete-orphan")
    talen: Mapped[list[AanbiederTaal]] = relationship(cascade="all, delete-orphan")
    locaties: Mapped[list[Locatie]] = relationship(cascade="all, delete-orphan")
    contracten: Mapped[list[Contract]] = relationship(cascade="all, delete-orphan")
    cijfers: Mapped[list[Kwaliteitscijfer]] = relationship(cascade="all, delete-orphan")


class _OfProvider:
    """A table of one property of providers, one row per (provider, value): a table
    rather than a list column, so that filters can count in SQL."""

    @declared_attr
    def aanbieder_id(cls) -> Mapped[str]:
        column: Mapped[str] = _part_of("aanbieder.id", primary_key=True)
        return column


class AanbiederThema(_OfProvider, Model):
    """A theme a provider specialises in."""

    __tablename__ = "aanbieder_thema"
    thema_code: Mapped[str] = mapped_column(ForeignKey("thema.code"), primary_key=True)


class AanbiederTaal(_OfProvider, Model):
    """A language (ISO 639-1) a provider speaks with clients."""

    __tablename__ = "aanbieder_taal"
    taal: Mapped[str] = mapped_column(String(2), primary_key=True)


class Locatie(Model):
    """A place where a provider works."""

    __tablename__ = "locatie"
    id: Mapped[int] = mapped_column(primary_key=True)
    aanbieder_id: Mapped[str] = _part_of("aanbieder.id", index=True)
    naam: Mapped[str | None] = mapped_column(String(300))
    straat: Mapped[str | None] = mapped_column(String(300))
    huisnummer: Mapped[str | None] = mapped_column(String(20))
    postcode: Mapped[str | None] = mapped_column(String(7))
    plaats: Mapped[str | None] = mapped_column(String(100))
    gemeente_cbs: Mapped[str | None] = mapped_column(ForeignKey("gemeente.cbs"))
    lat: Mapped[float | None]
    lon: Mapped[float | None]
    rolstoeltoegankelijk: Mapped[bool | None]


class Contract(Model):
    """A provider contracted for one service in a set of gemeenten for a period."""

    __tablename__ = "contract"
    id: Mapped[int] = mapped_column(primary_key=True)
    aanbieder_id: Mapped[str] = _part_of("aanbieder.id", index=True)
    dienst_code: Mapped[str] = mapped_column(ForeignKey("dienst.code"), index=True)
    niveaus: Mapped[list[str]] = mapped_column(JSON, default=list)
    ingangsdatum: Mapped[dt.date] = mapped_column(Date)
    einddatum: Mapped[dt.date | None] = mapped_column(Date)
    status: Mapped[str] = mapped_column(String(12))

    gemeenten: Mapped[list[ContractGemeente]] = relationship(
        cascade="all, delete-orphan", passive_deletes=True
    )

    def is_actief_op(self, dag: dt.date) -> bool:
        """True when this contract counts as 'contracted' on that day."""
        return (
            self.status == "actief"
            and self.ingangsdatum <= dag
            and (self.einddatum is None or dag <= self.einddatum)
        )


class ContractGemeente(Model):
    """A gemeente a contract covers."""

    __tablename__ = "contract_gemeente"
    contract_id: Mapped[int] = _part_of("contract.id", primary_key=True)
    gemeente_cbs: Mapped[str] = mapped_column(ForeignKey("gemeente.cbs"), primary_key=True)


class Kwaliteitscijfer(Model):
    """A measured figure with its unit, n, period and source."""

    __tablename__ = "kwaliteitscijfer"
    id: Mapped[int] = mapped_column(primary_key=True)
    aanbieder_id: Mapped[str] = _part_of("aanbieder.id", index=True)
    indicator_code: Mapped[str] = mapped_column(ForeignKey("indicator.code"))
    dienst_code: Mapped[str | None] = mapped_column(ForeignKey("dienst.code"))
    waarde: Mapped[float]
    eenheid: Mapped[str] = mapped_column(String(10))
    aantal: Mapped[int]
    periode_van: Mapped[dt.date] = mapped_column(Date)
    periode_tot: Mapped[dt.date] = mapped_column(Date)
    bron: Mapped[str] = mapped_column(Text)


# --- import runs ---------------------------------------------------------------------


class ImportRun(Model):
    """One run of `register validate` or `register import`, successful or not.

    The published register is the newest run with uitkomst 'gepubliceerd'; its id is
    the register version that every search index records.
    """

    __tablename__ = "import_run"
    id: Mapped[int] = mapped_column(primary_key=True)
    soort: Mapped[str] = mapped_column(String(12))  # validatie | import
    gestart: Mapped[dt.datetime] = mapped_column(DateTime)
    beeindigd: Mapped[dt.datetime | None] = mapped_column(DateTime)
    bestandsnaam: Mapped[str] = mapped_column(String(500))
    checksum: Mapped[str] = mapped_column(String(64), default="")
    # gepubliceerd | ongewijzigd | afgewezen | mislukt | goedgekeurd (dry run passed)
    uitkomst: Mapped[str] = mapped_column(String(12), index=True)
    fictief: Mapped[bool] = mapped_column(default=False)
    aantallen: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    aantal_waarschuwingen: Mapped[int] = mapped_column(default=0)
    aantal_fouten: Mapped[int] = mapped_column(default=0)
    # The first problems (capped, see app.register.report), as dicts.
    waarschuwingen: Mapped[list[dict[str, Any]]] = mapped_column(JSON, default=list)
    fouten: Mapped[list[dict[str, Any]]] = mapped_column(JSON, default=list)
    melding: Mapped[str] = mapped_column(Text, default="")
    # The reference data published with this register (app/domain/reference.py): pages,
    # API and catalog read it from here, so they change together with the register.
    referentie: Mapped[dict[str, Any] | None] = mapped_column(JSON)
