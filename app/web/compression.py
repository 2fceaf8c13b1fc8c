"""gzip for text responses, so pages stay small on a weak phone connection.

Standard library only (no extra C extensions to pin). Streamed responses (the exports
under /api/v1/export/) are left alone, so they keep streaming with flat memory; small
files served whole (static CSS and JS) are compressed. No cookies or secrets are ever in
a response, so compressing pages that echo a search (BREACH) gives nothing away.
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
MAX_FILE_SIZE = 1024 * 1024  # files read into memory to compress them


def _compressible(response: Response) -> bool:
    if response.status_code < 200 or response.status_code in (204, 304):  # no body
        return False
    if response.mimetype not in COMPRESSIBLE or "Content-Encoding" in response.headers:
        return False
    length = response.content_length
    if response.direct_passthrough:  # a file (send_file): only when small and sized
        return length is not None and MIN_SIZE <= length <= MAX_FILE_SIZE
    return not response.is_streamed and (length is None or length >= MIN_SIZE)


def _accepts_gzip() -> bool:
    return any(
        value in ("gzip", "*") and quality > 0 for value, quality in request.accept_encodings
    )


def compress(response: Response) -> Response:
    """gzip the body when the client accepts it and it is worth it."""
    if not _compressible(response):
        return response
    response.vary.add("Accept-Encoding")
    if not _accepts_gzip():
        return response
    response.direct_passthrough = False
    body = response.get_data()
    if hasattr(response.response, "close"):  # a file wrapper: done with the file
        response.response.close()
    response.set_data(gzip.compress(body, compresslevel=6, mtime=0))
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
