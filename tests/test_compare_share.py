"""Comparison, shortlist in links, sharing links, QR code and link previews."""

from __future__ import annotations

import re
from urllib.parse import parse_qsl, unquote

import pytest
from werkzeug.datastructures import MultiDict

from app.search import live_reference
from app.search.params import canonical_query, parse


def page(client, url: str, status: int = 200) -> str:
    response = client.get(url)
    assert response.status_code == status, (url, response.status_code)
    assert "Set-Cookie" not in response.headers
    return response.get_data(as_text=True)


def columns(html: str) -> list[str]:
    head = html[html.index("<thead>") : html.index("</thead>")]
    return re.findall(r'<th scope="col"><a href="[^"]+">(?:<bdi>)?([^<]+)(?:</bdi>)?</a>', head)


def row(html: str, label: str) -> str:
    start = html.index(f'<th scope="row">{label}')
    return html[html.rindex("<tr", 0, start) : html.index("</tr>", start)]


def test_comparison_side_by_side_marks_differences(published_client):
    html = page(published_client, "/vergelijk?a=T004&a=T001&a=T002")
    assert columns(html) == [
        "Wmo Thuishulp Twente (fictief)",
        "Testpraktijk De Beuk (fictief)",
        "Begeleiding Hengelo Alleen (fictief)",
    ]  # in the order chosen
    assert 'class="differs"' in row(html, "Leeftijd") and "(verschilt)" in row(html, "Leeftijd")
    assert "18 tot en met 120 jaar" in row(html, "Leeftijd")
    # T001's drop-out has n = 6: no number, as everywhere.
    uitval = row(html, "Uitval")
    assert "te weinig gegevens (n = 6)" in uitval and "5\u00a0%" not in uitval
    assert "Spreekt" not in row(html, "Talen") and "Turks" in row(html, "Talen")
    same = page(published_client, "/vergelijk?a=T001&a=T004")
    assert 'class="differs"' not in row(same, "Hulp op afstand")  # both: ja


def test_comparison_limits_and_unknown_or_ended_providers(published_client):
    html = page(published_client, "/vergelijk?a=T001&a=T003&a=NOPE")
    assert columns(html) == ["Testpraktijk De Beuk (fictief)"]
    assert "Onbekende aanbieder: NOPE" in html
    assert "<bdi>Zorgcollectief Opgeschort (fictief)</bdi> heeft nu geen contract" in html
    chosen = ("T001", "T002", "T004", "X1", "X2", "X3")
    many = page(published_client, "/vergelijk?" + "&".join(f"a={i}" for i in chosen))
    assert "U kunt hoogstens 4 aanbieders vergelijken. 2 aanbieders zijn weggelaten" in many
    assert "Onbekende aanbieder: X1" in many and "Onbekende aanbieder: X2" not in many
    empty = page(published_client, "/vergelijk")
    assert "Er staan geen aanbieders om te vergelijken" in empty


def test_comparison_shares_as_link_mail_whatsapp_and_qr(published_client):
    html = page(published_client, "/vergelijk?a=T001&a=T004&g=almelo&lang=en")
    link = "http://localhost/vergelijk?a=T001&amp;a=T004&amp;g=almelo&amp;lang=en"
    assert f'<input id="share-link" type="url" readonly value="{link}"' in html
    assert f'<link rel="canonical" href="{link}">' in html
    assert f'<meta property="og:url" content="{link}">' in html
    assert (
        '<meta property="og:title" content="Compare: Testpraktijk De Beuk (fictief), Wmo Thuishulp Twente (fictief)'
        in html
    )
    assert 'name="twitter:card" content="summary"' in html
    assert (
        'href="mailto:?subject=' in html and "http%3A%2F%2Flocalhost%2Fvergelijk%3Fa%3DT001" in html
    )
    assert re.search(r'href="https://wa\.me/\?text=[^"]+localhost%2Fvergelijk', html)
    assert re.search(
        r'<svg role="img" aria-label="QR code of the link to this page"[^>]*class="qr"', html
    )
    assert "style=" not in html and "<script>" not in html


def test_shortlist_lives_in_the_search_link(published_client):
    html = page(published_client, "/zoeken?g=almelo&b=T004")
    assert "Uw bewaarlijst: 1 aanbieder" in html and 'href="/vergelijk?a=T004&amp;g=almelo"' in html
    # The link opens the page again at the card (#p-<id>), so the visitor keeps their place.
    assert 'href="/zoeken?g=almelo#p-T004" data-shortlist-change>Haal van bewaarlijst' in html
    assert '<li class="result" id="p-T004">' in html
    assert '<input type="hidden" name="b" value="T004">' in html  # kept when filtering
    assert 'href="/aanbieder/T004/wmo-thuishulp-twente-fictief?g=almelo&amp;b=T004"' in html
    html = page(published_client, "/zoeken?b=T004&b=T001")
    assert 'href="/vergelijk?a=T004&amp;a=T001"' in html  # the order of adding is kept
    provider = page(published_client, "/aanbieder/T002/begeleiding-hengelo-alleen-fictief?b=T004")
    assert (
        'href="/aanbieder/T002/begeleiding-hengelo-alleen-fictief?b=T004&amp;b=T002#bewaren" data-shortlist-change>Zet op bewaarlijst'
        in provider
    )
    assert 'href="/vergelijk?a=T004">Vergelijk uw bewaarlijst (1)' in provider


def test_provider_page_has_share_links_and_a_qr_code(published_client):
    html = page(published_client, "/aanbieder/T001/testpraktijk-de-beuk-fictief?g=enschede")
    assert 'value="http://localhost/aanbieder/T001/testpraktijk-de-beuk-fictief"' in html
    assert 'class="qr"' in html and "Scan deze code" in html
    assert '<meta property="og:title" content="Testpraktijk De Beuk (fictief)' in html
    assert 'content="Behandelingen voor kinderen met dyslexie."' in html  # og:description


def test_compared_figures_in_plain_words_with_n_period_and_source_one_tap_away(published_client):
    html = page(published_client, "/vergelijk?a=T001&a=T004")
    satisfaction = row(html, "Cliënttevredenheid")
    assert "88 van 100 cliënten tevreden" in satisfaction  # 87,5 %, in words
    assert "cijfer 8,1 uit 10" in satisfaction  # a mark stays a mark
    details = re.findall(
        r'<details class="cell-detail no-print"><summary>Meer over dit cijfer</summary><p>([^<]+)</p>',
        satisfaction,
    )
    assert details == [
        "Over Ernstige dyslexie. n = 40, 1 jan 2025 – 31 dec 2025, bron: Cliëntervaringsonderzoek 2025 (fictief)",
        "Over de hele aanbieder. n = 120, 1 jan 2024 – 31 dec 2024, bron: Cliëntervaringsonderzoek 2024 (fictief)",
    ]
    # ...and the same details written out for paper.
    assert satisfaction.count('<span class="print-only cell-detail-print">Over ') == 2


def test_comparison_about_the_searched_service_and_gemeente(published_client):
    html = page(published_client, "/vergelijk?a=T001&a=T004&g=enschede&d=AMB-DYS")
    assert "<h1>Aanbieders vergelijken voor ernstige dyslexie</h1>" in html
    sections = re.findall(r'<th scope="colgroup" colspan="3">([^<]+)</th>', html)
    assert sections == ["Ernstige dyslexie", "Cijfers", "Voor wie en hoe", "Contact en aanvragen"]
    contract = row(html, "Contract voor Ernstige dyslexie in Enschede")
    assert "✓</span> ja</span>" in contract and "✕</span> nee</span>" in contract
    assert html.index("Contract voor Ernstige dyslexie") < html.index("Cliënttevredenheid")
    assert "Andere hulp in Enschede" in html
    assert "Beukenlaan 12, 7511 AB Enschede" in row(html, "Adres")
    assert 'href="tel:0850000001">085 000 0001</a>' in row(html, "Telefoon")
    # An address wraps between its parts, never inside a word.
    assert 'href="mailto:info@beuk.example">info@<wbr>beuk.<wbr>example</a>' in row(html, "E-mail")
    assert "Jeugdhulp: via het wijkteam" in row(html, "Zo vraagt u de hulp aan")
    assert "4 weken (gemeten 1 okt 2026, bron: contractregister, oud)" in row(html, "Wachttijd")
    # The links keep the service: to the conversation sheet, back to the search.
    assert 'href="/gesprek?a=T001&amp;a=T004&amp;g=enschede&amp;d=AMB-DYS"' in html
    assert 'href="/zoeken?g=enschede&amp;d=AMB-DYS&amp;b=T001&amp;b=T004"' in html
    # "How do I get this help": the access team of the gemeente, tap to call where known.
    losser = page(published_client, "/vergelijk?a=T001&g=losser&d=AMB-DYS")
    assert re.search(
        r'<a class="call" href="tel:\+?\d+">Bel <bdi>053 - 537 74 00</bdi></a>', losser
    )


def test_comparison_ignores_an_unknown_service_or_gemeente_with_a_notice(published_client):
    html = page(published_client, "/vergelijk?a=T001&d=NOPE&g=atlantis")
    assert "„NOPE” kennen we niet" in html and "„atlantis” kennen we niet" in html
    assert "Contract voor" not in html and columns(html) == ["Testpraktijk De Beuk (fictief)"]


def test_the_shortlist_bar_carries_the_searched_service_to_the_comparison(published_client):
    html = page(published_client, "/zoeken?g=enschede&d=AMB-DYS&b=T001")
    assert 'href="/vergelijk?a=T001&amp;g=enschede&amp;d=AMB-DYS"' in html


def test_conversation_sheet_in_dutch_and_english(published_client):
    html = page(published_client, "/gesprek?a=T001&a=T004&g=losser&d=AMB-DYS")
    assert "<h1>Gesprekskaart: Ernstige dyslexie</h1>" in html
    assert "Hoe lang moet ik wachten tot de hulp begint?" in html
    assert "Neem mee naar het wijkteam" in html
    assert "Testpraktijk De Beuk (fictief)" in html and "Wmo Thuishulp Twente (fictief)" in html
    assert 'href="tel:0850000001"' in html
    # The access team, tap to call (its number as data/reference/gemeenten.yaml has it).
    assert re.search(r'<a class="call" href="tel:\+?\d+">Bel <bdi>053 - 537 74 00</bdi></a>', html)
    assert 'aria-label="QR-code van de link naar de vergelijking"' in html
    english = page(published_client, "/gesprek?a=T001&g=hengelo&d=AMB-DYS&lang=en")
    assert "<h1>Conversation sheet: Severe dyslexia</h1>" in english
    assert "How long do I have to wait before the help starts?" in english
    assert "Hoe lang" not in english
    empty = page(published_client, "/gesprek")
    assert "Er staan geen aanbieders in deze link." in empty


def test_the_search_twin_gives_the_provider_shape_plus_matching_services(published_client):
    twin = published_client.get("/api/v1/providers?g=almelo").get_json()["data"]
    document = published_client.get("/api/v1/openapi.json").get_json()
    shape = document["components"]["schemas"]["Provider"]
    assert all(set(r) == set(shape["properties"]) for r in twin)
    assert next(r for r in twin if r["id"] == "T004")["diensten"] == ["WMO-OB2", "WMO-HO"]
    assert next(r for r in twin if r["id"] == "T004")["diensten"] == ["WMO-OB2", "WMO-HO"]


@pytest.mark.parametrize(
    "search",
    [
        "",
        "g=almelo",
        "q=begeleiding+%26+thuis&b=T004",
        "g=enschede&b=T004&lang=en",
        "b=T001&lang=tr",
    ],
)
def test_every_put_on_link_is_the_canonical_search_with_that_provider_added(
    published_app, published_client, search
):
    """The link is made from parts computed once per page; it must be the very string
    `canonical_query` makes for the search with that provider added."""
    html = page(published_client, f"/zoeken?{search}")
    added = re.findall(r'href="/zoeken\?([^"#]*)#p-([^"]+)" data-shortlist-change>', html)
    with published_app.test_request_context():
        ref = live_reference()
        args = MultiDict(parse_qsl(search))
        params = parse(args, ref)
        put_on = [(q, unquote(card)) for q, card in added if unquote(card) not in params.b]
        assert put_on, "the page has cards to put on the shortlist"
        for query, card in put_on:
            expected = canonical_query(params, ref, lang=args.get("lang"), b=[*params.b, card])
            assert query.replace("&amp;", "&") == expected
