"""Every page type of the site, declared once: the accessibility, reflow and right-to-left
tests and bench/page_weight.py all walk this list. Add a page type with one line.

Paths assume the demo register (data/demo/register.xlsx, 300 fictional providers), which
the `demo_site` fixture and the benchmark serve."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class PageType:
    """A page to open: `path`, then (optionally) the first link matching `follow` on it."""

    name: str
    path: str
    follow: str | None = None
    status: int = 200


PAGE_TYPES = [
    PageType("start", "/"),
    PageType("results", "/zoeken?g=enschede"),
    PageType("no results", "/zoeken?g=almelo&d=AMB-BEG"),
    # 113 results in Hengelo: the map at its bound (100 providers), the list below it.
    PageType("results map", "/zoeken?g=hengelo&weergave=kaart"),
    PageType("provider", "/zoeken?g=enschede", follow="ol.results h3 a"),
    PageType("service", "/hulp/AMB-BEG"),
    PageType("services", "/hulp"),
    PageType("gemeente", "/gemeente/almelo"),
    PageType("indicator explanation", "/uitleg/cijfers"),
    # Three providers of the (deterministic) demo register contracted in Enschede.
    PageType("comparison", "/vergelijk?a=A00210&a=A00266&a=A00074&g=enschede"),
    PageType(
        "comparison for a service",
        "/vergelijk?a=A00210&a=A00266&a=A00074&a=A00001&g=losser&d=AMB-BEH",
    ),
    PageType(
        "conversation sheet", "/gesprek?a=A00210&a=A00266&a=A00074&a=A00001&g=losser&d=AMB-BEH"
    ),
    PageType("accessibility statement", "/toegankelijkheid"),
    PageType("open data", "/open-data"),
    # One import of 300 providers: every kind counted, the first 50 changes listed.
    PageType("register changes", "/wijzigingen"),
    PageType("provider 404", "/aanbieder/NOPE/x", status=404),
    PageType("404", "/nope", status=404),
]

# Measured by bench/page_weight.py beside every page type: a results page in Arabic
# (right to left, the longest script of the six).
EXTRA_BENCH_PAGES = [PageType("results (Arabic)", "/zoeken?g=enschede&lang=ar")]


def with_language(path: str, lang: str | None) -> str:
    """`path` with an explicit `lang=` choice added (None: the site's default)."""
    if not lang:
        return path
    return f"{path}{'&' if '?' in path else '?'}lang={lang}"


def open_page(page: Any, base_url: str, page_type: PageType, lang: str | None = None) -> None:
    """Load a page type in a Playwright page and check its status code."""
    response = page.goto(base_url + with_language(page_type.path, lang))
    if page_type.follow:
        with page.expect_navigation() as navigation:
            page.locator(page_type.follow).first.click()
        response = navigation.value
    status = response.status if response else None
    assert status == page_type.status, f"{page_type.name}: HTTP {status} at {page.url}"
