"""The site as production runs it: gunicorn with gunicorn.conf.py, PUBLIC_URL set, on a
free port (tests/served.py). What only the real server shows: its access and error logs,
the Host header it is sent, HTTP caching and headers end to end, the health checks of
warm workers, and downloads that do not take the site down."""

from __future__ import annotations

import gzip
import http.client
import json
import re
import signal
import socket
import time
from urllib.parse import quote, urlsplit

import brotli
import pytest

from app.web.headers import CONTENT_SECURITY_POLICY
from app.web.sharing import qr_svg
from tests.served import PUBLIC_URL, WORKERS, serve, warm_workers

# One gunicorn per test process: these tests go to the same pytest-xdist worker.
pytestmark = pytest.mark.xdist_group("served")
FORGED = {
    "Host": "evil.example",
    "X-Forwarded-Host": "evil-forwarded.example",
    "X-Forwarded-Proto": "http",
    "X-Forwarded-Prefix": "/evil-prefix",
    "Forwarded": "host=evil-rfc7239.example;proto=http",
}


def connect(served, timeout: float = 30) -> http.client.HTTPConnection:  # type: ignore[no-untyped-def]
    address = urlsplit(served.url)
    return http.client.HTTPConnection(address.hostname, address.port, timeout=timeout)


def get(served, path: str, headers: dict[str, str] | None = None, timeout: float = 30):  # type: ignore[no-untyped-def]
    """(status, headers, body) of one GET, on a connection of its own."""
    conn = connect(served, timeout)
    try:
        conn.request("GET", path, headers=headers or {})
        response = conn.getresponse()
        return response.status, response.headers, response.read()
    finally:
        conn.close()


def html(served, path: str, headers: dict[str, str] | None = None) -> str:  # type: ignore[no-untyped-def]
    status, _, body = get(served, path, headers)
    assert status == 200, (path, status)
    return body.decode()


def access_line(served, start: str) -> str:  # type: ignore[no-untyped-def]
    """The access log line that starts with `start` (after the time), once written."""
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline:
        for line in served.access_log.read_text().splitlines():
            if line.split("] ", 1)[-1].startswith(start):
                return line
        time.sleep(0.05)
    raise AssertionError(f"no access log line {start!r}")


def provider_ids(served) -> list[str]:  # type: ignore[no-untyped-def]
    _, _, body = get(served, "/api/v1/providers?g=enschede")
    return [p["id"] for p in json.loads(body)["data"][:2]]


# --- logs -------------------------------------------------------------------------------


def test_the_access_log_has_one_private_line_per_request(served):
    visitor = {"User-Agent": "GeheimeBrowser/1.0", "Referer": "https://elders.example/?q=x"}
    assert get(served, "/zoeken?q=autisme&g=enschede", visitor)[0] == 200
    line = access_line(served, "GET /zoeken ")
    assert re.fullmatch(r"\[[^]]+\] GET /zoeken 200 \d+ms register=\d+", line), line
    # A request gunicorn itself refuses: its warning names the client address, scrubbed.
    address = urlsplit(served.url)
    with socket.create_connection((address.hostname, address.port)) as raw:
        raw.sendall(b"GET /zoeken?q=geheimwoord HTTP/1.1\r\nHost: x\r\nno colon\r\n\r\n")
        assert raw.recv(100).startswith(b"HTTP/1.1 400")
    deadline = time.monotonic() + 10
    while "Invalid request" not in served.error_log.read_text() and time.monotonic() < deadline:
        time.sleep(0.05)
    logs = served.log_text()
    assert "Invalid request" in logs
    for private in ("autisme", "enschede", "geheimwoord", "GeheimeBrowser", "elders.example"):
        assert private not in logs, private
    assert "127.0.0.1" not in served.access_log.read_text()
    assert "ip=" not in served.error_log.read_text()


# --- a public address --------------------------------------------------------------------


def test_a_forged_host_header_never_reaches_a_page(served):
    first, second = provider_ids(served)
    status, headers, _ = get(served, f"/aanbieder/{first}", FORGED)
    assert status == 301 and headers["Location"].startswith("/aanbieder/")  # relative
    provider_path = headers["Location"]
    pages = ["/", "/zoeken?g=enschede", provider_path, f"/vergelijk?a={first}&a={second}"]
    for path in [*pages, "/toegankelijkheid", "/nope"]:
        status, _, body = get(served, path, FORGED)
        assert status in (200, 404) and b"evil" not in body, path
    for path in pages:
        page = html(served, path, FORGED)
        assert f'<link rel="canonical" href="{PUBLIC_URL}{urlsplit(path).path}' in page
        assert f'<meta property="og:url" content="{PUBLIC_URL}/' in page
    report = html(served, provider_path, FORGED)
    assert quote(f"{PUBLIC_URL}{provider_path}", safe="") in report  # the error-report mail
    compare = html(served, f"/vergelijk?a={first}&a={second}", FORGED)
    share = re.search(r'id="share-link" type="url" readonly value="([^"]+)"', compare)
    assert share and share[1] == f"{PUBLIC_URL}/vergelijk?a={first}&amp;a={second}"
    assert (
        str(qr_svg(share[1].replace("&amp;", "&"), "QR-code van de link naar deze pagina"))
        in compare
    )


# --- HTTP caching ------------------------------------------------------------------------


def test_pages_and_the_api_answer_304_when_the_client_is_up_to_date(served):
    for path in ("/zoeken?g=enschede", "/api/v1/providers?g=enschede", "/api/v1/export/hsds.json"):
        status, headers, _ = get(served, path, {"Accept-Encoding": "gzip"})
        assert status == 200 and headers["ETag"], path
        control = headers["Cache-Control"]
        assert "public" in control and "max-age=60" in control, path
        assert "stale-while-revalidate" in control, path
        again = get(served, path, {"Accept-Encoding": "gzip", "If-None-Match": headers["ETag"]})
        assert again[0] == 304 and again[2] == b"" and again[1]["ETag"] == headers["ETag"], path


def test_vary_names_what_chose_the_response(served):
    _, dutch, body = get(served, "/zoeken?g=enschede")
    assert {"Accept-Language", "Accept-Encoding"} <= set(re.split(r",\s*", dutch["Vary"]))
    _, english, english_body = get(served, "/zoeken?g=enschede", {"Accept-Language": "en"})
    assert english["ETag"] != dutch["ETag"] and b'lang="en"' in english_body
    _, chosen, _ = get(served, "/zoeken?g=enschede&lang=en", {"Accept-Language": "nl"})
    assert "Accept-Language" not in chosen["Vary"] and "Accept-Encoding" in chosen["Vary"]
    _, api, _ = get(served, "/api/v1/providers")
    assert "Accept-Language" not in api["Vary"] and "Accept-Encoding" in api["Vary"]


def test_static_files_are_fingerprinted_immutable_and_precompressed(served):
    page = html(served, "/")
    css = re.search(r'href="(/static/css/site\.[0-9a-f]{12}\.css)"', page)
    assert css
    _, plain_headers, plain = get(served, css[1], {"Accept-Encoding": "identity"})
    assert plain_headers["Cache-Control"] == "public, max-age=31536000, immutable"
    _, br_headers, packed = get(served, css[1], {"Accept-Encoding": "gzip, br"})
    assert br_headers["Content-Encoding"] == "br" and brotli.decompress(packed) == plain
    _, gz_headers, packed = get(served, css[1], {"Accept-Encoding": "gzip"})
    assert gz_headers["Content-Encoding"] == "gzip" and gzip.decompress(packed) == plain
    assert len(packed) < len(plain) and "Accept-Encoding" in gz_headers["Vary"]
    status, ranged, part = get(served, css[1], {"Range": "bytes=0-9"})
    assert status == 206 and part == plain[:10] and ranged["Content-Range"].startswith("bytes 0-9/")


# --- security headers: one test per header ------------------------------------------------


def test_the_content_security_policy_stays_strict(served):
    for path in ("/", "/zoeken?q=x", "/api/v1/providers"):
        assert get(served, path)[1]["Content-Security-Policy"] == CONTENT_SECURITY_POLICY


def test_hsts_because_the_public_address_is_https(served):
    css = re.search(r'href="(/static/[^"]+)"', html(served, "/"))
    for path in ("/", "/api/v1/providers", css[1] if css else ""):
        assert get(served, path)[1]["Strict-Transport-Security"] == "max-age=31536000", path


def test_cross_origin_opener_policy(served):
    assert get(served, "/")[1]["Cross-Origin-Opener-Policy"] == "same-origin"


def test_cross_origin_resource_policy_open_for_open_data_only(served):
    css = re.search(r'href="(/static/[^"]+)"', html(served, "/"))
    assert get(served, "/")[1]["Cross-Origin-Resource-Policy"] == "same-origin"
    assert get(served, css[1] if css else "")[1]["Cross-Origin-Resource-Policy"] == "same-origin"
    assert get(served, "/api/v1/providers")[1]["Cross-Origin-Resource-Policy"] == "cross-origin"


def test_no_cookie_ever(served):
    first, _ = provider_ids(served)
    for path in (
        "/",
        "/zoeken?q=autisme",
        f"/aanbieder/{first}",
        "/nope",
        "/api/v1/export/kwaliteit.csv",
        "/readyz",
    ):
        assert "Set-Cookie" not in get(served, path)[1], path


# --- health -------------------------------------------------------------------------------


def test_health_checks_are_small_json_and_never_cached(served):
    status, headers, body = get(served, "/healthz")
    assert status == 200 and json.loads(body) == {"status": "ok"}
    assert headers["Cache-Control"] == "no-store"
    status, headers, body = get(served, "/readyz")
    ready = json.loads(body)
    assert status == 200 and ready["ready"] is True and all(ready["checks"].values())
    assert headers["Cache-Control"] == "no-store" and len(body) < 200


def test_every_worker_is_warm_without_waiting_for_a_request(served):
    # The warm-up runs in gunicorn's post_worker_init, before the worker's first accept.
    assert len(warm_workers(served.error_log)) == WORKERS
    assert "could not warm up" not in served.error_log.read_text()


def test_a_graceful_restart_drops_no_request(demo_app, tmp_path):
    server = serve(
        demo_app.config["SQLALCHEMY_DATABASE_URI"], demo_app.config["SEARCH_INDEX_DIR"], tmp_path
    )
    restarting = next(server)
    try:
        before = warm_workers(restarting.error_log)
        restarting.process.send_signal(signal.SIGHUP)  # e.g. after a release
        # gunicorn stops the old workers at once; a request waits for a new one to be warm
        # (docs/deploy.md), so it may be slow on a busy machine, but it is answered.
        statuses = []
        deadline = time.monotonic() + 180
        while len(warm_workers(restarting.error_log)) < 2 * WORKERS and time.monotonic() < deadline:
            statuses.append(get(restarting, "/zoeken?q=autisme", timeout=180)[0])
        assert len(warm_workers(restarting.error_log) - before) == WORKERS  # new ones, warm
        assert statuses and set(statuses) == {200}
        assert get(restarting, "/readyz")[0] == 200
    finally:
        server.close()  # stops gunicorn


# --- downloads ----------------------------------------------------------------------------


def slow_download(served, path: str):  # type: ignore[no-untyped-def]
    """Start a download by a client on a slow line (a tiny receive window) that has read
    only its first bytes, and leave it running."""
    conn = connect(served)
    conn.sock = socket.socket()
    conn.sock.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 1024)
    conn.sock.connect((conn.host, conn.port))
    conn.request("GET", path, headers={"Accept-Encoding": "identity"})
    response = conn.getresponse()
    assert response.status == 200
    return conn, response, response.read(10)


def test_two_parallel_hsds_downloads_while_a_search_page_answers_in_time(served):
    downloads = [slow_download(served, "/api/v1/export/hsds.json") for _ in range(2)]
    started = time.monotonic()
    status, _, _ = get(served, "/zoeken?q=autisme&g=enschede", timeout=10)
    assert status == 200 and time.monotonic() - started < 5
    bodies = [first + response.read() for _, response, first in downloads]
    for conn, _, _ in downloads:
        conn.close()
    assert bodies[0] == bodies[1] and len(bodies[0]) > 1_000_000
    assert json.loads(bodies[0])["organization"]
