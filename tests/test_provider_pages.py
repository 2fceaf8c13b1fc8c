"""Provider, service, gemeente and explanation pages, and their JSON twins."""

from __future__ import annotations

import datetime as dt
import re
from collections import defaultdict

from hypothesis import given, settings
from hypothesis import strategies as st
from sqlalchemy import select, text

from app.domain import clock
from app.domain.figures import Figure, show
from app.domain.models import Contract
from app.domain.provider_detail import Dates
from app.domain.quality import FigureRow, Reference
from app.extensions import db
from tests.conftest import VALID, read_csv, write_csv


def html_of(client, url: str, status: int = 200) -> str:
    response = client.get(url)
    assert response.status_code == status, (url, response.status_code)
    return response.get_data(as_text=True)


def block(html: str, heading: str) -> str:
    """The part of the quality block under one indicator heading."""
    start = html.index(f"<h3>{heading}")
    end = html.find('<div class="figure-row">', start)
    return html[start : end if end > 0 else None]


def test_provider_link_is_stable_and_the_slug_is_corrected(published_client):
    response = published_client.get("/aanbieder/T001?g=enschede")
    assert response.status_code == 301
    assert response.location == "/aanbieder/T001/testpraktijk-de-beuk-fictief?g=enschede"
    assert (
        published_client.get("/aanbieder/T001/wrong-name").location
        == "/aanbieder/T001/testpraktijk-de-beuk-fictief"
    )
    html = html_of(published_client, "/aanbieder/T001/testpraktijk-de-beuk-fictief")
    assert "<h1><bdi>Testpraktijk De Beuk (fictief)</bdi></h1>" in html


def test_every_state_of_the_quality_block(published_client):
    t001 = html_of(published_client, "/aanbieder/T001/testpraktijk-de-beuk-fictief")
    satisfaction = block(t001, "Cliënttevredenheid")  # 87,5 % for AMB-DYS, n = 40
    assert "<strong>87,5\u00a0%</strong>" in satisfaction and "n = 40" in satisfaction
    assert "Ernstige dyslexie" in satisfaction and "Hoger is beter." in satisfaction
    assert (
        'class="bar-value"' in satisfaction
        and "bron: Cliëntervaringsonderzoek 2025 (fictief)" in satisfaction
    )
    dropout = block(t001, "Uitval")  # n = 6: below the minimum, no number
    assert "Te weinig gegevens (n = 6)" in dropout and "Lager is beter." in dropout
    assert "<strong>" not in dropout and "bar-value" not in dropout
    goals = block(t001, "Doelrealisatie")  # not measured: no data, never 0
    assert "Geen gegevens" in goals and "0\u00a0%" not in goals
    t002 = html_of(published_client, "/aanbieder/T002/begeleiding-hengelo-alleen-fictief")
    assert "Let op: oud cijfer." in block(t002, "Doelrealisatie")  # period ended 2023-12-31
    assert "oud cijfer" not in t001


def test_regional_reference_is_the_median_of_other_providers(demo_client, demo_db):
    expected = _independent_medians(minimum_n=10)
    checked = 0
    for aid in db.session.scalars(text("SELECT id FROM aanbieder ORDER BY id LIMIT 60")):
        for row in demo_client.get(f"/api/v1/providers/{aid}").get_json()["data"]["cijfers"]:
            if "eenheid" in row and "regio_mediaan" in row:
                key = (row["indicator"], row["dienst"], row["eenheid"])
                assert row["regio_mediaan"]["waarde"] == expected[key][0], key
                assert row["regio_mediaan"]["aanbieders"] == expected[key][1], key
                checked += 1
    assert checked > 20


def _independent_medians(minimum_n: int) -> dict:
    """Straight from the table: newest figure per provider, indicator and service."""
    rows = db.session.execute(
        text(
            "SELECT k.aanbieder_id, k.indicator_code, k.dienst_code, k.eenheid, k.waarde, k.aantal, k.periode_tot "
            "FROM kwaliteitscijfer k JOIN aanbieder a ON a.id = k.aanbieder_id "
            "WHERE a.uit_register_sinds IS NULL ORDER BY k.periode_tot"
        )
    ).all()
    newest = {}
    for aid, indicator, dienst, eenheid, waarde, aantal, _ in rows:  # later periods overwrite
        newest[(aid, indicator, dienst)] = (eenheid, waarde, aantal)
    groups = defaultdict(list)
    for (_, indicator, dienst), (eenheid, waarde, aantal) in newest.items():
        if aantal >= minimum_n:
            groups[(indicator, dienst, eenheid)].append(waarde)
    medians = {}
    for key, values in groups.items():
        values.sort()
        middle = len(values) // 2
        median = values[middle] if len(values) % 2 else (values[middle - 1] + values[middle]) / 2
        medians[key] = (median, len(values))
    return medians


def test_contract_table_matches_the_register(demo_client, demo_db):
    today = clock.today()
    active = defaultdict(set)
    for contract in db.session.scalars(select(Contract)):
        if contract.is_actief_op(today):
            active[(contract.aanbieder_id, contract.dienst_code)].update(
                g.gemeente_cbs for g in contract.gemeenten
            )
    for aid in sorted({aid for aid, _ in active})[:40]:
        data = demo_client.get(f"/api/v1/providers/{aid}").get_json()["data"]
        shown = {(aid, s["code"]): set(s["gemeenten"]) for s in data["diensten"]}
        assert shown == {key: value for key, value in active.items() if key[0] == aid}
        html = html_of(demo_client, data["pad"])
        for service in data["diensten"]:
            assert f'href="/hulp/{service["code"]}"' in html


def test_provider_without_contract_keeps_its_page(published_client):
    html = html_of(published_client, "/aanbieder/T003/zorgcollectief-opgeschort-fictief")
    # Suspended contract (no end) and one ended on 31-12-2023: since 1 January 2024.
    assert "geen contract meer" in html and "1 januari 2024" in html
    assert 'href="/zoeken"' in html and "Locaties" in html
    assert "Het register noemt geen locatie" in html


def test_provider_that_left_the_register_keeps_its_page(client, do_import, register_copy):
    do_import(VALID)
    rows = read_csv(register_copy / "aanbieders.csv")
    write_csv(register_copy / "aanbieders.csv", [r for r in rows if r[0] != "T002"])
    for sheet in ("contracten", "locaties", "kwaliteit"):
        rows = read_csv(register_copy / f"{sheet}.csv")
        write_csv(register_copy / f"{sheet}.csv", [r for r in rows if r[0] != "T002"])
    assert do_import(register_copy).outcome == "gepubliceerd"
    html = html_of(client, "/aanbieder/T002/begeleiding-hengelo-alleen-fictief")
    assert f"sinds {clock.today().day}" in html and "Zoek een andere aanbieder" in html
    assert client.get("/api/v1/providers/T002").get_json()["data"]["gecontracteerd"] is False


def test_unknown_provider_gets_a_helpful_404(published_client):
    html = html_of(published_client, "/aanbieder/T999/testpraktijk-beuk", status=404)
    assert "Deze aanbieder kennen wij niet" in html and 'role="search"' in html
    assert "Testpraktijk De Beuk (fictief)" in html  # suggested from the words in the link
    response = published_client.get("/api/v1/providers/T999")
    assert response.status_code == 404 and "T999" in response.get_json()["error"]["message"]


def test_contact_location_and_how_to_get_help(published_client, published_app):
    t001 = html_of(published_client, "/aanbieder/T001/testpraktijk-de-beuk-fictief?g=enschede")
    assert 'href="tel:0850000001"' in t001 and 'href="mailto:info@beuk.example"' in t001
    assert "Beukenlaan 12, 7511 AB Enschede" in t001 and 'href="geo:52.2215,6.8937' in t001
    assert "Het wijkteam van Enschede" in t001 and "huisarts" in t001  # youth help: GP referral too
    assert "HKZ, ISO 9001" in t001 and "gehaald op 1 maart 2025" in t001
    report = re.search(r'href="(mailto:[^"]+)">Klopt er iets niet', t001)[1]
    assert report.startswith(f"mailto:{published_app.config['ERROR_REPORT_EMAIL']}?subject=")
    assert "T001" in report and "aanbieder%2FT001" in report.replace("/", "%2F")
    t002 = html_of(published_client, "/aanbieder/T002/begeleiding-hengelo-alleen-fictief")
    assert "geen contactgegevens" in t002 and 'name="g"' in t002  # choose a gemeente for its team
    t004 = html_of(published_client, "/aanbieder/T004/wmo-thuishulp-twente-fictief?lang=en")
    assert "You apply for Wmo support" in t004 and "Updated from the contract register" in t004


@settings(max_examples=60, deadline=None)
@given(
    waarde=st.floats(min_value=0, max_value=100, allow_nan=False),
    aantal=st.integers(0, 30),
    eenheid=st.sampled_from(["procent", "cijfer"]),
)
def test_no_number_is_ever_rendered_below_the_minimum_n(published_app, waarde, aantal, eenheid):
    from flask import render_template_string

    from app.web.display import figure_text

    waarde = round(waarde / 10, 1) if eenheid == "cijfer" else round(waarde, 1)
    figure = Figure(
        "uitval", None, waarde, eenheid, aantal, dt.date(2025, 1, 1), dt.date(2025, 12, 31), "bron"
    )
    row = FigureRow(
        "uitval",
        None,
        False,
        show(figure, minimum_n=10, today=dt.date(2026, 6, 1)),
        Reference(50.0, 12),
    )
    detail = type("Detail", (), {"figures": [row], "dates": Dates(), "figures_checked": None})()
    with published_app.test_request_context("/"):
        html = render_template_string('{% include "_quality.html" %}', detail=detail, minimum_n=10)
        shown = figure_text(figure)
    if aantal < 10:
        assert f"Te weinig gegevens (n = {aantal})" in html
        assert "<strong>" not in html and "bar-value" not in html and f">{shown}<" not in html
    else:
        assert f"<strong>{shown}</strong>" in html


def test_service_page_and_its_twin(demo_client):
    html = html_of(demo_client, "/hulp/AMB-BEG")
    assert "<h1>Ambulante begeleiding</h1>" in html and "Jeugdwet" in html
    assert 'href="/zoeken?d=AMB-BEG"' in html
    own = html[html.index("zelf inkopen") :]
    assert "Almelo: koopt zelf in" in own and "Hengelo: koopt deels zelf in" in own
    data = demo_client.get("/api/v1/services/AMB-BEG").get_json()["data"]
    almelo = next(g for g in data["gemeenten"] if g["slug"] == "almelo")
    assert almelo["deelname"] == "lokaal" and data["wet"] == "jeugd"
    enschede = next(g for g in data["gemeenten"] if g["slug"] == "enschede")
    search = demo_client.get("/api/v1/providers?g=enschede&d=AMB-BEG").get_json()
    assert enschede["aanbieders"] == search["meta"]["total"]
    assert demo_client.get("/hulp/NOPE").status_code == 404
    assert demo_client.get("/api/v1/services/NOPE").status_code == 404


def test_gemeente_page_and_its_twin(demo_client):
    html = html_of(demo_client, "/gemeente/almelo")
    assert "Het wijkteam van Almelo" in html and 'href="https://www.almelo.nl"' in html
    own = html[html.index("Hulp die Almelo zelf inkoopt") :]
    assert "Ambulante begeleiding" in own
    assert 'href="/zoeken?g=almelo"' in html
    data = demo_client.get("/api/v1/gemeenten/almelo").get_json()["data"]
    search = demo_client.get("/api/v1/providers?g=almelo").get_json()
    assert data["aanbieders"] == search["meta"]["total"]
    assert {s["code"] for s in data["diensten"] if s["deelname"] == "lokaal"} >= {"AMB-BEG"}
    assert demo_client.get("/gemeente/atlantis").status_code == 404


def test_indicator_explanation_in_both_languages(published_client):
    assert "Zo leest u de cijfers" in html_of(published_client, "/uitleg/cijfers")
    english = html_of(published_client, "/uitleg/cijfers?lang=en")
    assert "How to read the figures" in english and "Drop-out" in english


def test_odd_provider_links_are_a_404_not_an_error(published_client):
    for key in ("/".join(["x"] * 500), "%00", "..%2F..%2Fetc", "T999/" + "a" * 5000):
        assert published_client.get(f"/aanbieder/{key}").status_code == 404, key[:20]
    for key in ("%00", "T%00", "x" * 41):
        assert published_client.get(f"/api/v1/providers/{key}").status_code == 404, key[:20]
    compared = published_client.get("/vergelijk?a=T%00x&a=T001")
    assert compared.status_code == 200 and "Onbekende aanbieder" in compared.get_data(as_text=True)
    for key in ("T001/" + "a" * 5000, "T001/x/y/z"):  # a known id with a wrong slug
        response = published_client.get(f"/aanbieder/{key}")
        assert response.status_code == 301, key[:20]
        assert response.location == "/aanbieder/T001/testpraktijk-de-beuk-fictief"


def test_report_link_is_in_the_visitors_language(published_client):
    english = html_of(published_client, "/aanbieder/T001/testpraktijk-de-beuk-fictief?lang=en")
    report = re.search(r'href="(mailto:[^"]+)">Something wrong', english)[1]
    assert "Error%20on%20the%20page%20of" in report and "What%20is%20wrong%3F" in report


# --- Where the visitor came from (issue 12) --------------------------------------------

T002 = "/aanbieder/T002/begeleiding-hengelo-alleen-fictief"  # AMB-BEG in Hengelo only


def test_a_provider_not_contracted_for_the_searched_help_says_so_at_the_top(published_client):
    html = html_of(published_client, f"{T002}?g=enschede&d=AMB-BEG")
    notice = "Let op: deze aanbieder heeft geen contract voor ambulante begeleiding in Enschede."
    assert notice in html
    assert html.index(notice) < html.index('id="contact-heading"')  # at the top
    assert "Let op: deze aanbieder heeft geen contract voor Wmo-ondersteuning in Hengelo." in (
        html_of(published_client, f"{T002}?g=hengelo&w=wmo")
    )
    for fits in ("g=hengelo&d=AMB-BEG", "g=hengelo", "w=jeugd", "q=autisme", ""):
        assert "Let op: deze aanbieder heeft geen contract" not in html_of(
            published_client, f"{T002}?{fits}"
        ), fits


def test_a_provider_whose_contracts_ended_cannot_be_saved_and_takes_no_clients(published_client):
    html = html_of(published_client, "/aanbieder/T003/zorgcollectief-opgeschort-fictief?g=enschede")
    assert "geen contract meer" in html
    assert "Zet op bewaarlijst" not in html
    assert "Nieuwe cliënten" not in html and "Wachttijd" not in html
    # Its (ended) contracts were youth help: the youth route, not the Wmo one.
    assert "huisarts" in html and "Wmo-ondersteuning vraagt u aan" not in html
    # Already on the shortlist: it can still be taken off.
    saved = html_of(published_client, "/aanbieder/T003/zorgcollectief-opgeschort-fictief?b=T003")
    assert "Haal van bewaarlijst" in saved and "Zet op bewaarlijst" not in saved


def test_the_route_to_help_matches_the_law(published_client):
    youth = html_of(published_client, "/aanbieder/T001/testpraktijk-de-beuk-fictief")
    assert "huisarts" in youth and "Wmo-ondersteuning vraagt u aan" not in youth
    wmo = html_of(published_client, "/aanbieder/T004/wmo-thuishulp-twente-fictief")
    assert "Wmo-ondersteuning vraagt u aan" in wmo and "huisarts" not in wmo


def test_back_to_the_results_restores_the_whole_search(published_client):
    search = "q=dyslexie&g=enschede&l=10&sort=naam&b=T004&lang=en"
    results = html_of(published_client, f"/zoeken?{search}")
    link = re.search(r'<h3><a href="(/aanbieder/T001/[^"]+)">', results)[1].replace("&amp;", "&")
    assert link == f"/aanbieder/T001/testpraktijk-de-beuk-fictief?{search}"
    provider = html_of(published_client, link)
    back = re.search(
        r'<a href="([^"]+)"><span aria-hidden="true">← </span>Back to the search results', provider
    )
    assert back and back[1].replace("&amp;", "&") == f"/zoeken?{search}"
    # The page's own link (canonical, shared, QR) stays the provider's stable link.
    assert (
        '<link rel="canonical" href="http://localhost/aanbieder/T001/testpraktijk-de-beuk-fictief?lang=en">'
        in provider
    )
    # Saving keeps the search; choosing a gemeente for its team keeps the rest.
    assert (
        'href="/aanbieder/T001/testpraktijk-de-beuk-fictief?q=dyslexie&amp;g=enschede&amp;l=10&amp;sort=naam&amp;b=T004&amp;b=T001&amp;lang=en#bewaren"'
        in provider
    )
    alone = html_of(
        published_client, "/aanbieder/T001/testpraktijk-de-beuk-fictief?q=dyslexie&b=T004"
    )
    assert (
        '<input type="hidden" name="q" value="dyslexie"><input type="hidden" name="b" value="T004">'
        in alone
    )
    assert "Terug naar de zoekresultaten" not in html_of(
        published_client, "/aanbieder/T001/testpraktijk-de-beuk-fictief?b=T004"
    )


def test_the_access_team_follows_the_route_to_help(published_client):
    """Rijssen-Holten publishes a Wmo team only. T003's contracts (youth help) ended: the
    youth route, so not the Wmo team; T004 (Wmo) gets it."""
    ended = html_of(
        published_client, "/aanbieder/T003/zorgcollectief-opgeschort-fictief?g=rijssen-holten"
    )
    assert "Het wijkteam van Rijssen-Holten" in ended and "Sociaal VraagPlein" not in ended
    wmo = html_of(published_client, "/aanbieder/T004/wmo-thuishulp-twente-fictief?g=rijssen-holten")
    assert "Sociaal VraagPlein" in wmo
