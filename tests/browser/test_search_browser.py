"""The search page in a real browser: JavaScript only enhances the GET form."""

from __future__ import annotations

import re

from tests.browser.conftest import DESKTOP, PHONE


def test_a_filter_applies_at_once_keeps_focus_and_the_url(published_site, new_context):
    page = new_context(viewport=DESKTOP).new_page()
    page.goto(f"{published_site}/zoeken?g=almelo")
    assert "1 aanbieder" not in page.locator("#result-summary").inner_text()
    page.evaluate("window.notReloaded = true")
    box = page.locator("input[name=kenmerk][value=huisbezoek]")
    box.focus()
    page.keyboard.press("Space")
    page.wait_for_url(re.compile(r"kenmerk=huisbezoek"))
    assert page.locator("#result-summary").inner_text().startswith("1 aanbieder")
    assert page.evaluate("window.notReloaded") is True  # updated in place, not reloaded
    focused = page.evaluate("[document.activeElement.name, document.activeElement.value]")
    assert focused == ["kenmerk", "huisbezoek"]
    assert page.locator("#result-summary").get_attribute("role") == "status"
    # The URL it wrote is the canonical link: opening it gives the same page.
    other = new_context(viewport=DESKTOP).new_page()
    other.goto(page.url)
    assert (
        other.locator("#result-summary").inner_text()
        == page.locator("#result-summary").inner_text()
    )


def test_the_same_search_works_without_javascript(published_site, new_context):
    page = new_context(viewport=PHONE, java_script_enabled=False).new_page()
    page.goto(f"{published_site}/zoeken?g=almelo")
    # On a phone the filters start folded (by CSS, no script): "Filters (1)" opens them.
    page.get_by_text("Filters (1").click()
    page.locator("input[name=kenmerk][value=huisbezoek]").check()
    page.get_by_role("button", name="Toon resultaten").click()
    page.wait_for_url(re.compile(r"kenmerk=huisbezoek"))
    assert page.locator("#result-summary").inner_text().startswith("1 aanbieder")
    # The new page opens at the results heading.
    assert page.url.endswith("#results-heading")
    assert page.locator("#results-heading").evaluate("h => h.getBoundingClientRect().top") < 50
    assert page.locator("[data-use-location]").is_hidden()  # needs JavaScript: not offered


def test_phone_position_is_rounded_and_sorts_by_distance(published_site, new_context):
    context = new_context(
        viewport=PHONE,
        geolocation={"latitude": 52.2215, "longitude": 6.8937},
        permissions=["geolocation"],
    )
    page = context.new_page()
    page.goto(f"{published_site}/zoeken?w=wmo")
    page.get_by_role("button", name="Sorteer vanaf mijn plek").click()
    page.wait_for_url(re.compile(r"sort=afstand"))
    assert "lat=52.22" in page.url and "lon=6.89" in page.url  # about 1 km, no more
    assert page.evaluate("JSON.stringify(localStorage)") == "{}"
    # On a phone the filters start folded, so the results come first.
    assert page.locator("[data-filter-panel]").evaluate("d => d.open") is False
