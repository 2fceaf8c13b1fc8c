"""Residents' own words: a query that names a kind of help finds the providers contracted
for it (and offers it as the filter), words that find nothing never empty the result and
are named, spelling help comes from the page's language only, and a result card shows the
figures of the service it was found through. On the 300-provider demo register."""

from __future__ import annotations

import re
from urllib.parse import parse_qsl, urlencode

import pytest

from app.domain import clock
from tests.test_search import _database_answer, api

HENGELO = "0164"


def all_ids(client, query: str) -> list[str]:
    """Every provider a search finds, in its order (all pages)."""
    found, page = [], 1
    while True:
        data = api(client, f"{query}&p={page}")
        found += [r["id"] for r in data["results"]]
        if page >= data["pages"]:
            return found
        page += 1


def html(client, query: str, language: str = "nl") -> str:
    response = client.get(
        f"/zoeken?{query}", headers={"Accept-Language": language}, follow_redirects=True
    )
    assert response.status_code == 200
    return response.get_data(as_text=True)


@pytest.mark.parametrize(
    "words,service",
    [
        ("hulp in huis", "WMO-HO"),
        ("huishoudelijke hulp", "WMO-HO"),
        ("thuiszorg", "WMO-HO"),
        ("help in the house", "WMO-HO"),
        ("Hulp in het huishouden", "WMO-HO"),  # case, and a stop word more
        ("pleeggezin", "WON-PLZ"),
        ("psycholoog", "AMB-BEH"),
        ("leesproblemen", "AMB-DYS"),
    ],
)
def test_words_that_name_a_kind_of_help_find_its_providers_first(
    demo_client, demo_db, words, service
):
    contracted = _database_answer(clock.today(), HENGELO, [service], None, None)
    assert contracted
    found = all_ids(demo_client, urlencode({"q": words, "g": "hengelo"}))
    # Every provider contracted for the service in Hengelo, and those first.
    assert set(found[: len(contracted)]) == contracted, words
    data = api(demo_client, urlencode({"q": words, "g": "hengelo"}))
    first = data["recognised"][0]
    assert (first["parameter"], first["code"]) in {("d", service), ("t", "dyslexie")}
    # Each card shows the service the provider was found through.
    for result in data["results"][: len(contracted)]:
        assert result["diensten"][0] == service or service in result["diensten"], words


def test_the_page_offers_the_kind_of_help_as_the_filter_and_keeps_its_promise(demo_client):
    page = html(demo_client, "q=hulp+in+huis+voor+mijn+moeder&g=hengelo")
    offer = re.search(
        r'Bedoelt u de hulp <a href="(/zoeken\?[^"]*)" data-search-link><em>Huishoudelijke ondersteuning</em></a>'
        r"\?\s+(\d+) aanbieders in Hengelo",
        page,
    )
    assert offer, page[page.index('id="results"') :][:2000]
    link = offer[1].replace("&amp;", "&")
    args = dict(parse_qsl(link.split("?", 1)[1]))
    # The same search, with the filter set and the recognised words taken out (and the
    # who-word "moeder", which only steers the order, too).
    assert args == {"g": "hengelo", "d": "WMO-HO"}
    assert api(demo_client, link.split("?", 1)[1])["total"] == int(offer[2])
    twin = api(demo_client, "q=hulp+in+huis+voor+mijn+moeder&g=hengelo")["recognised"][0]
    assert twin["offer"] == {"query": "g=hengelo&d=WMO-HO", "total": int(offer[2])}
    assert twin["words"] == ["hulp", "huis"] and twin["strength"] == "phrase"


def test_a_theme_is_offered_too(demo_client):
    data = api(demo_client, "q=autisme&g=hengelo")
    assert [(r["parameter"], r["code"]) for r in data["recognised"]] == [("t", "autisme")]
    offer = data["recognised"][0]["offer"]
    assert offer["query"] == "g=hengelo&t=autisme"
    assert api(demo_client, offer["query"])["total"] == offer["total"] == data["total"]
    assert "Bedoelt u het onderwerp" in html(demo_client, "q=autisme&g=hengelo")


def test_stop_words_never_empty_a_result(demo_client):
    plain = all_ids(demo_client, "q=thuiszorg")
    assert plain
    for words in ("thuiszorg voor mijn moeder", "ik zoek thuiszorg in Enschede", "de thuiszorg"):
        found = all_ids(demo_client, urlencode({"q": words}))
        assert set(plain) <= set(found), words
    # Only stop words: no words to search for, so every provider, in the neutral order.
    data = api(demo_client, "q=in+mijn+voor")
    assert data["total"] == api(demo_client, "")["total"] and data["sort"] == "neutraal"


def test_providers_that_match_more_of_the_query_rank_higher(demo_client):
    data = api(demo_client, "q=dagbesteding+dementie")
    first = data["results"][0]
    assert "WMO-DB" in first["diensten"] and "dementie" in first["themas"]
    both = [r for r in data["results"] if "WMO-DB" in r["diensten"] and "dementie" in r["themas"]]
    assert data["results"][: len(both)] == both  # all who have both come first


def test_a_word_that_finds_nothing_is_named_and_the_others_are_searched(demo_client):
    data = api(demo_client, "q=thuiszorg+xyzzy")
    assert data["unmatched"] == ["xyzzy"]
    assert set(all_ids(demo_client, "q=thuiszorg+xyzzy")) == set(
        all_ids(demo_client, "q=thuiszorg")
    )
    page = html(demo_client, "q=thuiszorg+xyzzy")
    assert "Niets gevonden voor ‘xyzzy’; gezocht op de andere woorden." in page
    english = html(demo_client, "q=thuiszorg+xyzzy&lang=en")
    assert "Nothing found for ‘xyzzy’; searched for the other words." in english
    # A word that says who the help is for steered the order: it is not "nothing found".
    assert api(demo_client, "q=hulp+in+huis+voor+mijn+moeder&g=hengelo")["unmatched"] == []
    assert api(demo_client, "q=thuiszorg+moeder+xyzzy")["unmatched"] == ["xyzzy"]
    # When no word finds anything, the page says there are no results instead.
    assert api(demo_client, "q=xyzzy")["total"] == 0


@pytest.mark.parametrize(
    "words,language,suggestion",
    [
        ("poetsen", "nl", None),  # a known word: never "post"
        ("autisem", "nl", "autisme"),
        ("autisem", "en", "autism"),
        ("pleegzrg", "nl", "pleegzorg"),
        ("pleegzrg", "en", None),  # a Dutch word: not suggested on an English page
        ("fostr care", "en", "foster care"),
        ("dagbestedng", "nl", "dagbesteding"),
    ],
)
def test_spelling_suggestions_come_from_the_page_language(demo_client, words, language, suggestion):
    response = demo_client.get(
        f"/api/v1/providers?{urlencode({'q': words})}", headers={"Accept-Language": language}
    )
    assert response.get_json()["meta"]["suggestion"] == suggestion
    page = html(demo_client, f"{urlencode({'q': words})}&lang={language}", language)
    if suggestion:
        assert f">{suggestion}</a>?" in page
    else:
        assert "Bedoelde u" not in page and "Did you mean:" not in page


def test_a_suggestion_only_when_it_finds_something(demo_client):
    # Foster care is youth help: with w=wmo the corrected word finds nothing.
    assert api(demo_client, "q=pleegzrg")["suggestion"] == "pleegzorg"
    assert api(demo_client, "q=pleegzrg&w=wmo")["suggestion"] is None


def test_whoosh_syntax_is_just_words(demo_client):
    assert (
        api(demo_client, "q=thuiszorg+OR+autisme")["total"]
        == api(demo_client, "q=thuiszorg+autisme")["total"]
    )
    for query in ("q=naam:beuk", "q=autis*", "q=%22hulp+in", "q=(pleegzorg"):
        assert demo_client.get(f"/api/v1/providers?{query}").status_code == 200


def _provider_with_service_figures(demo_client) -> tuple[str, str]:
    """A provider in the demo register with its own figures for a service it has."""
    from sqlalchemy import select

    from app.domain.models import Kwaliteitscijfer
    from app.extensions import db

    with demo_client.application.app_context():
        rows = db.session.execute(
            select(Kwaliteitscijfer.aanbieder_id, Kwaliteitscijfer.dienst_code).where(
                Kwaliteitscijfer.dienst_code.is_not(None),
                Kwaliteitscijfer.indicator_code == "clienttevredenheid",
                Kwaliteitscijfer.aantal >= 10,
            )
        ).all()
    for aid, service in sorted(rows):
        if aid in _database_answer(clock.today(), None, [service], None, None):
            return aid, service
    raise AssertionError("the demo register has no service figures")


def test_a_card_shows_the_figures_of_the_service_it_was_found_through(demo_client, demo_db, ref):
    aid, service = _provider_with_service_figures(demo_client)
    query = f"d={service}&sort=naam"
    found = next(
        r
        for page in range(1, 30)
        for r in api(demo_client, f"{query}&p={page}")["results"]
        if r["id"] == aid
    )
    assert found["diensten"][0] == service
    assert found["cijfers_dienst"]["clienttevredenheid"] == service
    figure = found["cijfers"]["clienttevredenheid"]
    # The page shows the same figure, in one line, under the service's name.
    name = ref.dienst_codes[service].naam["nl"]
    pages = [html(demo_client, f"{query}&p={page}") for page in range(1, 30)]
    card = next(
        part
        for text in pages
        for part in text.split('<li class="result" id="p-')[1:]
        if f"/{aid}" in part
    )
    assert f"Cijfers over {name}:" in card
    value = f"{figure['waarde']:.1f}".replace(".", ",").removesuffix(",0")
    assert re.search(rf"<strong>{value}\xa0%</strong> tevreden · {figure['aantal']} cliënten", card)


def test_every_card_shows_the_age_range_and_no_provider_outside_the_age(demo_client):
    for age in (4, 16, 70):
        data = api(demo_client, f"q=begeleiding&l={age}")
        assert data["total"]
        for result in data["results"]:
            assert result["leeftijd_min"] <= age <= result["leeftijd_max"]
    page = html(demo_client, "q=dyslexie&l=8")
    cards = page.split('<li class="result" id="p-')[1:]
    assert cards and all(
        re.search(r"Voor (\d+)–(\d+) jaar|Voor alle leeftijden|Voor \d+ jaar en ouder", c)
        for c in cards
    )


def test_the_json_twin_agrees_with_the_page(demo_client):
    for query in ("q=hulp+in+huis&g=hengelo", "q=autisem", "q=thuiszorg+xyzzy", "q=dyslexie&l=8"):
        page = html(demo_client, query)
        data = api(demo_client, query)
        names = re.findall(r'<li class="result"[^>]*>\s*<h3><a [^>]*>(?:<bdi>)?([^<]+)', page)
        assert names == [r["naam"] for r in data["results"]], query
        for item in data["recognised"]:
            if item["offer"]:
                assert item["offer"]["query"].replace("&", "&amp;") in page, query
        if data["suggestion"]:
            assert f">{data['suggestion']}</a>?" in page


def test_sorting_by_a_figure_uses_the_figures_on_the_cards(demo_client, demo_db):
    _, service = _provider_with_service_figures(demo_client)
    results = []
    for page in range(1, 10):
        data = api(demo_client, f"d={service}&sort=tevredenheid&p={page}")
        results += data["results"]
        if page >= data["pages"]:
            break
    values = [
        (r["cijfers"]["clienttevredenheid"] or {}).get("waarde") for r in results
    ]  # a mark of 8,1 counts as 81 %
    units = [(r["cijfers"]["clienttevredenheid"] or {}).get("eenheid") for r in results]
    comparable = [
        None if v is None else (v * 10 if u == "cijfer" else v)
        for v, u in zip(values, units, strict=True)
    ]
    shown = [v for v in comparable if v is not None]
    assert shown == sorted(shown, reverse=True)
    assert comparable[: len(shown)] == shown  # the ones without a number come last
