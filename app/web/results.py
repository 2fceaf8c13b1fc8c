"""The search page: parse, call `find`, render. Its JSON twin is /api/v1/providers."""

from __future__ import annotations

from flask import Blueprint, redirect, render_template, request
from flask.typing import ResponseReturnValue

from app.domain.reference import ReferenceData
from app.search import live_reference, run_search
from app.search import params as search_params
from app.search.cards import card
from app.web.i18n import explicit_language

bp = Blueprint("results", __name__)


def _ref() -> ReferenceData:
    return live_reference()


@bp.get("/zoeken")
def zoeken() -> ResponseReturnValue:
    """The result page. A non-canonical query string is redirected to the canonical one,
    so every search has exactly one link."""
    params, result, catalog = run_search(request.args)
    canonical = search_params.canonical_query(params, _ref(), lang=explicit_language())
    if request.query_string.decode() != canonical and not params.notices:
        return redirect(f"{request.path}?{canonical}" if canonical else request.path, 302)
    page = f"{request.path}?{canonical}" if canonical else request.path
    return render_template(
        "search.html",
        params=params,
        result=result,
        catalog=catalog,
        ref=_ref(),
        canonical_path=page,
        card=lambda provider: card(provider, result, catalog) if result and catalog else None,
    )
