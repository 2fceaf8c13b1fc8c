"""A shared desk forgets (issue 12): two visitors in turn on one computer, each time with
the browser closed and opened again on the same profile (its storage on disk)."""

from __future__ import annotations

import re
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from playwright.sync_api import BrowserContext, Page, Playwright

from tests.browser.conftest import CHROMIUM, CHROMIUM_ARGS, DESKTOP

FIRST = "Begeleiding Hengelo Alleen (fictief)"
SECOND = "Testpraktijk De Beuk (fictief)"


@contextmanager
def browser_on(playwright: Playwright, profile: Path) -> Iterator[Page]:
    """Open the browser on `profile` (as a visitor sits down), close it afterwards."""
    context: BrowserContext = playwright.chromium.launch_persistent_context(
        str(profile), executable_path=CHROMIUM, args=CHROMIUM_ARGS, viewport=DESKTOP, locale="nl-NL"
    )
    context.set_default_timeout(10_000)
    try:
        yield context.pages[0] if context.pages else context.new_page()
        assert context.cookies() == []
    finally:
        context.close()


def save(page: Page, name: str) -> None:
    page.get_by_role("link", name=re.compile(rf"^Zet op bewaarlijst\W+{re.escape(name)}$")).click()
    page.get_by_role(
        "link", name=re.compile(rf"^Haal van bewaarlijst\W+{re.escape(name)}$")
    ).wait_for()


def links_with_a_shortlist(page: Page) -> list[str]:
    """Links that carry a shortlist (but the "Zet op bewaarlijst" links, which add one)."""
    return page.evaluate("""[...document.querySelectorAll('a[href]:not([data-shortlist-change])')]
        .map(a => a.href).filter(h => /[?&]b=/.test(h))""")


def settled(page: Page) -> None:
    page.wait_for_load_state("load")
    page.wait_for_timeout(300)  # the scripts have run


def test_the_next_visitor_never_gets_the_shortlist_of_the_previous_one(
    published_site, playwright, tmp_path
):
    profile = tmp_path / "profile"
    with browser_on(playwright, profile) as page:
        page.goto(f"{published_site}/zoeken?sort=naam")
        save(page, FIRST)
        save(page, SECOND)
        assert page.url.count("b=T00") == 2  # the list is in the link the visitor made
        assert page.evaluate("sessionStorage.getItem('kiesjezorg-bewaarlijst')") is not None
        assert page.evaluate("JSON.stringify(localStorage)") == "{}"
    # The browser was closed. The next visitor opens the same search.
    with browser_on(playwright, profile) as page:
        page.goto(f"{published_site}/zoeken?sort=naam")
        settled(page)
        assert "b=" not in page.url and links_with_a_shortlist(page) == []
        assert "Uw bewaarlijst" not in page.content()
        assert page.locator(".restore-prompt").count() == 0  # nothing left to offer


def test_a_list_kept_on_the_device_is_offered_never_added(published_site, playwright, tmp_path):
    profile = tmp_path / "profile"
    with browser_on(playwright, profile) as page:
        page.goto(f"{published_site}/zoeken?sort=naam")
        save(page, FIRST)
        remember = page.get_by_role("button", name="Onthoud op dit apparaat")
        assert remember.get_attribute("aria-pressed") == "false"
        remember.click()
        assert remember.get_attribute("aria-pressed") == "true"
        assert "T002" in page.evaluate("JSON.stringify(localStorage)")
    with browser_on(playwright, profile) as page:
        page.goto(f"{published_site}/zoeken?sort=naam")
        prompt = page.get_by_role("region", name=re.compile("Eerdere bewaarlijst terugzetten"))
        prompt.wait_for()
        assert "1 aanbieder" in prompt.inner_text()
        # Only offered: no link on the page has it until the visitor says so.
        assert "b=" not in page.url and links_with_a_shortlist(page) == []
        prompt.get_by_role("button", name="Terugzetten").click()
        page.wait_for_url(re.compile(r"b=T002"))
        page.get_by_text("Uw bewaarlijst: 1 aanbieder").wait_for()
        # ...and "Wis bewaarlijst" takes it off the page and off the device.
        page.get_by_role("link", name="Wis bewaarlijst").click()
        page.wait_for_function("() => !location.search.includes('b=')")
        assert page.evaluate("JSON.stringify(localStorage)") == "{}"
    with browser_on(playwright, profile) as page:
        page.goto(f"{published_site}/zoeken?sort=naam")
        settled(page)
        assert page.locator(".restore-prompt").count() == 0


def test_the_question_can_be_answered_with_wis(published_site, playwright, tmp_path):
    profile = tmp_path / "profile"
    with browser_on(playwright, profile) as page:
        page.goto(f"{published_site}/zoeken?sort=naam")
        save(page, SECOND)
        page.get_by_role("button", name="Onthoud op dit apparaat").click()
    with browser_on(playwright, profile) as page:
        page.goto(f"{published_site}/aanbieder/T004/wmo-thuishulp-twente-fictief")
        page.get_by_role("button", name="Wis bewaarlijst").click()
        assert page.locator(".restore-prompt").count() == 0
        assert page.evaluate("JSON.stringify(localStorage)") == "{}"
        assert "b=" not in page.url


def test_a_list_stored_by_an_earlier_version_is_forgotten(published_site, playwright, tmp_path):
    """Earlier versions kept every list on the device and put it in every link."""
    profile = tmp_path / "profile"
    with browser_on(playwright, profile) as page:
        page.goto(f"{published_site}/")
        page.evaluate("localStorage.setItem('kiesjezorg-bewaarlijst', '[\"T001\",\"T004\"]')")
    with browser_on(playwright, profile) as page:
        page.goto(f"{published_site}/zoeken")
        settled(page)
        assert "b=" not in page.url and page.locator(".restore-prompt").count() == 0
        assert page.evaluate("JSON.stringify(localStorage)") == "{}"
