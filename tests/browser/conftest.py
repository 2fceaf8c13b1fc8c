"""Browser tests: the real app served on a local port, driven by Debian's Chromium
through Playwright. The machine has no internet, so Chromium is started with every
background network feature off."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager

import pytest
from flask import Flask
from playwright.sync_api import Browser, BrowserContext, Playwright, sync_playwright
from werkzeug.serving import make_server

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 800}


@pytest.fixture(scope="session")
def playwright() -> Iterator[Playwright]:
    with sync_playwright() as p:
        yield p


@pytest.fixture(scope="session")
def browser(playwright: Playwright) -> Iterator[Browser]:
    browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
    yield browser
    browser.close()


@contextmanager
def serve(app: Flask) -> Iterator[str]:
    """Serve `app` on a free local port in a thread; yields its base URL."""
    server = make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_port}"
    finally:
        server.shutdown()
        thread.join()
        server.server_close()


@pytest.fixture(scope="session")
def demo_site(demo_app: Flask) -> Iterator[str]:
    """The demo register (300 fictional providers) served once for the tests that only
    read pages: the same app as the `demo_client` tests use (tests/conftest.py), with its
    own database, so it never meets the per-test `app` data."""
    with serve(demo_app) as url:
        yield url


@pytest.fixture(scope="session")
def published_site(published_app: Flask) -> Iterator[str]:
    """The valid register (tests/data/valid) served once, for the tests that only read it."""
    with serve(published_app) as url:
        yield url


@pytest.fixture
def new_context(browser: Browser):  # type: ignore[no-untyped-def]
    """Open browser contexts (fresh profiles) that are closed after the test; each one is
    checked for cookies first, because the site must never set any."""
    contexts = []

    def make(**options):  # type: ignore[no-untyped-def]
        options.setdefault("locale", "nl-NL")
        context = browser.new_context(**options)
        context.set_default_timeout(10_000)
        contexts.append(context)
        return context

    yield make
    for context in contexts:
        assert context.cookies() == []
        context.close()


@pytest.fixture(scope="session")
def shared_context(browser: Browser):  # type: ignore[no-untyped-def]
    """One browser context per (viewport, locale), reused by the read-only page tests;
    like `new_context`, each is checked for cookies at the end."""
    contexts: dict[tuple[int, int, str], BrowserContext] = {}

    def get(viewport: dict[str, int], locale: str = "nl-NL") -> BrowserContext:
        key = (viewport["width"], viewport["height"], locale)
        if key not in contexts:
            contexts[key] = browser.new_context(viewport=viewport, locale=locale)
            contexts[key].set_default_timeout(10_000)
        return contexts[key]

    yield get
    for context in contexts.values():
        assert context.cookies() == []
        context.close()
