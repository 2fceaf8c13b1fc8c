"""Page weight: bytes on the wire and requests per page type, cold cache.

    python -m bench.page_weight            # or: make bench-pages

Serves the app with the demo register (a fresh SQLite database in a temporary folder)
on a local port and opens each page type of tests/browser/pages.py in headless Chromium
(Debian's, with the test suite's flags), each in a fresh browser context with the cache
off. Bytes are Chromium's encodedDataLength per request (headers plus the body as sent,
i.e. compressed when it was compressed). Requests to any other host are listed.
Targets (issue 6): every page <= 50 KB transferred, 0 third-party requests; the map view
(issue 17) is weighed at its bound: 100 providers on the map, the list of 20 below it.
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path
from urllib.parse import urlsplit

from flask import Flask
from flask_migrate import upgrade
from playwright.sync_api import Browser, sync_playwright

from app import create_app
from app.config import PROJECT_ROOT
from app.domain.reference import load_reference
from app.extensions import db
from app.register.publish import run_register
from tests.browser.conftest import CHROMIUM, CHROMIUM_ARGS, PHONE, serve
from tests.browser.pages import EXTRA_BENCH_PAGES, PAGE_TYPES, PageType, with_language

LIMIT_BYTES = 50 * 1024


def demo_app(folder: Path) -> Flask:
    """The app with the demo register published in a fresh SQLite database in `folder`
    (the test suite's `demo_app` is a pytest fixture, so it is made here the same way)."""
    app = create_app(
        {
            "SQLALCHEMY_DATABASE_URI": f"sqlite:///{folder / 'bench.sqlite'}",
            "SEARCH_INDEX_DIR": str(folder / "search_index"),
        }
    )
    with app.app_context():
        upgrade()
        reference = load_reference(PROJECT_ROOT / "data" / "reference")
        store = app.extensions["search_index"]
        register = PROJECT_ROOT / "data" / "demo" / "register.xlsx"
        result = run_register(db.session, register, reference, store)
        if result.outcome != "gepubliceerd":
            raise SystemExit(f"the demo register was not published: {result.outcome}")
        db.session.remove()
    return app


def page_url(browser: Browser, base_url: str, page_type: PageType) -> str:
    """The address of a page type (following its link when it has one)."""
    url = base_url + with_language(page_type.path, None)
    if not page_type.follow:
        return url
    context = browser.new_context()
    page = context.new_page()
    page.goto(url)
    href = page.locator(page_type.follow).first.get_attribute("href")
    context.close()
    return base_url + str(href)


def weigh(browser: Browser, url: str) -> dict:
    """Load `url` cold; the bytes and requests it took, and the other hosts it asked."""
    context = browser.new_context(viewport=PHONE, locale="nl-NL")
    page = context.new_page()
    cdp = context.new_cdp_session(page)
    cdp.send("Network.enable")
    cdp.send("Network.setCacheDisabled", {"cacheDisabled": True})
    requests: dict[str, str] = {}
    sizes: dict[str, int] = {}
    cdp.on(
        "Network.requestWillBeSent",
        lambda e: requests.__setitem__(e["requestId"], e["request"]["url"]),
    )
    cdp.on(
        "Network.loadingFinished",
        lambda e: sizes.__setitem__(e["requestId"], e["encodedDataLength"]),
    )
    page.goto(url, wait_until="networkidle")
    context.close()
    site = urlsplit(url).netloc
    wire = {rid: u for rid, u in requests.items() if not u.startswith("data:")}
    return {
        "bytes": sum(sizes.get(rid, 0) for rid in wire),
        "requests": len(wire),
        "third_party": sorted(u for u in wire.values() if urlsplit(u).netloc != site),
        "files": sorted((urlsplit(u).path, sizes.get(rid, 0)) for rid, u in wire.items()),
    }


def main() -> int:
    """Print one line per page type; exit 1 when a page misses a target."""
    with tempfile.TemporaryDirectory() as folder, sync_playwright() as playwright:
        app = demo_app(Path(folder))
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        failures = 0
        with serve(app) as base_url:
            print(f"{'page':<24}{'KB':>8}{'requests':>10}  third-party  files (bytes)")
            for page_type in [*PAGE_TYPES, *EXTRA_BENCH_PAGES]:
                result = weigh(browser, page_url(browser, base_url, page_type))
                ok = result["bytes"] <= LIMIT_BYTES and not result["third_party"]
                failures += not ok
                files = ", ".join(
                    f"{path.rsplit('/', 1)[-1] or '/'} {size}" for path, size in result["files"]
                )
                print(
                    f"{page_type.name:<24}{result['bytes'] / 1024:>8.1f}{result['requests']:>10}  "
                    f"{len(result['third_party']):>11}  {files}{'' if ok else '  <- over target'}"
                )
                for url in result["third_party"]:
                    print(f"{'':<24}third-party request: {url}")
        browser.close()
        with app.app_context():
            from app.extensions import db

            db.engine.dispose()
    print(
        f"target: <= {LIMIT_BYTES // 1024} KB and 0 third-party requests per page; "
        f"{'all pages meet it' if not failures else f'{failures} page(s) do not'}"
    )
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
