"""Ranking by what a query names: a provider with every kind of thing the query names
(service and theme) comes before one with only one of them; words that say who the help
is for ("zoon", "moeder") steer towards youth help or support for adults; a theme named
without a service puts the providers that also give the help usually asked for with it
first. On the 300-provider demo register."""

from __future__ import annotations

from urllib.parse import urlencode

import pytest

from tests.test_search import api


def ranked(client, words: str) -> list[dict]:
    """Every result of a text search, best first."""
    results, page = [], 1
    while True:
        data = api(client, urlencode({"q": words, "p": page}))
        results += data["results"]
        if page >= data["pages"]:
            return results
        page += 1


def first_are(results: list[dict], fits) -> int:
    """How many results fit; asserts that they are all before the others."""
    fitting = [r for r in results if fits(r)]
    assert fitting, "the demo register should have some"
    assert results[: len(fitting)] == fitting
    return len(fitting)


@pytest.mark.parametrize(
    "words,service,theme",
    [
        ("zoon somber", "AMB-BEH", "depressie"),  # a child, low mood: treatment
        ("my daughter is anxious", "AMB-BEH", "angst"),
        ("vrouwenopvang", "WMO-WV", "huiselijk-geweld"),  # one word, a service and a theme
    ],
)
def test_providers_with_the_theme_and_its_usual_help_come_first(demo_client, words, service, theme):
    results = ranked(demo_client, words)
    first_are(results, lambda r: service in r["diensten"] and theme in r["themas"])
    # Providers with the theme only still follow: the usual help only orders them.
    assert any(theme in r["themas"] and service not in r["diensten"] for r in results)


def test_a_medicine_names_the_medication_checks_and_the_theme(demo_client):
    data = api(demo_client, "q=ritalin")
    named = {(r["parameter"], r["code"]) for r in data["recognised"]}
    assert named == {("d", "AMB-MED"), ("t", "adhd")}


@pytest.mark.parametrize(
    "words,service,other",
    [
        ("logeeropvang voor mijn moeder", "WMO-WV", "VBL-DTV"),
        ("logeeropvang voor mijn zoon", "VBL-DTV", "WMO-WV"),
        ("short stay for my dad", "WMO-WV", "VBL-DTV"),
    ],
)
def test_who_the_help_is_for_steers_to_youth_help_or_support_for_adults(
    demo_client, words, service, other
):
    results = ranked(demo_client, words)
    first_are(results, lambda r: service in r["diensten"])
    # The other law's providers are still found, after them.
    assert any(other in r["diensten"] and service not in r["diensten"] for r in results)


def test_a_who_word_alone_names_no_help(demo_client):
    """ "zoon" says who, not what: it never turns into a kind of help on its own."""
    data = api(demo_client, "q=zoon")
    assert not data["recognised"]
