"""Static files under fingerprinted names, cached for a year and sent precompressed.

When the app starts, every file in static/ is copied into STATIC_BUILD_DIR under a name
that carries a digest of its content (css/site.css -> css/site.0123456789ab.css), with a
.gz and a .br beside it. `url_for('static', filename='css/site.css')` gives the
fingerprinted URL, so a changed file is a new URL and every URL can be cached forever.
WhiteNoise serves the folder (Range, ETag, the best encoding the browser accepts); nginx
may serve the same folder itself (docs/deploy.md). Old fingerprints are kept, so a page
a cache still holds keeps finding the files it names.
"""

from __future__ import annotations

import gzip
import hashlib
import os
import re
import shutil
import tempfile
from pathlib import Path
from typing import Any

import brotli
from flask import Flask
from whitenoise import WhiteNoise

from app.config import PROJECT_ROOT
from app.web.headers import static_file_headers

SOURCE = PROJECT_ROOT / "static"
FINGERPRINTED = re.compile(r"\.[0-9a-f]{12}\.\w+$")
IMMUTABLE = "public, max-age=31536000, immutable"  # a year
COMPRESSIBLE = {".css", ".js", ".svg", ".json", ".txt", ".html", ".map"}


def fingerprinted_name(name: str, data: bytes) -> str:
    """`name` with the first 12 hex digits of the SHA-256 of `data` before its suffix."""
    path = Path(name)
    digest = hashlib.sha256(data).hexdigest()[:12]
    return str(path.with_name(f"{path.stem}.{digest}{path.suffix}").as_posix())


def _variants(name: str, data: bytes) -> dict[str, bytes]:
    """The file and its compressed forms that are worth sending (5% smaller or more)."""
    variants = {"": data}
    if Path(name).suffix in COMPRESSIBLE:
        for suffix, packed in (
            (".br", brotli.compress(data, quality=11)),
            (".gz", gzip.compress(data, compresslevel=9, mtime=0)),
        ):
            if len(packed) < 0.95 * len(data):
                variants[suffix] = packed
    return variants


def build(source: Path, target: Path) -> dict[str, str]:
    """Write every file of `source` to `target` under its fingerprinted name (unless it
    is there already); returns {name: fingerprinted name}. Files are written elsewhere
    and moved in, the plain file last, so no process ever sees half a file."""
    manifest: dict[str, str] = {}
    target.mkdir(parents=True, exist_ok=True)
    work = Path(tempfile.mkdtemp(prefix=".static-", dir=target.parent))
    try:
        for path in sorted(p for p in source.rglob("*") if p.is_file()):
            name = path.relative_to(source).as_posix()
            data = path.read_bytes()
            manifest[name] = fingerprinted_name(name, data)
            final = target / manifest[name]
            if final.exists():
                continue
            final.parent.mkdir(parents=True, exist_ok=True)
            for suffix, content in sorted(_variants(name, data).items(), reverse=True):
                staged = work / f"{final.name}{suffix}"
                staged.write_bytes(content)
                os.replace(staged, final.with_name(final.name + suffix))
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return manifest


def register_static_files(app: Flask) -> None:
    """Build the fingerprinted files, make url_for use them, serve them with WhiteNoise."""
    target = Path(app.config["STATIC_BUILD_DIR"])
    manifest = build(SOURCE, target)
    app.static_folder = str(target)
    https = app.config["PUBLIC_URL"].startswith("https://")

    @app.url_defaults
    def fingerprint(endpoint: str, values: dict[str, Any]) -> None:
        if endpoint == "static" and "filename" in values:
            values["filename"] = manifest.get(values["filename"], values["filename"])

    def add_headers(headers: Any, path: str, url: str) -> None:
        if FINGERPRINTED.search(url):
            headers["Cache-Control"] = IMMUTABLE
        static_file_headers(headers, https)

    app.wsgi_app = WhiteNoise(  # type: ignore[method-assign]
        app.wsgi_app,
        root=str(target),
        prefix="static/",
        allow_all_origins=False,
        add_headers_function=add_headers,
    )
