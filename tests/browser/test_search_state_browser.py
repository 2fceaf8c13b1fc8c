"""The state of a search in a real browser (issue 12): one request per search, the first
result on a phone's first screen, "Toon resultaten", history steps (chips too), the place
kept when saving, the shortlist after Back, the kinds of help that follow "voor wie", and
the way back from a provider page."""

from __future__ import annotations

import re

import pytest

from tests.browser.conftest import DESKTOP, PHONE

JS = pytest.mark.parametrize("javascript", [True, False], ids=["js", "no-js"])


def documents(page) -> list:  # type: ignore[no-untyped-def]
    """Record every page (document) request the page makes from now on."""
    found: list = []
    page.on("request", lambda r: found.append(r) if r.resource_type == "document" else None)
    return found


@JS
def test_the_start_form_opens_the_result_page_in_one_request(
    published_site, new_context, javascript
):
    page = new_context(viewport=PHONE, java_script_enabled=javascript).new_page()
    page.goto(f"{published_site}/")
    requests = documents(page)
    page.locator("#g").select_option("hengelo")
    page.get_by_label("Een kind of jongere").check()
    page.get_by_role("button", name="Zoeken").click()
    page.wait_for_url(re.compile(r"/zoeken\?"))
    page.wait_for_load_state("load")
    assert len(requests) == 1 and requests[0].response().status == 200  # no redirect
    if javascript:  # the empty fields left out: the result page's canonical link itself
        assert page.url == f"{published_site}/zoeken?g=hengelo&w=jeugd"
    canonical = page.locator("link[rel=canonical]").get_attribute("href")
    assert canonical.endswith("/zoeken?g=hengelo&w=jeugd")
    assert page.locator("#result-summary").inner_text().startswith("2 aanbieders")


@JS
@pytest.mark.parametrize(
    "search",
    [
        "w=jeugd&g=enschede",
        "g=enschede&w=jeugd&l=10&kenmerk=huisbezoek&t=autisme",
        "q=dyslexie&g=enschede",  # words: chips, two offers, the best-match order
        "q=hulp+in+huis+voor+mijn+moeder&g=hengelo",  # a word that found nothing, too
    ],
)
def test_the_first_result_is_on_the_first_screen_of_a_phone(
    demo_site, new_context, javascript, search
):
    page = new_context(viewport=PHONE, java_script_enabled=javascript).new_page()
    page.goto(f"{demo_site}/zoeken?{search}")
    page.wait_for_load_state("load")
    heading = page.locator("ol.results > li").first.locator("h3").bounding_box()
    assert heading["y"] + heading["height"] <= PHONE["height"], heading


@JS
def test_saving_keeps_the_visitors_place(demo_site, new_context, javascript):
    page = new_context(viewport=PHONE, java_script_enabled=javascript).new_page()
    page.goto(f"{demo_site}/zoeken?g=enschede")
    card = page.locator("ol.results > li").nth(5)
    name = card.locator("h3").inner_text()
    link = card.get_by_role("link", name=re.compile("^Zet op bewaarlijst"))
    link.scroll_into_view_if_needed()  # the visitor has scrolled down to it
    before = card.bounding_box()["y"]
    history = page.evaluate("history.length")
    link.click()
    page.wait_for_url(re.compile(r"b="))
    saved = page.locator("ol.results > li", has_text=name)
    saved.get_by_role("link", name=re.compile("^Haal van bewaarlijst")).wait_for()
    after = saved.bounding_box()["y"]
    if javascript:  # updated in place: the card has not moved, and no history step
        assert abs(after - before) < 2, (before, after)
        assert page.evaluate("history.length") == history
        assert page.evaluate("document.activeElement.textContent").startswith(
            "Haal van bewaarlijst"
        )
    else:  # a new page, opened at the card (#p-<id>)
        assert 0 <= after < 100, after
        assert saved.get_by_role("link", name=re.compile("^Haal van")).is_visible()


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


def test_every_filter_change_is_a_history_step_and_the_shortlist_is_not(demo_site, new_context):
    page = new_context(viewport=DESKTOP).new_page()
    page.goto(f"{demo_site}/zoeken?g=enschede")
    summary = page.locator("#result-summary")
    first = summary.inner_text()
    page.locator("input[name=kenmerk][value=huisbezoek]").check()
    page.wait_for_url(re.compile(r"kenmerk=huisbezoek"))
    page.locator("input[name=w][value=jeugd]").check()
    page.wait_for_url(re.compile(r"w=jeugd"))
    both = summary.inner_text()
    # Save one: the address changes, the history does not get a step.
    length = page.evaluate("history.length")
    page.locator("ol.results > li").first.get_by_role("link", name=re.compile("^Zet op")).click()
    page.wait_for_url(re.compile(r"b="))
    saved = re.search(r"b=([^&#]+)", page.url)[1]
    assert page.evaluate("history.length") == length
    # Back undoes the last filter change, and keeps the shortlist.
    page.go_back()
    page.wait_for_function("() => !location.search.includes('w=jeugd')")
    page.wait_for_function(
        "s => document.querySelector('#result-summary').innerText !== s", arg=both
    )
    assert "kenmerk=huisbezoek" in page.url and f"b={saved}" in page.url
    assert page.locator("input[name=w][value=jeugd]").is_checked() is False
    page.get_by_text("Uw bewaarlijst: 1 aanbieder").wait_for()
    page.go_back()
    page.wait_for_function("() => !location.search.includes('kenmerk')")
    page.wait_for_function(
        "s => document.querySelector('#result-summary').innerText === s", arg=first
    )
    assert f"b={saved}" in page.url
    page.go_forward()
    page.wait_for_function(
        "() => document.querySelector('input[name=kenmerk][value=huisbezoek]').checked"
    )
    assert "kenmerk=huisbezoek" in page.url


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
def test_the_kinds_of_help_follow_for_whom(demo_site, new_context, javascript):
    page = new_context(viewport=PHONE, java_script_enabled=javascript).new_page()
    page.goto(f"{demo_site}/")
    if javascript:  # a youth service chosen first is undone by "an adult"
        page.locator("#d").select_option("AMB-BEG")
    page.get_by_label("Een volwassene").check()
    shown = page.evaluate("""[...document.querySelectorAll('#d optgroup')].filter(
        g => getComputedStyle(g).display !== 'none' && !g.disabled).map(g => g.dataset.wet)""")
    assert shown and set(shown) == {"wmo"}
    if javascript:
        assert page.locator("#d").input_value() == ""
    page.get_by_label("Een kind of jongere").check()
    shown = page.evaluate("""[...document.querySelectorAll('#d optgroup')].filter(
        g => getComputedStyle(g).display !== 'none' && !g.disabled).map(g => g.dataset.wet)""")
    assert set(shown) == {"jeugd"}


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


def test_a_provider_saved_on_its_own_page_is_still_saved_after_back(demo_site, new_context):
    page = new_context(viewport=DESKTOP).new_page()
    page.goto(f"{demo_site}/zoeken?g=enschede")
    page.locator("ol.results h3 a").first.click()
    page.wait_for_url(re.compile(r"/aanbieder/"))
    length = page.evaluate("history.length")
    page.get_by_role("link", name="Zet op bewaarlijst").click()
    page.get_by_role("link", name="Haal van bewaarlijst").wait_for()
    assert "b=" in page.url and page.evaluate("history.length") == length  # not a step
    page.go_back()
    page.wait_for_url(re.compile(r"/zoeken\?"))
    page.get_by_text("Uw bewaarlijst: 1 aanbieder").wait_for()
    assert "b=" in page.url
