"""The exports: written once per register and day (app/opendata/exports/files.py) and
sent as files, gzipped to clients that accept it (with Range), plain to the others."""

from __future__ import annotations

from pathlib import Path

from flask import Response, current_app, request, send_file
from werkzeug.http import is_resource_modified

from app.domain import clock
from app.extensions import db
from app.opendata.exports.files import EXPORTS, ExportFiles, gunzipped
from app.opendata.http import Validators
from app.opendata.views.common import bp, minimum_n, reject_unknown, require_register, validators
from app.search import publication
from app.web.compression import accepts_gzip


def _download(name: str) -> Response:
    """Export `name` as a file: 304 when the client's copy is current, else the file
    (written first if this is its first request for this register and day)."""
    reject_unknown()
    require_register()
    current = validators()
    live = publication()
    assert current is not None and live is not None  # require_register() said so
    packed = accepts_gzip()
    # The gzip file and the plain text are two representations: two strong ETags.
    etag = f"{current.etag}-gzip" if packed else current.etag
    if not is_resource_modified(request.environ, etag, last_modified=current.last_modified):
        response = Response(status=304)
    else:
        files: ExportFiles = current_app.extensions["exports"]
        path = files.get(db.session, name, live.state, clock.today(), minimum_n())
        response = _file_response(name, path, packed, current)
    response.set_etag(etag)
    response.last_modified = current.last_modified
    response.vary.add("Accept-Encoding")
    return response


def _file_response(name: str, path: Path, packed: bool, current: Validators) -> Response:
    export = EXPORTS[name]
    if packed:  # the file itself: sendfile, Range and If-Range by werkzeug
        response = send_file(
            path, export.mimetype, etag=f"{current.etag}-gzip", last_modified=current.last_modified
        )
        response.headers["Content-Encoding"] = "gzip"
    else:
        response = Response(gunzipped(path), mimetype=export.mimetype)
    response.headers["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


@bp.get("/export/contracten.csv")
def export_contracts() -> Response:
    """Providers x contracts as CSV for Excel."""
    return _download("contracten.csv")


@bp.get("/export/kwaliteit.csv")
def export_figures() -> Response:
    """The quality figures as CSV for Excel."""
    return _download("kwaliteit.csv")


@bp.get("/export/hsds.json")
def export_hsds() -> Response:
    """The register as Open Referral HSDS 3.0 (tabular JSON)."""
    return _download("hsds.json")
