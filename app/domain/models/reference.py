"""The reference data as tables (data/reference/*.yaml, synchronised on every import):
gemeenten, segments, services, participation, themes and indicators."""

from __future__ import annotations

from sqlalchemy import JSON, Float, ForeignKey, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.extensions import Model


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
