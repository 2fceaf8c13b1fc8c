"""Choose and share in a real browser: shortlist -> comparison -> shared link -> print."""

from __future__ import annotations

import re
import subprocess

from babel.dates import format_date

from app.domain import clock
from tests.browser.conftest import DESKTOP, PHONE

NAMES = [
    "Testpraktijk De Beuk (fictief)",
    "Begeleiding Hengelo Alleen (fictief)",
    "Wmo Thuishulp Twente (fictief)",
]


def add_three_and_compare(page, base: str) -> None:
    page.goto(f"{base}/zoeken?sort=naam")
    for name in NAMES:
        page.get_by_role(
            "link", name=re.compile(rf"^Zet op bewaarlijst\W+{re.escape(name)}$")
        ).click()
        page.get_by_role(
            "link", name=re.compile(rf"^Haal van bewaarlijst\W+{re.escape(name)}$")
        ).wait_for()
    page.get_by_role("link", name="Vergelijk", exact=True).click()
    page.wait_for_url(re.compile(r"/vergelijk\?"))


def compared(page) -> list[str]:
    """The providers' names in the table head (read also where the table is not shown,
    as on a phone, where the providers are stacked instead)."""
    return [" ".join(t.split()) for t in page.locator("table.compare thead th").all_text_contents()]


def test_shortlist_compare_and_share_with_javascript(published_site, new_context):
    context = new_context(viewport=PHONE, permissions=["clipboard-read", "clipboard-write"])
    page = context.new_page()
    add_three_and_compare(page, published_site)
    assert [name.split(" Haal weg")[0] for name in compared(page)] == NAMES  # in the order added
    # This tab keeps the list; the device does not (nobody asked it to).
    assert page.evaluate("JSON.stringify(localStorage)") == "{}"
    page.get_by_role("button", name="Kopieer link").click()
    page.get_by_text("De link is gekopieerd.").wait_for()
    link = page.evaluate("navigator.clipboard.readText()")
    assert link == page.url
    # The link alone, in a fresh browser (nothing remembered there), gives the same comparison.
    fresh = new_context(viewport=DESKTOP).new_page()
    fresh.goto(link)
    assert compared(fresh) == compared(page)
    assert (
        fresh.locator("table.compare tbody").all_text_contents()
        == page.locator("table.compare tbody").all_text_contents()
    )
    # A search in a new tab does not get the list by itself.
    again = context.new_page()
    again.goto(f"{published_site}/zoeken")
    again.wait_for_timeout(300)
    assert "b=" not in again.url and "Uw bewaarlijst" not in again.content()


def test_shortlist_compare_and_share_without_javascript(published_site, new_context):
    page = new_context(viewport=DESKTOP, java_script_enabled=False).new_page()
    add_three_and_compare(page, published_site)
    assert len(compared(page)) == 3
    assert page.locator("[data-copy-link]").is_hidden()  # the button needs JavaScript...
    link = page.locator("#share-link").input_value()  # ...the link itself is there to select
    assert link == page.url
    fresh = new_context(viewport=PHONE, java_script_enabled=False).new_page()
    fresh.goto(link)
    assert compared(fresh) == compared(page)


def test_comparison_is_stacked_on_a_phone(published_site, new_context):
    page = new_context(viewport=PHONE).new_page()
    page.goto(f"{published_site}/vergelijk?a=T001&a=T002&a=T004")
    # Nothing hidden sideways: the providers one under the other, each with every row.
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    assert page.locator("table.compare").is_hidden()
    cards = page.locator(".compare-card")
    assert cards.count() == 3 and all(cards.nth(i).is_visible() for i in range(3))
    assert page.get_by_text("3 aanbieders, onder elkaar.").is_visible()
    assert cards.nth(2).locator("h2").inner_text() == "3/3 Wmo Thuishulp Twente (fictief)"
    rows = page.locator("table.compare tbody:not([data-notes-block]) th[scope=row]").count()
    assert cards.first.locator("dt").count() == rows
    assert page.evaluate("getComputedStyle(document.body).fontSize") == "16px"


def test_printed_comparison_has_providers_qr_and_dates_and_no_navigation(
    published_site, new_context, tmp_path
):
    page = new_context(viewport=DESKTOP).new_page()
    page.goto(f"{published_site}/vergelijk?a=T001&a=T002&a=T004")
    page.emulate_media(media="print")
    assert page.locator(".qr-code svg").is_visible()
    assert page.locator(".site-header").is_hidden()
    pdf = tmp_path / "vergelijking.pdf"
    page.pdf(path=str(pdf), format="A4")
    text = subprocess.run(
        ["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout
    flat = " ".join(text.split())
    for name in NAMES:
        assert name in flat
    today = format_date(clock.today(), "long", locale="nl")
    assert f"Afgedrukt op {today}" in flat  # the date printed
    assert "bijgewerkt op" in flat  # the register date
    assert "Scan deze code met uw telefoon" in flat  # the QR code's caption
    assert "</" not in flat and "</aanbieder" not in text  # no relative links on paper
    assert "https://www.beuk.example" in flat  # full addresses instead
    assert "English" not in flat and "Naar de inhoud" not in flat  # no navigation
