"""gzip for pages and JSON, so they stay small on a weak phone connection.

Standard library only. Files are left alone: static files are sent precompressed (gzip
and brotli, app/web/static_files.py) and the exports are stored gzipped
(app/opendata/exports/files.py); streamed responses keep streaming. No cookies or
secrets are ever in a response, so compressing pages that echo a search (BREACH) gives
nothing away.
"""

from __future__ import annotations

import gzip

from flask import Flask, Response, request

COMPRESSIBLE = {
    "text/html",
    "text/css",
    "text/javascript",
    "application/javascript",
    "application/json",
    "text/csv",
    "image/svg+xml",
}
MIN_SIZE = 500  # below this, gzip's header costs more than it saves


def _compressible(response: Response) -> bool:
    if response.status_code < 200 or response.status_code in (204, 304):  # no body
        return False
    if response.mimetype not in COMPRESSIBLE or "Content-Encoding" in response.headers:
        return False
    if response.direct_passthrough or response.is_streamed:  # files and streams as they are
        return False
    length = response.content_length
    return length is None or length >= MIN_SIZE


def accepts_gzip() -> bool:
    """Whether the client accepts a gzipped body."""
    return any(
        value in ("gzip", "*") and quality > 0 for value, quality in request.accept_encodings
    )


def compress(response: Response) -> Response:
    """gzip the body when the client accepts it and it is worth it."""
    if not _compressible(response):
        return response
    response.vary.add("Accept-Encoding")
    if not accepts_gzip():
        return response
    response.set_data(gzip.compress(response.get_data(), compresslevel=6, mtime=0))
    response.headers["Content-Encoding"] = "gzip"
    # A strong ETag names one exact representation; the gzip one is another. A weak one
    # still gives 304s (If-None-Match compares weakly).
    etag, weak = response.get_etag()
    if etag and not weak:
        response.set_etag(etag, weak=True)
    return response


def register_compression(app: Flask) -> None:
    """Compress text responses after every other after_request hook has run."""
    app.after_request_funcs.setdefault(None, []).insert(0, compress)
