"""A real way to reach the access team: only details the gemeente publishes itself, each
with its source and the date it was seen, shown with a number to tap."""

from __future__ import annotations

import datetime as dt
import re

from app.domain.reference import WETTEN
from tests.test_provider_pages import html_of


def test_every_filled_team_has_its_source_and_date(ref):
    for gemeente in ref.gemeenten:
        for wet in WETTEN:
            team = gemeente.team(wet)
            if team.naam or team.telefoon or team.website:
                assert team.bron.startswith("https://"), (gemeente.naam, wet)
                assert team.seen is not None and team.seen <= dt.date(2026, 11, 23)
            if team.telefoon:
                assert re.fullmatch(r"[0-9 ()-]{10,20}", team.telefoon), team.telefoon
                assert len(team.tel) == 10 and team.tel.startswith("0"), team.tel


def test_the_gemeente_page_offers_a_number_to_tap_with_its_source(demo_client):
    html = html_of(demo_client, "/gemeente/borne")
    assert 'href="tel:0742658590"' in html and "Bel <bdi>074-2658590</bdi>" in html
    assert "Sociaal Hus" in html and "gezien op 23 november 2026" in html
    # One team for youth help and Wmo: shown once.
    assert html.count("Bel <bdi>074-2658590</bdi>") == 1


def test_without_a_verified_number_the_page_sends_people_to_the_gemeente(demo_client):
    html = html_of(demo_client, "/gemeente/almelo")
    assert 'href="tel:' not in html and 'href="https://www.almelo.nl"' in html
    assert "Op de website van de gemeente staat hoe u het wijkteam" in html


def test_the_team_follows_the_law_of_the_help(demo_client):
    # Rijssen-Holten published a number for Wmo only: Wmo help shows it, youth help not.
    # (No provider speaks Zulu: the empty result shows the access team.)
    wmo = html_of(demo_client, "/zoeken?g=rijssen-holten&d=WMO-HO&taal=zu")
    assert "tel:0548854836" in wmo
    youth = html_of(demo_client, "/zoeken?g=rijssen-holten&d=AMB-DYS&taal=zu")
    assert "tel:0548854836" not in youth and "Het wijkteam van Rijssen-Holten" in youth


def test_the_api_gives_both_teams_with_source_and_date(demo_client):
    data = demo_client.get("/api/v1/gemeenten/losser").get_json()["data"]
    assert data["toegang"]["wmo"]["telefoon"] == "053 - 537 74 00"
    assert data["toegang"]["wmo"]["bron"].startswith("https://www.losser.nl/")
    assert data["toegang"]["jeugd"]["gezien"] == "2026-11-23"
    almelo = demo_client.get("/api/v1/gemeenten/almelo").get_json()["data"]["toegang"]
    assert almelo["jeugd"]["telefoon"] is None and almelo["wmo"]["bron"] is None
