"""HTML pages."""
from __future__ import annotations

import datetime as dt
from typing import Any

from flask import Blueprint, Flask, current_app, g, render_template

from app import queries
from app.extensions import db

bp = Blueprint("pages", __name__)


def publication() -> queries.Publication | None:
    """The live register, looked up once per request."""
    if "publication" not in g:
        g.publication = queries.current_publication(db.session)
    return g.publication


def register_context(app: Flask) -> None:
    """Make the live register (date, demo flag) available to every template."""

    @app.context_processor
    def inject_publication() -> dict[str, Any]:
        return {"publication": publication()}


@bp.get("/")
def start() -> str:
    """Start page: what is published (the search comes in the next step)."""
    summary = queries.summary(db.session, dt.date.today()) if publication() else None
    return render_template("start.html", summary=summary, params=None,
                           ref=current_app.extensions["reference"],
                           gemeenten=queries.all_gemeenten(db.session))
