"""The main flow with the keyboard only, and a language choice that lasts (issue 6)."""

from __future__ import annotations

import re

from tests.browser.conftest import DESKTOP, PHONE

# Visible focus: an outline or a box-shadow on the focused element, and on screen.
FOCUS = """() => {
  const el = document.activeElement;
  if (!el || el === document.body) { return null; }
  const style = getComputedStyle(el);
  const outline = style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) > 0;
  const r = el.getBoundingClientRect();
  const onScreen = r.bottom > 0 && r.top < innerHeight && r.right > 0 && r.left < innerWidth;
  return {tag: el.tagName.toLowerCase(), name: el.name || '', text: (el.textContent || '').trim(),
          href: el.getAttribute('href') || '', visible: (outline || style.boxShadow !== 'none') && onScreen};
}"""


def tab_to(page, matches, limit: int = 150) -> dict:  # type: ignore[no-untyped-def]
    """Press Tab until the focused element matches; every stop must show its focus."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        focused = page.evaluate(FOCUS)
        assert focused and focused["visible"], f"focus not visible on {focused}"
        if matches(focused):
            return focused
    raise AssertionError("never reached with Tab")


def test_search_filter_open_save_and_compare_with_the_keyboard_only(demo_site, new_context):
    page = new_context(viewport=PHONE).new_page()
    page.goto(f"{demo_site}/")
    # The first Tab reaches the skip link, which becomes visible and skips the header.
    skip = tab_to(page, lambda f: True, limit=1)
    assert skip["href"] == "#inhoud"
    page.keyboard.press("Enter")
    assert tab_to(page, lambda f: True, limit=1)["name"] == "q"  # first field of the content
    page.keyboard.type("begeleiding")
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"/zoeken\?.*q=begeleiding"))

    # On a phone the filters are folded: open them, then tick a wish with Space.
    assert page.locator("[data-filter-panel]").evaluate("d => d.open") is False
    # (past the language choice in the header, which folds open too)
    tab_to(page, lambda f: f["tag"] == "summary" and "Nederlands" not in f["text"])
    page.keyboard.press("Enter")
    assert page.locator("[data-filter-panel]").evaluate("d => d.open") is True
    before = page.locator("#result-summary").inner_text()
    tab_to(page, lambda f: f["name"] == "kenmerk")
    page.keyboard.press("Space")
    page.wait_for_url(re.compile(r"kenmerk="))
    page.wait_for_function(
        "s => document.querySelector('#result-summary').innerText !== s", arg=before
    )
    assert page.evaluate("document.activeElement.name") == "kenmerk"  # focus kept

    link = tab_to(page, lambda f: f["href"].startswith("/aanbieder/"))
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"/aanbieder/"))
    assert page.locator("h1").inner_text() == link["text"]
    # The search travels in the address (for "terug naar de zoekresultaten"); the page's
    # own link, to share or bookmark, stays the provider's stable link.
    assert "kenmerk=" in page.url
    canonical = page.locator("link[rel=canonical]").get_attribute("href")
    assert "kenmerk" not in canonical and "?" not in canonical

    # Put it on the shortlist and compare, still with the keyboard only.
    tab_to(page, lambda f: f["text"] == "Zet op bewaarlijst")
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"[?&]b="))
    tab_to(page, lambda f: f["text"].startswith("Vergelijk uw bewaarlijst"))
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"/vergelijk\?a="))
    assert page.locator("table.compare thead th").first.inner_text().startswith(link["text"])


def test_the_filters_can_be_skipped_with_the_keyboard(demo_site, new_context):
    page = new_context(viewport=DESKTOP).new_page()
    page.goto(f"{demo_site}/zoeken?g=enschede")
    tab_to(page, lambda f: f["href"] == "#results")  # "Naar de resultaten", first in the panel
    page.keyboard.press("Enter")
    tab_to(page, lambda f: True, limit=1)
    assert page.evaluate("document.querySelector('#results').contains(document.activeElement)")


def test_the_language_choice_survives_links_and_the_switch(demo_site, new_context):
    page = new_context(viewport=DESKTOP, locale="nl-NL").new_page()
    page.goto(f"{demo_site}/zoeken?g=enschede&w=jeugd&lang=en")
    assert page.evaluate("document.documentElement.lang") == "en"
    page.locator("ol.results h3 a").first.click()
    page.wait_for_url(re.compile(r"/aanbieder/.*lang=en"))
    assert page.evaluate("document.documentElement.lang") == "en"
    assert page.locator("#who-heading").inner_text() == "For whom and how"
    page.locator(".services-table a").first.click()  # on to a service page
    page.wait_for_url(re.compile(r"/hulp/.*lang=en"))
    assert page.locator("h2").first.inner_text() == "For whom?"
    # Back to Dutch with the switch: same page, same search, other language.
    page.goto(f"{demo_site}/zoeken?g=enschede&w=jeugd&lang=en")
    page.locator(".language summary").click()  # the choice of six folds open
    page.get_by_role("link", name="Nederlands").click()
    page.wait_for_url(re.compile(r"lang=nl"))
    assert page.evaluate("document.documentElement.lang") == "nl"
    assert "g=enschede" in page.url and "w=jeugd" in page.url
    assert page.locator("h1").inner_text() == "Zorgaanbieders zoeken"


def test_a_shared_link_opens_in_the_language_it_was_sent_in(demo_site, new_context):
    sender = new_context(viewport=DESKTOP, locale="en-GB").new_page()
    sender.goto(f"{demo_site}/zoeken?g=enschede&lang=en")
    sender.locator("ol.results h3 a").first.click()
    sender.wait_for_url(re.compile(r"/aanbieder/.*lang=en"))
    receiver = new_context(viewport=PHONE, locale="nl-NL").new_page()
    assert receiver.evaluate("navigator.language") == "nl-NL"
    receiver.goto(sender.url)
    assert receiver.evaluate("document.documentElement.lang") == "en"
    assert receiver.locator("#who-heading").inner_text() == "For whom and how"
    # Without a choice in the link, the receiver's own browser language decides.
    receiver.goto(sender.url.replace("lang=en", ""))
    assert receiver.evaluate("document.documentElement.lang") == "nl"
