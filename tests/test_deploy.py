"""The deployment documentation: the nginx example is a configuration nginx accepts
(`nginx -t`, with a self-signed certificate made here), its language map agrees with the
app, and the README and docs/deploy.md say how to run it for real."""

from __future__ import annotations

import re
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import ClassVar
from urllib.request import urlopen

import pytest
from werkzeug.datastructures import LanguageAccept
from werkzeug.http import parse_accept_header

from app.config import PROJECT_ROOT, Config
from app.web.caching import FOLLOWING, SHARED_CACHE

NGINX = "/usr/sbin/nginx"  # Debian's nginx-light (Makefile: system-packages)
EXAMPLE = PROJECT_ROOT / "docs" / "nginx" / "kiesjezorg.conf"
# The example's paths on a real server, and what the test puts in their place.
PATHS = {
    "/etc/letsencrypt/live/kiezen.example.nl/fullchain.pem": "cert.pem",
    "/etc/letsencrypt/live/kiezen.example.nl/privkey.pem": "key.pem",
    "/var/cache/nginx/kiesjezorg": "cache",
    "/srv/kiesjezorg/static_build/": "static_build/",
    "/var/log/nginx/kiesjezorg.access.log": "access.log",
    "/var/log/nginx/kiesjezorg.error.log": "error.log",
}


def _self_signed(folder: Path) -> None:
    subprocess.run(
        ["openssl", "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1"]
        + ["-nodes", "-days", "1", "-subj", "/CN=kiezen.example.nl"]
        + ["-keyout", str(folder / "key.pem"), "-out", str(folder / "cert.pem")],
        check=True,
        capture_output=True,
    )


def test_the_nginx_example_passes_nginx_t(tmp_path):
    _self_signed(tmp_path)
    site = EXAMPLE.read_text(encoding="utf-8")
    for real, here in PATHS.items():
        assert real in site, real  # the example and this test name the same paths
        site = site.replace(real, str(tmp_path / here))
    (tmp_path / "site.conf").write_text(site, encoding="utf-8")
    (tmp_path / "nginx.conf").write_text(
        f"pid {tmp_path}/nginx.pid;\nerror_log {tmp_path}/nginx-error.log;\nevents {{}}\n"
        f"http {{\n  include /etc/nginx/mime.types;\n  include {tmp_path}/site.conf;\n}}\n",
        encoding="utf-8",
    )
    checked = subprocess.run(
        [NGINX, "-t", "-p", str(tmp_path), "-c", str(tmp_path / "nginx.conf")],
        capture_output=True,
        text=True,
    )
    assert checked.returncode == 0, checked.stderr
    assert "syntax is ok" in checked.stderr and "test is successful" in checked.stderr


def _nginx_language(header: str) -> str:
    """What the example's map gives for an Accept-Language header (PCRE and Python's re
    agree on this pattern)."""
    block = re.search(
        r"map \$http_accept_language \$kiesjezorg_language \{(.*?)\}", EXAMPLE.read_text(), re.S
    )
    assert block
    for pattern, language in re.findall(r'"~\*([^"]+)"\s+(\w+);', block[1]):
        if re.search(pattern, header, re.I):
            return str(language)
    return "nl"


@pytest.mark.parametrize(
    "header",
    [
        "nl-NL,nl;q=0.9,en-US;q=0.8,en;q=0.7",
        "en-GB,en;q=0.9",
        "EN-us",
        "de-DE,de;q=0.9,en;q=0.8,nl;q=0.7",
        "tr-TR, tr;q=0.9, nl;q=0.8, en;q=0.7",
        "fr-FR,fr;q=0.9",
        "ar, en;q=0.5",
        "ar-EG,ar;q=0.9",
        "pl-PL,pl;q=0.9,en;q=0.8",
        "ru-RU,ru;q=0.9,uk;q=0.8,nl;q=0.7",
        "uk",
        "art, de",
        "",
        "*",
    ],
)
def test_the_nginx_language_map_agrees_with_the_app(header):
    mapped = re.findall(r'"~\*[^"]+"\s+(\w+);', EXAMPLE.read_text(encoding="utf-8"))
    assert {"nl", *mapped} == set(Config.LANGUAGES)  # a new language needs a line there
    accepted = parse_accept_header(header, LanguageAccept)
    assert _nginx_language(header) == (accepted.best_match(Config.LANGUAGES) or "nl")


def test_the_readme_and_the_deploy_doc_say_how_to_run_it_for_real():
    readme = (PROJECT_ROOT / "README.md").read_text(encoding="utf-8")
    deploy = (PROJECT_ROOT / "docs" / "deploy.md").read_text(encoding="utf-8")
    assert "make serve" in readme and "docs/deploy.md" in readme and "PUBLIC_URL" in readme
    for needed in ("PUBLIC_URL", "ProxyFix", "WEB_CONCURRENCY", "GUNICORN_CMD_ARGS", "nginx -t"):
        assert needed in deploy, needed


def test_ci_installs_what_the_nginx_check_needs():
    makefile = (PROJECT_ROOT / "Makefile").read_text(encoding="utf-8")
    packages = re.search(r"^SYSTEM_PACKAGES := (.+)$", makefile, re.M)
    assert packages and {"nginx-light", "openssl"} <= set(packages[1].split())
    assert re.search(r"^test: .*\bsystem-packages\b", makefile, re.M)  # CI runs `make test`
    assert "make test" in (PROJECT_ROOT / ".ci" / "run").read_text(encoding="utf-8")


def test_the_nginx_example_logs_nothing_about_a_visitor():
    site = EXAMPLE.read_text(encoding="utf-8")
    [fmt] = re.findall(r"log_format kiesjezorg ((?:'[^']*'\s*)+);", site)
    # $uri is the path without the query string; never $remote_addr, $request, $args, ...
    allowed = "time_iso8601 request_method uri status request_time upstream_cache_status"
    assert set(re.findall(r"\$(\w+)", fmt)) == set(allowed.split())
    access_logs = re.findall(r"^\s*access_log\s+([^;]+);", site, re.M)
    assert access_logs and all(line.split()[-1] == "kiesjezorg" for line in access_logs)
    assert "proxy_set_header X-Forwarded-For" not in site  # the app never sees an address
    assert re.findall(r"^\s*error_log\s+\S+\s+(\w+);", site, re.M) == ["crit"]


@pytest.mark.parametrize("cache", [True, False])
def test_the_load_bench_runs_the_nginx_example_itself(tmp_path, cache):
    """bench/load.py puts nginx in front of gunicorn with a configuration derived from the
    example (docs/deploy.md's one nginx config): nginx accepts it, and it differs from the
    example only in what a local plain-HTTP bench cannot have."""
    from bench import nginx_front

    main = nginx_front.write_config(8123, 8124, tmp_path, cache)
    checked = subprocess.run(
        [NGINX, "-t", "-p", str(tmp_path), "-c", str(main)], capture_output=True, text=True
    )
    assert checked.returncode == 0, checked.stderr
    site = (tmp_path / "site.conf").read_text(encoding="utf-8")
    assert "ssl" not in site and "listen 127.0.0.1:8124;" in site
    assert site.count("server 127.0.0.1:8123 max_fails=0;") == 2
    kept = set(EXAMPLE.read_text(encoding="utf-8").splitlines()) - set(site.splitlines())
    changed = ["listen", "server", "ssl_", "return", "}", "proxy_cache_path", "access_log"]
    changed += ["error_log", "alias", "max_size=1g"] + ([] if cache else ["proxy_cache"])
    for line in kept:
        assert not line.strip() or line.split()[0].startswith(tuple(changed)), line
    assert ("proxy_cache kiesjezorg;" in site) is cache


def test_the_load_bench_refuses_an_example_it_does_not_understand(monkeypatch, tmp_path):
    from bench import nginx_front

    changed = tmp_path / "changed.conf"
    changed.write_text(EXAMPLE.read_text().replace("listen 443 ssl http2;", "listen 443 ssl;"))
    monkeypatch.setattr(nginx_front, "EXAMPLE", changed)
    with pytest.raises(ValueError, match="changed"):
        nginx_front.bench_site(8123, 8124, tmp_path)


def test_gunicorn_opens_no_control_socket_of_the_users_own(monkeypatch):
    """gunicorn's default control socket is one path for every gunicorn of the user: a
    second site or a bench server on the machine would take it over."""
    from gunicorn.app.wsgiapp import WSGIApplication

    monkeypatch.delenv("GUNICORN_CMD_ARGS", raising=False)
    monkeypatch.setattr(sys, "argv", ["gunicorn"])
    monkeypatch.chdir(PROJECT_ROOT)
    assert WSGIApplication().cfg.control_socket_disable is True


def test_a_warm_worker_has_its_pages_ready_in_every_language(published_app):
    """warm_pages (gunicorn's post_worker_init) compiles the first pages' templates and
    makes the search page's words in every language before a visitor comes."""
    from app.server import warm_pages

    published_app.test_client().get("/zoeken")  # the catalog is there; its words go again
    catalog = published_app.extensions["live_search"].snapshot.catalog
    for key in [key for key in catalog._memo if key[0] == "search words"]:
        del catalog._memo[key]
    published_app.jinja_env.cache.clear()
    warm_pages(published_app)
    assert {"base.html", "start.html", "search.html", "_result_cards.html"} <= {
        name for _, name in published_app.jinja_env.cache.keys()
    }
    made = {key[1]: words for key, words in catalog._memo.items() if key[0] == "search words"}
    assert set(made) == set(published_app.config["LANGUAGES"])


def test_prepared_card_words_cover_every_provider_and_every_figure_line(published_app):
    """What a worker makes before its first request: each provider's card words and every
    figure line it can show (each service's too), in the language of the request."""
    from app.search import live_catalog
    from app.web.search_words import prepare_card_words

    published_app.test_client().get("/zoeken")  # the catalog is there
    with published_app.test_request_context("/zoeken", query_string={"lang": "en"}):
        catalog = live_catalog()
        catalog._memo.pop(("search words", "en"), None)
        prepare_card_words(catalog)
        words = catalog._memo[("search words", "en")]
    assert set(words._providers) == {p.id for p in catalog.providers}
    every_line = {
        (code, shown)
        for p in catalog.providers
        for scope in p.scoped.values()
        for code, shown in scope.items()
    }
    assert every_line and every_line <= set(words._figures)
    assert words._waits


class _Upstream(BaseHTTPRequestHandler):
    """An upstream that answers every GET with `control` after `delay` seconds, and
    counts what reaches it."""

    asked: ClassVar[list[str]] = []
    control: ClassVar[str] = SHARED_CACHE
    delay: ClassVar[float] = 0.0

    def do_GET(self) -> None:
        type(self).asked.append(self.path)
        time.sleep(self.delay)
        self.send_response(200)
        self.send_header("Cache-Control", self.control)
        self.send_header("Content-Length", "2")
        self.end_headers()
        self.wfile.write(b"ok")

    def log_message(self, *args: object) -> None:  # nothing on the test's output
        pass


@contextmanager
def _nginx_in_front(tmp_path: Path, control: str, delay: float = 0.0) -> Iterator[str]:
    """The nginx example in front of an `_Upstream`; yields nginx's address."""
    from bench import nginx_front
    from bench.load import free_port

    _Upstream.asked.clear()
    _Upstream.control, _Upstream.delay = control, delay
    upstream = ThreadingHTTPServer(("127.0.0.1", 0), _Upstream)
    threading.Thread(target=upstream.serve_forever, daemon=True).start()
    port = free_port()
    nginx = nginx_front.start_nginx(upstream.server_address[1], port, tmp_path / "nginx")
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        nginx.terminate()
        nginx.wait(timeout=30)
        upstream.shutdown()
        upstream.server_close()


def _cache_status(url: str) -> str:
    with urlopen(url, timeout=10) as answer:
        return str(answer.headers["X-Cache-Status"])


def test_the_nginx_example_never_answers_a_health_check_from_its_cache(tmp_path):
    """A probe asks about the process behind nginx now: /healthz and /readyz go through
    each time (and never wait behind the cache lock), while a page is kept."""
    statuses: dict[str, list[str]] = {}
    with _nginx_in_front(tmp_path, SHARED_CACHE) as nginx:
        for path in ["/healthz", "/readyz", "/zoeken"] * 3:
            statuses.setdefault(path, []).append(_cache_status(nginx + path))
    assert statuses == {
        "/healthz": ["BYPASS"] * 3,
        "/readyz": ["BYPASS"] * 3,
        "/zoeken": ["MISS", "HIT", "HIT"],
    }
    assert sorted(_Upstream.asked) == ["/healthz"] * 3 + ["/readyz"] * 3 + ["/zoeken"]


def test_nginx_shares_an_answer_a_moment_behind_instead_of_asking_in_turn(tmp_path):
    """Just after a publish a worker answers from the older register for a moment, and
    says FOLLOWING. Requests that arrive at once for a link nginx does not hold then share
    the one answer; with `no-store` each would go to the app in turn, behind nginx's cache
    lock (one every 500 ms)."""
    with _nginx_in_front(tmp_path, FOLLOWING, delay=0.3) as nginx:
        with ThreadPoolExecutor(max_workers=8) as pool:
            statuses = list(pool.map(_cache_status, [nginx + "/zoeken?q=hulp"] * 8))
    assert _Upstream.asked == ["/zoeken?q=hulp"]
    assert sorted(statuses) == ["HIT"] * 7 + ["MISS"]
