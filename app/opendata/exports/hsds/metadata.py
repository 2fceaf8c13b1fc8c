"""HSDS 3.0 `metadata`: the change history of the published register, from what every
import changed per provider (`wijziging`, app/register/changes.py). One record per
change: the provider (organization) it is about, the field, the previous and the new
value, the date of the import and which import it was."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from typing import Any

from sqlalchemy import select

from app.domain import clock
from app.domain.models import Aanbieder, ImportRun, Wijziging
from app.domain.queries import chunked, in_register
from app.extensions import DbSession
from app.opendata.exports.hsds.writer import hsds_id

CREATE = {"in_register", "terug_in_register", "dienst_erbij", "gemeente_erbij", "cijfer_nieuw"}
DELETE = {"uit_register", "dienst_eraf", "gemeente_eraf", "cijfer_weg"}


def field_name(change: Wijziging) -> str:
    """Which field of the provider changed: a column, or a contract or figure part."""
    kind = change.soort
    if kind == "gegevens":
        return change.veld or "organization"
    if kind in ("in_register", "terug_in_register", "uit_register"):
        return "organization"
    if kind.startswith("cijfer"):
        return f"cijfer:{change.veld}" + (f":{change.dienst}" if change.dienst else "")
    if kind in ("dienst_erbij", "dienst_eraf"):
        return f"contract:{change.dienst}"
    if kind in ("gemeente_erbij", "gemeente_eraf"):
        return f"contract:{change.dienst}:gemeenten"
    return f"contract:{change.dienst}:{kind.removeprefix('contract_')}"


def _values(change: Wijziging) -> tuple[str, str]:
    if change.soort == "gemeente_erbij":
        return "", change.gemeente or ""
    if change.soort == "gemeente_eraf":
        return change.gemeente or "", ""
    return change.oud or "", change.nieuw or ""


def _runs(session: DbSession) -> dict[int, tuple[dt.date, str]]:
    return {
        run_id: (clock.local_date(end or start), name)
        for run_id, end, start, name in session.execute(
            select(ImportRun.id, ImportRun.beeindigd, ImportRun.gestart, ImportRun.bestandsnaam)
        )
    }


def metadata(session: DbSession) -> Iterator[dict[str, Any]]:
    """Every change of the providers in the register, oldest first."""
    runs = _runs(session)
    query = in_register(
        select(Wijziging)
        .join(Aanbieder, Aanbieder.id == Wijziging.aanbieder_id)
        .order_by(Wijziging.id)
    )
    for (change,) in chunked(session, query):
        day, name = runs[change.run_id]
        previous, replacement = _values(change)
        kind = change.soort
        yield {
            "id": hsds_id("metadata", change.id),
            "resource_id": hsds_id("organization", change.aanbieder_id),
            "resource_type": "organization",
            "last_action_date": day.isoformat(),
            "last_action_type": "create"
            if kind in CREATE
            else "delete"
            if kind in DELETE
            else "update",
            "field_name": field_name(change),
            "previous_value": previous,
            "replacement_value": replacement,
            "updated_by": f"Contractregister Twente, import {change.run_id} ({name})",
        }
