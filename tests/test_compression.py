"""gzip for pages and JSON; files (static files, exports) are sent as they are stored."""

from __future__ import annotations

import gzip

GZIP = {"Accept-Encoding": "gzip, deflate, br"}


def check_gzipped(url, plain, packed) -> None:  # type: ignore[no-untyped-def]
    """The gzip body is the plain body, smaller, and both say they vary by encoding."""
    assert packed.status_code == plain.status_code == 200, url
    assert packed.headers["Content-Encoding"] == "gzip", url
    assert (
        "Accept-Encoding" in packed.headers["Vary"] and "Accept-Encoding" in plain.headers["Vary"]
    )
    assert "Content-Encoding" not in plain.headers
    assert gzip.decompress(packed.data) == plain.data, url
    assert int(packed.headers["Content-Length"]) == len(packed.data) < len(plain.data)


def test_pages_and_json_are_gzipped_when_the_browser_accepts_it(published_client):
    for url in ("/zoeken?g=enschede", "/api/v1/providers"):
        with published_client.get(url) as plain, published_client.get(url, headers=GZIP) as packed:
            check_gzipped(url, plain, packed)


def test_conditional_requests_still_give_304_on_compressed_responses(published_client):
    for url in ("/api/v1/providers", "/zoeken?g=enschede"):
        with published_client.get(url, headers=GZIP) as first:
            etag = first.headers["ETag"]
        assert etag.startswith('W/"'), url  # another representation than the plain one: weak
        with published_client.get(url, headers={**GZIP, "If-None-Match": etag}) as again:
            assert again.status_code == 304, url


def test_error_pages_too_but_not_tiny_or_unwanted_responses(client):
    with client.get("/nope", headers=GZIP) as missing:
        assert missing.status_code == 404 and missing.headers["Content-Encoding"] == "gzip"
    with client.get("/nope", headers={"Accept-Encoding": "gzip;q=0, identity"}) as refused:
        assert "Content-Encoding" not in refused.headers
    with client.get("/api/v1/nope", headers=GZIP) as tiny:  # a short JSON error
        assert len(tiny.data) < 500 and "Content-Encoding" not in tiny.headers
