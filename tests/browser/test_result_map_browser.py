"""The map view in a real browser: it scales to a phone's width with the list below it,
needs no script, loads nothing from elsewhere, and its points are links a screen reader
can name (axe, reflow and layout shift run on it as a page type in tests/browser/pages.py)."""

from __future__ import annotations

from urllib.parse import urlsplit

import pytest

from tests.browser.conftest import DESKTOP, PHONE

MAP = "/zoeken?g=hengelo&weergave=kaart"


@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["phone", "desktop"])
@pytest.mark.parametrize("script", [True, False], ids=["script", "no-script"])
def test_the_map_fits_the_width_above_the_list(demo_site, new_context, viewport, script):
    context = new_context(viewport=viewport, java_script_enabled=script)
    page = context.new_page()
    hosts: set[str] = set()
    page.on("request", lambda request: hosts.add(urlsplit(request.url).netloc))
    page.goto(demo_site + MAP)
    svg = page.locator("figure.result-map svg").bounding_box()
    column = page.locator("#results").bounding_box()
    assert svg and column
    assert svg["width"] == pytest.approx(column["width"], abs=1)  # scales to the column
    assert svg["height"] == pytest.approx(svg["width"] * 830 / 1001, abs=2)  # keeps its shape
    if viewport == PHONE:
        assert svg["width"] >= 340
    first = page.locator("#result-list > li").first.bounding_box()
    assert first and first["y"] > svg["y"] + svg["height"]  # the list follows the map
    assert hosts == {urlsplit(demo_site).netloc}


def test_points_are_named_links_and_the_map_can_be_skipped(demo_site, new_context):
    page = new_context(viewport=PHONE).new_page()
    page.goto(demo_site + MAP)
    svg = page.locator("figure.result-map svg")
    circles = svg.locator("circle").count()
    links = svg.get_by_role("link")
    assert circles > 0 and links.count() == circles
    first_name = svg.locator("a title").first.text_content() or ""
    assert svg.get_by_role("link", name=first_name, exact=True).count() >= 1
    assert page.get_by_role("group", name="Kaart van de gemeenten in Twente").count() == 1
    # Keyboard: the skip link appears when focused and jumps past every point.
    skip = page.locator(".skip-map")
    skip.focus()
    assert skip.bounding_box()["width"] > 24  # type: ignore[index]
    page.keyboard.press("Enter")
    assert page.url.endswith("#result-list")
    page.keyboard.press("Tab")
    focused = page.evaluate("document.activeElement.closest('#result-list') !== null")
    assert focused, "Tab after skipping the map should land in the list"
    # A point opens its provider, with the way back to the map.
    svg.get_by_role("link").first.click()
    page.wait_for_url("**/aanbieder/**")
    assert "weergave=kaart" in page.url
