"""Pages that explain: kinds of help (/hulp), gemeenten (/gemeente) and how to read the
figures (/uitleg/cijfers). Their JSON twins (app/opendata/views/items.py) use the same facts
(app/search/facts.py)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from flask import Blueprint, abort, current_app, render_template
from flask.typing import ResponseReturnValue

from app.search import live_reference
from app.search.facts import gemeente_facts, service_facts

bp = Blueprint("info", __name__)


def _ref() -> Any:
    return live_reference()


@bp.get("/hulp")
def services() -> ResponseReturnValue:
    return render_template("services.html")


@bp.get("/hulp/<code>")
def service(code: str) -> ResponseReturnValue:
    if code.upper() not in _ref().dienst_codes:
        abort(404)
    return render_template("service.html", facts=service_facts(code.upper()))


@bp.get("/gemeente/<slug>")
def gemeente(slug: str) -> ResponseReturnValue:
    facts = gemeente_facts(slug.lower())
    if facts is None:
        abort(404)
    return render_template(
        "gemeente.html", facts=facts, gemeente=_ref().gemeenten_by_cbs[facts["cbs"]]
    )


# The date this statement was last checked against the site (update it with each review).
STATEMENT_DATE = dt.date(2026, 11, 22)


@bp.get("/toegankelijkheid")
def accessibility() -> ResponseReturnValue:
    """The accessibility statement, in the form of the Dutch government's model."""
    return render_template(
        "accessibility.html",
        statement_date=STATEMENT_DATE,
        contact=current_app.config["ERROR_REPORT_EMAIL"],
    )


@bp.get("/open-data")
def open_data() -> ResponseReturnValue:
    """What others can reuse: the API, the CSV files and the HSDS export."""
    return render_template("open_data.html")


@bp.get("/uitleg/cijfers")
def indicators() -> ResponseReturnValue:
    return render_template("indicators.html", minimum_n=current_app.config["MINIMUM_N"])
