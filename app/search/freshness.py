"""How fresh each provider in the catalog is: when the register last changed its data and
last confirmed it (the import runs stamped on the provider, app/register/changes.py)."""

from __future__ import annotations

from typing import Any

from sqlalchemy import select

from app.domain.models import Aanbieder
from app.domain.queries import run_dates
from app.extensions import DbSession


def add_register_dates(session: DbSession, providers: dict[str, Any]) -> None:
    """Set `gewijzigd` and `gecontroleerd` on the catalog's providers."""
    stamps = {
        aid: (changed, checked)
        for aid, changed, checked in session.execute(
            select(Aanbieder.id, Aanbieder.gewijzigd_run_id, Aanbieder.gecontroleerd_run_id)
        )
        if aid in providers
    }
    dates = run_dates(session, {run for pair in stamps.values() for run in pair})
    for aid, (changed, checked) in stamps.items():
        provider = providers[aid]
        provider.gewijzigd = dates.get(changed) if changed else None
        provider.gecontroleerd = dates.get(checked) if checked else None
