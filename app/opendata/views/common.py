"""The `api` blueprint and what every one of its views shares: the 304 validators, the
meta block, and the checks that turn a bad request into a JSON error."""

from __future__ import annotations

from typing import Any

from flask import Blueprint, current_app, request

from app.domain import clock
from app.domain.reference import ReferenceData
from app.opendata import data as api_data
from app.opendata.http import ApiError, Validators, validators_for
from app.search import live_reference, publication

bp = Blueprint("api", __name__, url_prefix="/api/v1")


def validators() -> Validators | None:
    live = publication()
    site = current_app.config["SITE_VERSION"]
    return validators_for(live, clock.today(), site) if live else None


def minimum_n() -> int:
    return int(current_app.config["MINIMUM_N"])


def meta(**extra: Any) -> dict[str, Any]:
    return {"register": api_data.register_meta(publication()), **extra}


def live_ref() -> ReferenceData:
    return live_reference()


def reject_unknown(allowed: frozenset[str] = frozenset()) -> None:
    unknown = sorted(set(request.args) - allowed)
    if unknown:
        raise ApiError(
            400,
            f"Unknown query parameter(s): {', '.join(unknown)}.",
            [{"parameter": name, "value": request.args.get(name, "")[:40]} for name in unknown],
        )


def reject_empty(exempt: tuple[str, ...] = ()) -> None:
    """The search page reads an empty field as "no choice"; the API asks for a value, so a
    client's bug (sort= with nothing after it) does not pass silently."""
    empty = sorted(
        name
        for name in request.args
        if name not in exempt and any(not value.strip() for value in request.args.getlist(name))
    )
    if empty:
        raise ApiError(
            400,
            f"Empty value for: {', '.join(empty)}. Leave a parameter out "
            "instead of sending it empty.",
            [{"parameter": name, "value": ""} for name in empty],
        )


def require_register() -> None:
    if publication() is None:
        raise ApiError(404, "No register has been published yet.")
