"""The exports: streamed, so memory stays flat whatever the register size."""

from __future__ import annotations

from collections.abc import Iterator

from flask import Response, stream_with_context

from app.domain import clock
from app.extensions import db
from app.opendata.exports.csv_export import contract_rows, csv_stream, figure_rows
from app.opendata.exports.hsds import hsds_stream
from app.opendata.http import conditional
from app.opendata.views.common import bp, minimum_n, reject_unknown, require_register, validators


def _download(chunks: Iterator[str], mimetype: str, filename: str) -> Response:
    """A streamed attachment; `chunks` is a generator that has not started yet."""
    reject_unknown()
    require_register()
    response = Response(stream_with_context(chunks), mimetype=mimetype)
    response.headers["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@bp.get("/export/contracten.csv")
@conditional(validators)
def export_contracts() -> Response:
    """Providers x contracts as CSV for Excel."""
    return _download(
        csv_stream(contract_rows(db.session, clock.today())), "text/csv", "contracten.csv"
    )


@bp.get("/export/kwaliteit.csv")
@conditional(validators)
def export_figures() -> Response:
    """The quality figures as CSV for Excel."""
    return _download(
        csv_stream(figure_rows(db.session, minimum_n(), clock.today())), "text/csv", "kwaliteit.csv"
    )


@bp.get("/export/hsds.json")
@conditional(validators)
def export_hsds() -> Response:
    """The register as Open Referral HSDS 3.0 (tabular JSON)."""
    return _download(
        hsds_stream(db.session, clock.today(), minimum_n()), "application/json", "hsds.json"
    )
