"""The import runs: every run of the register commands, with its outcome."""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import JSON, DateTime, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from app.extensions import Model

# What a run did (`ImportRun.soort`): a register import or its dry run, an availability
# import or its dry run.
IMPORT = "import"
VALIDATIE = "validatie"
BESCHIKBAARHEID = "beschikbaarheid"
BESCHIKBAARHEID_VALIDATIE = "validatie beschikbaarheid"


class ImportRun(Model):
    """One run of a `flask register` command that reads a file, successful or not.

    The published register is the newest register import (soort 'import') with uitkomst
    'gepubliceerd'; its id is the register version that every search index records. The
    newest published availability import is the availability version.
    """

    __tablename__ = "import_run"
    id: Mapped[int] = mapped_column(primary_key=True)
    soort: Mapped[str] = mapped_column(String(30))
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
