"""Arabic for real (issue 17): every page type in Arabic, on a phone and a desktop, has no
axe violations, is right to left, and is the mirror image of the same page left to right."""

from __future__ import annotations

import pytest

from tests.browser.conftest import DESKTOP, PHONE
from tests.browser.pages import PAGE_TYPES, open_page
from tests.browser.test_accessibility import AXE, AXE_OPTIONS, violations_report
from tests.browser.test_layout import assert_no_overflow, probe, unfold

PAGES = pytest.mark.parametrize("page_type", PAGE_TYPES, ids=[p.name for p in PAGE_TYPES])
VIEWPORTS = pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["phone", "desktop"])


@PAGES
@VIEWPORTS
def test_arabic_pages_have_no_axe_violations(demo_site, shared_context, page_type, viewport):
    page = shared_context(viewport).new_page()
    try:
        open_page(page, demo_site, page_type, "ar")
        assert page.evaluate("[document.documentElement.lang, document.dir]") == ["ar", "rtl"]
        unfold(page)
        violations = AXE.run(page, options=AXE_OPTIONS).response["violations"]
        assert not violations, violations_report(violations)
    finally:
        page.close()


@PAGES
@VIEWPORTS
def test_arabic_pages_mirror_the_layout(demo_site, shared_context, page_type, viewport):
    """The Arabic page as served (rtl) against the same page turned ltr: every block box
    is the mirror image, nothing sticks out sideways."""
    page = shared_context(viewport).new_page()
    open_page(page, demo_site, page_type, "ar")
    unfold(page)
    assert_no_overflow(page, page_type.name)
    rtl = probe(page, "boxes")
    page.evaluate("document.documentElement.dir = 'ltr'")
    ltr = probe(page, "boxes")
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
