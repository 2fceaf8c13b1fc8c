"""The state of a search in a real browser (issue 12): the first result on a phone's first
screen, "Toon resultaten", chips as history steps, and the way back from a provider page."""

from __future__ import annotations

import re

import pytest

from tests.browser.conftest import DESKTOP, PHONE

JS = pytest.mark.parametrize("javascript", [True, False], ids=["js", "no-js"])


@JS
@pytest.mark.parametrize(
    "search", ["w=jeugd&g=enschede", "g=enschede&w=jeugd&l=10&kenmerk=huisbezoek&t=autisme"]
)
def test_the_first_result_is_on_the_first_screen_of_a_phone(
    demo_site, new_context, javascript, search
):
    page = new_context(viewport=PHONE, java_script_enabled=javascript).new_page()
    page.goto(f"{demo_site}/zoeken?{search}")
    page.wait_for_load_state("load")
    heading = page.locator("ol.results > li").first.locator("h3").bounding_box()
    assert heading["y"] + heading["height"] <= PHONE["height"], heading


def test_toon_resultaten_moves_focus_to_the_results_heading(demo_site, new_context):
    page = new_context(viewport=PHONE).new_page()
    page.goto(f"{demo_site}/zoeken?g=enschede")
    page.get_by_text("Filters (1").click()
    page.locator("input[name=kenmerk][value=huisbezoek]").check()
    page.wait_for_url(re.compile(r"kenmerk=huisbezoek"))
    page.get_by_role("button", name="Toon resultaten").click()
    page.wait_for_function("() => document.activeElement.id === 'results-heading'")
    assert page.locator("[data-filter-panel]").evaluate("d => d.open") is False  # folded again
    top = page.locator("#results-heading").evaluate("h => h.getBoundingClientRect().top")
    assert 0 <= top < PHONE["height"] / 2


def test_a_chip_removes_its_filter_as_a_history_step(demo_site, new_context):
    page = new_context(viewport=PHONE).new_page()
    page.goto(f"{demo_site}/zoeken?g=enschede&w=jeugd")
    assert page.get_by_text("Filters (2").is_visible()
    page.get_by_role("link", name="Haal weg: Enschede").click()
    page.wait_for_url(re.compile(r"zoeken\?w=jeugd$"))
    page.get_by_text("Filters (1").wait_for()
    assert page.evaluate("document.activeElement.id") == "results-heading"
    page.go_back()
    page.wait_for_url(re.compile(r"g=enschede"))
    page.get_by_text("Filters (2").wait_for()


@JS
def test_back_to_the_search_results_restores_the_whole_search(demo_site, new_context, javascript):
    page = new_context(viewport=DESKTOP, java_script_enabled=javascript).new_page()
    search = f"{demo_site}/zoeken?g=enschede&w=jeugd&l=10&sort=naam&p=2"
    page.goto(search)
    page.locator("ol.results h3 a").first.click()
    page.wait_for_url(re.compile(r"/aanbieder/"))
    page.get_by_role("link", name="Terug naar de zoekresultaten").click()
    page.wait_for_url(re.compile(r"/zoeken\?"))
    assert page.url == search
    assert page.locator(".pagination").inner_text().count("Pagina 2 van") == 1
