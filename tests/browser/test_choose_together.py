"""Choosing together (issue 16) in a real browser: the comparison about the searched help
at a desk and on a phone, the printed hand-out and conversation sheet (PDF pages counted
with pdfinfo, read with pdftotext), notes that live in the link only, and the details
that make it look professional."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path
from urllib.parse import unquote_plus

import pytest

from tests.browser.conftest import DESKTOP, PHONE, serve

FOUR = "a=A00210&a=A00266&a=A00074&a=A00001"
SERVICE = f"{FOUR}&g=losser&d=AMB-BEH"
NOTE = "vragen naar de wachttijd voor dyslexie-onderzoek"


def pdf_of(page, path: Path) -> tuple[int, str]:  # type: ignore[no-untyped-def]
    """Print the page to an A4 PDF: its number of pages (pdfinfo) and its text (pdftotext)."""
    page.pdf(path=str(path), format="A4")
    info = subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True, check=True)
    pages = int(re.search(r"^Pages:\s+(\d+)", info.stdout, re.M).group(1))  # type: ignore[union-attr]
    text = subprocess.run(
        ["pdftotext", str(path), "-"], capture_output=True, text=True, check=True
    ).stdout
    return pages, text


@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["phone", "desktop"])
def test_the_searched_help_comes_first(demo_site, shared_context, viewport):
    page = shared_context(viewport).new_page()
    page.goto(f"{demo_site}/vergelijk?{SERVICE}")
    assert page.locator("h1").inner_text() == "Aanbieders vergelijken voor ambulante behandeling"
    if viewport is PHONE:
        first = page.locator(".compare-card").first
        labels = first.locator("dt").all_inner_texts()
        assert first.locator("h3").first.inner_text() == "Ambulante behandeling"
    else:
        assert page.locator(".compare-stack").is_hidden()
        labels = page.locator("table.compare tbody th[scope=row]").all_inner_texts()
        sections = page.locator("table.compare tr.section th").all_inner_texts()
        assert sections[:2] == ["Ambulante behandeling", "Cijfers"]
    assert labels[0].startswith("Contract voor Ambulante behandeling in Losser")
    order = [label.split(" (")[0] for label in labels]
    assert order.index("Wachttijd") < order.index("Cliënttevredenheid")
    # The figures in words with the regional reference; n, period and source one tap away.
    figure = page.locator("details.cell-detail:visible").first
    assert figure.locator("p").is_hidden()
    figure.locator("summary").click()
    assert re.search(r"n = \d+, .+ bron: ", figure.locator("p").inner_text())
    # The access team of Losser, tap to call.
    assert page.locator("a.call[href^='tel:']").first.is_visible()
    page.close()


def test_four_providers_print_on_two_a4_pages_with_a_header(demo_site, new_context, tmp_path):
    page = new_context(viewport=DESKTOP).new_page()
    page.goto(f"{demo_site}/vergelijk?{SERVICE}")
    assert page.locator("[data-print]").is_visible()  # the print button
    pages, text = pdf_of(page, tmp_path / "vergelijking.pdf")
    assert pages <= 2, pages
    head = " ".join(text.split("\n", 3)[:3])
    assert "Kies je zorgaanbieder Twente · 23 november 2026" in head
    assert "Ambulante behandeling · gemeente Losser" in head
    assert "Demo: de aanbieders op deze site zijn verzonnen" in text
    flat = " ".join(text.split())
    assert "</" not in flat and "Toegankelijkheid · Zo leest u" not in flat  # no footer nav
    assert re.search(r"bron: \S+", flat)  # n, period and source on paper
    assert "Zo vraagt u de hulp aan" in flat and "Adres" in flat


@pytest.mark.parametrize("lang", [None, "en"], ids=["nl", "en"])
def test_the_conversation_sheet_is_one_a4(demo_site, new_context, tmp_path, lang):
    page = new_context(viewport=DESKTOP).new_page()
    page.goto(f"{demo_site}/gesprek?{SERVICE}" + ("&lang=en" if lang else ""))
    pages, text = pdf_of(page, tmp_path / "gesprek.pdf")
    assert pages == 1
    flat = " ".join(text.split())
    if lang:
        assert "Questions for the provider" in flat and "Vragen aan" not in flat
        assert "Call 053 - 537 74 00" in flat
    else:
        assert "Vragen aan de aanbieder" in flat and "Neem mee naar het wijkteam" in flat
        assert "Bel 053 - 537 74 00" in flat
    assert page.locator(".qr-code svg").is_visible()


class Recorder:
    """The app behind a recorder of everything the server receives: paths, query
    strings, headers and bodies."""

    def __init__(self, app):  # type: ignore[no-untyped-def]
        self.app, self.seen = app, []

    def __call__(self, environ, start_response):  # type: ignore[no-untyped-def]
        length = int(environ.get("CONTENT_LENGTH") or 0)
        body = environ["wsgi.input"].read(length) if length else b""
        headers = " ".join(f"{k}={v}" for k, v in environ.items() if k.startswith("HTTP_"))
        self.seen.append(
            " ".join([environ["PATH_INFO"], environ.get("QUERY_STRING", ""), headers])
            + body.decode("latin-1")
        )
        return self.app(environ, start_response)


def test_notes_live_in_the_link_only_and_are_printed(published_app, new_context, tmp_path):
    recorder = Recorder(published_app)
    with serve(recorder) as base:  # type: ignore[arg-type]
        page = new_context(viewport=DESKTOP).new_page()
        page.goto(f"{base}/vergelijk?a=T001&a=T004&g=enschede")
        page.get_by_label("Notitie bij Testpraktijk De Beuk (fictief)").fill(NOTE)
        assert NOTE in unquote_plus(page.evaluate("location.hash"))
        shared = page.locator("#share-link").input_value()
        assert NOTE in unquote_plus(shared.split("#", 1)[1])
        # Printed with the comparison.
        assert page.locator("table.compare td[data-note-text]").first.inner_text() == NOTE
        _, text = pdf_of(page, tmp_path / "notes.pdf")
        # (pdftotext joins a word broken at its hyphen: compare without hyphens)
        assert NOTE.replace("-", "") in " ".join(text.split()).replace("-", "")
        # The conversation sheet takes them along.
        page.get_by_role("link", name="Gesprekskaart voor het wijkteam of de aanbieder").click()
        page.wait_for_url(re.compile(r"/gesprek\?"))
        assert page.locator(".sheet-note").first.inner_text() == NOTE
        # The shared link alone, in a fresh browser, brings them back.
        fresh = new_context(viewport=PHONE).new_page()
        fresh.goto(shared)
        assert fresh.locator(".card-note").first.inner_text() == NOTE
        assert (
            fresh.get_by_label("Notitie bij Testpraktijk De Beuk (fictief)").input_value() == NOTE
        )
    assert len(recorder.seen) >= 4
    for seen in recorder.seen:
        assert "wachttijd" not in unquote_plus(seen) and "dyslexie-onderzoek" not in seen


def test_qr_code_on_a_desk_and_on_paper_not_on_a_phone(demo_site, shared_context):
    for viewport, shown in ((PHONE, False), (DESKTOP, True)):
        page = shared_context(viewport).new_page()
        page.goto(f"{demo_site}/vergelijk?{SERVICE}")
        assert page.locator(".qr-code svg").is_visible() is shown
        page.emulate_media(media="print")
        assert page.locator(".qr-code svg").is_visible()
        page.close()


def test_states_and_badges_are_words_and_icons_not_buttons(demo_site, shared_context):
    page = shared_context(DESKTOP).new_page()
    page.goto(f"{demo_site}/zoeken?g=enschede&kenmerk=nieuw")
    badge = page.locator(".badges li").first
    style = badge.evaluate(
        "el => [getComputedStyle(el).borderTopStyle, getComputedStyle(el).backgroundColor]"
    )
    assert style == ["none", "rgba(0, 0, 0, 0)"]  # no box: not like a button
    page.goto(f"{demo_site}/vergelijk?{SERVICE}")
    no = page.locator("table.compare .state-no").first
    yes = page.locator("table.compare .state-yes").first
    assert no.inner_text().startswith("✕") and yes.inner_text().startswith("✓")
    page.close()


WORDS_BROKEN = """() => {
  // Words of letters only that start on one line and end on another.
  const broken = [];
  const walker = document.createTreeWalker(document.querySelector('main'), NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    if (!node.parentElement.checkVisibility()) continue;
    for (const match of node.data.matchAll(/[\\p{L}]{2,}/gu)) {
      const range = document.createRange();
      range.setStart(node, match.index);
      range.setEnd(node, match.index + match[0].length);
      const tops = new Set([...range.getClientRects()].map(r => Math.round(r.top)));
      if (tops.size > 1) broken.push(match[0] + ' in ' + node.parentElement.tagName);
    }
  }
  return broken;
}"""


@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["phone", "desktop"])
@pytest.mark.parametrize("path", [f"/vergelijk?{SERVICE}", f"/gesprek?{SERVICE}", "/"])
def test_no_word_is_broken_without_a_hyphen(demo_site, shared_context, viewport, path):
    page = shared_context(viewport).new_page()
    page.goto(demo_site + path)
    page.evaluate("document.querySelectorAll('details').forEach(d => { d.open = true; })")
    assert page.evaluate(WORDS_BROKEN) == []
    page.close()


def test_start_page_radio_buttons_are_24_px(demo_site, shared_context):
    page = shared_context(PHONE).new_page()
    page.goto(demo_site + "/")
    sizes = page.locator("input[type=radio]").evaluate_all(
        "els => els.map(el => [el.getBoundingClientRect().width, el.getBoundingClientRect().height])"
    )
    assert sizes and all(size == [24, 24] for size in sizes), sizes
    page.close()
