"""The published register: providers, their themes, languages, locations, contracts
(with their gemeenten) and measured figures."""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import JSON, Date, ForeignKey, String, Text
from sqlalchemy.orm import Mapped, declared_attr, mapped_column, relationship

from app.extensions import Model


def _part_of(parent: str, **options: Any) -> Any:
    """A foreign key to the row this one belongs to: it goes when its parent goes."""
    return mapped_column(ForeignKey(parent, ondelete="CASCADE"), **options)


class Aanbieder(Model):
    """A contracted provider; `id` is the register's stable aanbieder_id (used in links)."""

    __tablename__ = "aanbieder"
    id: Mapped[str] = mapped_column(Text, primary_key=True)
    naam: Mapped[str] = mapped_column(Text)
    kvk: Mapped[str] = mapped_column(String(8))
    agb: Mapped[str | None] = mapped_column(String(8))
    website: Mapped[str | None] = mapped_column(Text)
    telefoon: Mapped[str | None] = mapped_column(Text)
    email: Mapped[str | None] = mapped_column(Text)
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
    # The import that last changed the provider's data (its row, themes, languages,
    # locations, contracts), and the latest import that contained it: "gewijzigd op",
    # "gecontroleerd op". See app/register/changes.py.
    gewijzigd_run_id: Mapped[int | None] = mapped_column(ForeignKey("import_run.id"))
    gecontroleerd_run_id: Mapped[int | None] = mapped_column(ForeignKey("import_run.id"))

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
    naam: Mapped[str | None] = mapped_column(Text)
    straat: Mapped[str | None] = mapped_column(Text)
    huisnummer: Mapped[str | None] = mapped_column(Text)
    postcode: Mapped[str | None] = mapped_column(String(7))
    plaats: Mapped[str | None] = mapped_column(Text)
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
    # The import that brought this figure (a changed figure is a new row): "gewijzigd op".
    ingevoerd_run_id: Mapped[int | None] = mapped_column(ForeignKey("import_run.id"))
