"""Static files under fingerprinted names: a changed file is a new URL, every URL is
cached for a year, and the files are sent precompressed (brotli, gzip)."""

from __future__ import annotations

import gzip
import re

import brotli

from app.web.static_files import build, fingerprinted_name


def test_build_writes_fingerprinted_files_with_their_compressed_forms(tmp_path):
    source = tmp_path / "static"
    (source / "css").mkdir(parents=True)
    (source / "css" / "site.css").write_text("body { color: black; }\n" * 50)
    manifest = build(source, tmp_path / "build")
    name = manifest["css/site.css"]
    assert re.fullmatch(r"css/site\.[0-9a-f]{12}\.css", name)
    plain = (tmp_path / "build" / name).read_bytes()
    assert gzip.decompress((tmp_path / "build" / f"{name}.gz").read_bytes()) == plain
    assert brotli.decompress((tmp_path / "build" / f"{name}.br").read_bytes()) == plain
    (source / "css" / "site.css").write_text("body { color: navy; }\n")
    changed = build(source, tmp_path / "build")["css/site.css"]
    assert changed != name and (tmp_path / "build" / name).exists()  # the old one stays
    assert changed == fingerprinted_name("css/site.css", b"body { color: navy; }\n")
    assert not (tmp_path / "build" / f"{changed}.br").exists()  # too small to gain 5 %


def test_pages_name_the_fingerprinted_files_which_are_cached_for_a_year(published_client):
    page = published_client.get("/").get_data(as_text=True)
    [css] = re.findall(r'href="(/static/css/site\.[0-9a-f]{12}\.css)"', page)
    with published_client.get(css, headers={"Accept-Encoding": "br"}) as response:
        assert response.status_code == 200 and response.headers["Content-Encoding"] == "br"
        assert response.headers["Cache-Control"] == "public, max-age=31536000, immutable"
        assert response.headers["X-Content-Type-Options"] == "nosniff"
        assert "Access-Control-Allow-Origin" not in response.headers
        assert "Set-Cookie" not in response.headers
    with published_client.get("/static/css/site.css") as unversioned:
        assert unversioned.status_code == 404
