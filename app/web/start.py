"""The start page: the search box and the first questions."""

from __future__ import annotations

from flask import Blueprint, render_template, request

from app.domain import clock, queries
from app.extensions import db
from app.search import kept_on_catalog, live_reference, publication
from app.search import params as search_params

bp = Blueprint("start", __name__)


@bp.get("/")
def start() -> str:
    """Start page: what is published, and the search form (answers given in the link, like
    ?w=wmo&g=almelo from a gemeente's page, are filled in)."""
    # Three counts over all contracts (3 ms with the demo register, 140 ms with 20,000
    # providers) for numbers that change only with the register and the day.
    summary = (
        kept_on_catalog("summary", lambda: queries.summary(db.session, clock.today()))
        if publication()
        else None
    )
    ref = live_reference()
    return render_template(
        "start.html",
        summary=summary,
        params=search_params.parse(request.args, ref),
        ref=ref,
        gemeenten=queries.all_gemeenten(db.session),
    )
