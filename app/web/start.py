"""HTML pages."""

from __future__ import annotations

from flask import Blueprint, render_template

from app.domain import clock, queries
from app.extensions import db
from app.search import live_reference, publication

bp = Blueprint("start", __name__)


@bp.get("/")
def start() -> str:
    """Start page: what is published (the search comes in the next step)."""
    summary = queries.summary(db.session, clock.today()) if publication() else None
    return render_template(
        "start.html",
        summary=summary,
        params=None,
        ref=live_reference(),
        gemeenten=queries.all_gemeenten(db.session),
    )
