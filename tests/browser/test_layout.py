"""Layout in a real browser, on every page type (tests/browser/pages.py): reflow at
320 px, 200 % text, 24 px targets (WCAG 1.4.10, 1.4.4, 2.5.8) and right-to-left."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.browser.conftest import DESKTOP, PHONE
from tests.browser.pages import PAGE_TYPES, open_page

PROBES = (Path(__file__).parent / "layout.js").read_text(encoding="utf-8")
NARROW = {"width": 320, "height": 640}
PAGES = pytest.mark.parametrize("page_type", PAGE_TYPES, ids=[p.name for p in PAGE_TYPES])
LANGUAGES = pytest.mark.parametrize("lang", [None, "en"], ids=["nl", "en"])


def probe(page, name: str):  # type: ignore[no-untyped-def]
    """Run one of the layout probes of layout.js in the page."""
    return page.evaluate(f"({PROBES}).{name}()")


def unfold(page) -> None:  # type: ignore[no-untyped-def]
    """Open every <details> (the filter panel starts folded on a phone)."""
    page.evaluate("document.querySelectorAll('details').forEach(d => { d.open = true; })")


def assert_no_overflow(page, what: str) -> None:  # type: ignore[no-untyped-def]
    found = probe(page, "overflow")
    assert found["scrollWidth"] <= found["width"] + 1 and not found["out"], (what, found)


@PAGES
@LANGUAGES
def test_reflows_at_320_px_without_sideways_scrolling(demo_site, shared_context, page_type, lang):
    page = shared_context(NARROW).new_page()
    open_page(page, demo_site, page_type, lang)
    unfold(page)
    assert_no_overflow(page, page_type.name)
    page.close()


@PAGES
@LANGUAGES
def test_works_at_200_percent_text(demo_site, shared_context, page_type, lang):
    page = shared_context(DESKTOP).new_page()
    open_page(page, demo_site, page_type, lang)
    unfold(page)
    before = page.evaluate("parseFloat(getComputedStyle(document.querySelector('h1')).fontSize)")
    # Through the CSSOM, which a strict CSP allows (an injected <style> it would block).
    page.evaluate("document.documentElement.style.fontSize = '200%'")
    after = page.evaluate("parseFloat(getComputedStyle(document.querySelector('h1')).fontSize)")
    assert after == pytest.approx(2 * before)  # the text really grew: sizes are in rem/em
    assert_no_overflow(page, page_type.name)
    # The content is still there to read: heading and main text visible, nothing clipped.
    # (A text field scrolls its own value, like the share link: that is not clipping.)
    assert page.locator("h1").is_visible()
    clipped = page.evaluate("""[...document.querySelectorAll('main *')].filter(el =>
        !el.closest('.visually-hidden') && el.tagName !== 'INPUT'
        && ['hidden', 'clip'].includes(getComputedStyle(el).overflowX)
        && el.scrollWidth > el.clientWidth + 1).map(el => el.tagName + '.' + el.className)""")
    assert clipped == []
    page.close()


@PAGES
@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["phone", "desktop"])
def test_targets_are_24_px_or_spaced_apart(demo_site, shared_context, page_type, viewport):
    page = shared_context(viewport).new_page()
    open_page(page, demo_site, page_type)
    unfold(page)
    assert probe(page, "smallTargets") == []
    page.close()


@PAGES
@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["phone", "desktop"])
def test_right_to_left_mirrors_the_layout(demo_site, shared_context, page_type, viewport):
    """With dir="rtl" (as Arabic will have) every block box is the mirror image of its
    left-to-right box: only logical CSS properties (inline-start/end) do that."""
    page = shared_context(viewport).new_page()
    open_page(page, demo_site, page_type)
    unfold(page)
    ltr = probe(page, "boxes")
    page.evaluate("document.documentElement.dir = 'rtl'")
    assert_no_overflow(page, page_type.name)
    rtl = probe(page, "boxes")
    width = ltr["width"]
    assert rtl["width"] == width and len(rtl["boxes"]) == len(ltr["boxes"])
    not_mirrored = [
        f"{a['name']}: ltr [{a['left']:.0f}, {a['right']:.0f}] rtl [{b['left']:.0f}, {b['right']:.0f}]"
        for a, b in zip(ltr["boxes"], rtl["boxes"], strict=True)
        if abs(b["left"] - (width - a["right"])) > 1
        or abs(b["right"] - (width - a["left"])) > 1
        or abs(b["top"] - a["top"]) > 1
    ]
    assert not_mirrored == []
    page.close()


def test_the_target_probe_tells_crowded_small_targets_from_exempt_ones(shared_context):
    """The 2.5.8 check itself: small and crowded fails; small but spaced, big, or a link
    inside a sentence passes."""
    page = shared_context(DESKTOP).new_page()
    page.set_content("""<body>
      <p><a href="#" id="crowded1">a</a><a href="#" id="crowded2">b</a></p>
      <p><button>big enough button</button></p>
      <p>A sentence with <a href="#">an inline link</a> in it.</p>
      <ul><li><a href="#">spaced 1</a></li><li><a href="#">spaced 2</a></li></ul>
    </body>""")
    page.add_style_tag(content="button { height: 44px } li { padding-block: 0.5rem }")
    found = probe(page, "smallTargets")
    assert [entry.split('"')[1] for entry in found] == ["a", "b"]
    page.close()
