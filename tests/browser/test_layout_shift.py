"""Nothing moves while a page loads: the cumulative layout shift (the browser's own
`layout-shift` entries, as Core Web Vitals count them) stays at or below 0.05 on every
page type (tests/browser/pages.py), on a phone and on a desk."""

from __future__ import annotations

import pytest

from tests.browser.conftest import DESKTOP, PHONE
from tests.browser.pages import PAGE_TYPES, open_page

MAX_SHIFT = 0.05
# The shifts recorded since the page started, read once the page has settled (load, the
# deferred scripts, and a little time for anything they change).
LAYOUT_SHIFT = """() => new Promise(resolve => {
  const shifts = [];
  new PerformanceObserver(list => {
    for (const entry of list.getEntries()) {
      if (!entry.hadRecentInput) { shifts.push(entry.value); }
    }
  }).observe({type: 'layout-shift', buffered: true});
  setTimeout(() => resolve(shifts.reduce((a, b) => a + b, 0)), 600);
})"""


def layout_shift(page) -> float:  # type: ignore[no-untyped-def]
    """The page's cumulative layout shift so far."""
    page.wait_for_load_state("load")
    return float(page.evaluate(LAYOUT_SHIFT))


@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["phone", "desktop"])
@pytest.mark.parametrize("page_type", PAGE_TYPES, ids=[p.name for p in PAGE_TYPES])
def test_nothing_moves_while_the_page_loads(demo_site, new_context, page_type, viewport):
    # A fresh profile each time: no cached styles, as on a first visit.
    page = new_context(viewport=viewport).new_page()
    open_page(page, demo_site, page_type)
    shift = layout_shift(page)
    print(f"CLS {page_type.name} {viewport['width']}: {shift:.4f}")
    assert shift <= MAX_SHIFT, f"{page_type.name}: layout shift {shift:.3f}"


# Results shorter than the filter sidebar: none at all, or the part of a page a browser
# shows while the rest is still coming in (what made the results map jump, now and then).
SHORT_RESULTS = ["/zoeken?q=xyzzyqq", "/zoeken?q=xyzzyqq&lang=ar"]


@pytest.mark.parametrize("path", SHORT_RESULTS, ids=["nl", "ar"])
def test_on_a_desk_the_results_start_beside_the_top_of_the_sidebar(demo_site, new_context, path):
    page = new_context(viewport=DESKTOP).new_page()
    page.goto(demo_site + path)
    filters = page.locator(".results-layout > .filters").bounding_box()
    results = page.locator("#results").bounding_box()
    view_switch = page.locator("#view-slot").bounding_box()
    assert filters and results and view_switch
    assert results["height"] < filters["height"] / 2  # the case this is about
    # Below the (empty) list/map switch, not halfway down the sidebar.
    assert results["y"] - filters["y"] <= view_switch["height"] + 24, (results, filters)
