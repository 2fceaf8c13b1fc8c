"""The base layout and start page: content, status codes, privacy headers."""

from __future__ import annotations

import re

from tests.conftest import write_csv


def test_start_page_without_register_shows_an_empty_state(client):
    page = client.get("/")
    assert page.status_code == 200
    html = page.get_data(as_text=True)
    assert "Nog geen gegevens" in html
    assert "nog geen contractregister gepubliceerd" in html


def test_start_page_shows_what_is_published(published_client):
    html = published_client.get("/").get_data(as_text=True)
    # T001, T002 and T004 have an active contract today; T003 is suspended or ended.
    assert re.search(r"<strong>3</strong>\s*aanbieders met een lopend contract", html)
    assert re.search(r"<strong>4</strong>\s*soorten hulp", html)
    assert re.search(r"<strong>14</strong>\s*gemeenten", html)
    assert "bijgewerkt op" in html
    assert "verzonnen" not in html  # not a demo register


def test_demo_register_is_labelled_on_every_page(client, do_import, register_copy):
    write_csv(register_copy / "info.csv", [["sleutel", "waarde"], ["fictief", "ja"]])
    do_import(register_copy)
    for url in ("/", "/bestaat-niet"):
        html = client.get(url).get_data(as_text=True)
        assert "de aanbieders op deze site zijn verzonnen" in html
        assert 'class="demo-notice"' in html


def test_english_from_the_url_and_from_the_browser(published_client):
    english = published_client.get("/?lang=en").get_data(as_text=True)
    assert '<html lang="en" dir="ltr">' in english
    assert "providers with a current contract" in english
    browser = published_client.get("/", headers={"Accept-Language": "en-GB,en;q=0.8"})
    assert "Choose your care provider Twente" in browser.get_data(as_text=True)
    dutch = published_client.get("/?lang=nl", headers={"Accept-Language": "en"}).get_data(
        as_text=True
    )
    assert '<html lang="nl" dir="ltr">' in dutch


def test_unknown_page_is_a_friendly_404(client):
    page = client.get("/bestaat-niet")
    assert page.status_code == 404
    assert "Deze pagina bestaat niet" in page.get_data(as_text=True)


def test_pages_are_private_and_csp_strict(published_client):
    page = published_client.get("/")
    html = page.get_data(as_text=True)
    assert "Set-Cookie" not in page.headers
    assert "script-src 'self'" in page.headers["Content-Security-Policy"]
    # Scripts only as static files of the site itself; no inline script or style.
    scripts = re.findall(r"<script[^>]*>", html)
    assert len(scripts) == 1 and re.fullmatch(
        r'<script src="/static/js/site\.[0-9a-f]{12}\.js" defer>', scripts[0]
    )
    assert "style=" not in html and "<style" not in html
    # Nothing is loaded from another host: only plain links (to municipal websites) leave.
    assert not re.findall(r'(?:src)="https?://', html)
    assert not re.findall(r'<link[^>]+href="https?://(?!localhost/)', html)


def test_access_log_has_no_address_and_no_query(app):
    import logging

    from app.web.headers import AnonymousAccessLog

    record = logging.LogRecord(
        "werkzeug",
        logging.INFO,
        "",
        0,
        '192.168.1.20 - - [22/Nov/2026 10:00:00] "%s" %s %s',
        ("GET /?q=mijn+zoon+autisme HTTP/1.1", "200", "-"),
        None,
    )
    AnonymousAccessLog().filter(record)
    line = record.getMessage()
    assert "192.168" not in line and "autisme" not in line
    assert line == '"GET / HTTP/1.1" 200 -'


def test_accessibility_statement_in_the_dutch_model_form(client, app):
    html = client.get("/toegankelijkheid").get_data(as_text=True)
    for part in (
        "Toegankelijkheidsverklaring",
        "WCAG 2.1 op niveau AA",
        "C: eerste maatregelen genomen",
        "Datum van deze verklaring",
        "22 november 2026",
        "Hoe we testen",
        "Wat nog niet goed is",
        f"mailto:{app.config['ERROR_REPORT_EMAIL']}",
        "Nationale ombudsman",
    ):
        assert part in html, part
    assert 'href="/toegankelijkheid"' in client.get("/").get_data(as_text=True)  # on every page
    assert "Accessibility statement" in client.get("/toegankelijkheid?lang=en").get_data(
        as_text=True
    )


def test_open_data_page_explains_what_is_available(published_client):
    html = published_client.get("/open-data").get_data(as_text=True)
    for link in (
        "/api/v1/",
        "/api/v1/openapi.json",
        "/api/v1/export/contracten.csv",
        "/api/v1/export/kwaliteit.csv",
        "/api/v1/export/hsds.json",
    ):
        assert f'href="{link}"' in html and published_client.get(link).status_code == 200, link
    assert "CC0 1.0" in html and "gepubliceerd op" in html
    assert "Open data" in published_client.get("/open-data?lang=en").get_data(as_text=True)
