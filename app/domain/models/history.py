"""What the imports changed, kept for good: per provider the register changes of every
import (`Wijziging`), and every availability measurement ever published
(`Beschikbaarheid`). Nothing here is ever updated or deleted; a provider's rows stay
when it leaves the register, as the provider itself does."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import Date, ForeignKey, Index, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from app.extensions import Model


class Wijziging(Model):
    """One thing an import changed for one provider (app/register/changes.py names the
    kinds): a contract that started, ended or was suspended, a service or gemeente
    added or dropped, a new figure, a field of the provider with its old and new value."""

    __tablename__ = "wijziging"
    id: Mapped[int] = mapped_column(primary_key=True)
    run_id: Mapped[int] = mapped_column(ForeignKey("import_run.id"), index=True)
    aanbieder_id: Mapped[str] = mapped_column(ForeignKey("aanbieder.id"), index=True)
    soort: Mapped[str] = mapped_column(String(30))
    veld: Mapped[str | None] = mapped_column(String(60))  # a column, or an indicator
    dienst: Mapped[str | None] = mapped_column(String(20))
    gemeente: Mapped[str | None] = mapped_column(String(4))
    oud: Mapped[str | None] = mapped_column(Text)
    nieuw: Mapped[str | None] = mapped_column(Text)


class Beschikbaarheid(Model):
    """One availability measurement from the weekly file: for a provider, a service
    (None: every service) and a gemeente (None: every gemeente) on a date."""

    __tablename__ = "beschikbaarheid"
    __table_args__ = (
        Index(
            "ix_beschikbaarheid_plek", "aanbieder_id", "dienst_code", "gemeente_cbs", "peildatum"
        ),
    )
    id: Mapped[int] = mapped_column(primary_key=True)
    run_id: Mapped[int] = mapped_column(ForeignKey("import_run.id"), index=True)
    aanbieder_id: Mapped[str] = mapped_column(ForeignKey("aanbieder.id"))
    dienst_code: Mapped[str | None] = mapped_column(String(20))
    gemeente_cbs: Mapped[str | None] = mapped_column(String(4))
    wachttijd_weken: Mapped[int | None]
    neemt_nieuwe_clienten: Mapped[str | None] = mapped_column(String(10))
    peildatum: Mapped[dt.date] = mapped_column(Date)
    bron: Mapped[str] = mapped_column(Text)
