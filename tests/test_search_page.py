"""The HTML result page: filter options with counts, the summary, ways out of an empty
result, the access team, badges. The JSON twin is the reference for the counts."""

from __future__ import annotations

import re
from html.parser import HTMLParser

from tests.test_search import api


class Controls(HTMLParser):
    """Every form control with its label text: {(name, value): (text, disabled, chosen)}."""

    def __init__(self) -> None:
        super().__init__()
        self.controls: dict[tuple[str, str], list] = {}
        self._select: str | None = None
        self._open: tuple[str, str] | None = None  # the control whose text we are reading

    def handle_starttag(self, tag, attrs):  # type: ignore[no-untyped-def]
        a = dict(attrs)
        if tag == "select":
            self._select = a.get("name")
        elif tag in ("input", "option") and a.get("type") != "hidden":
            name = self._select if tag == "option" else a.get("name")
            key = (name or "", a.get("value") or "")
            chosen = "checked" in a or "selected" in a
            self.controls[key] = ["", "disabled" in a, chosen]
            self._open = key

    def handle_endtag(self, tag):  # type: ignore[no-untyped-def]
        if tag in ("label", "option"):
            self._open = None
        if tag == "select":
            self._select = None

    def handle_data(self, data):  # type: ignore[no-untyped-def]
        if self._open:
            self.controls[self._open][0] += data


def controls(html: str) -> dict[tuple[str, str], list]:
    parser = Controls()
    parser.feed(html)
    return parser.controls


def shown_count(text: str) -> int:
    return int(re.search(r"\(([\d.,]+)\)\s*$", text.strip())[1].replace(".", ""))


def page(client, query: str) -> str:
    response = client.get(f"/zoeken?{query}")
    assert response.status_code == 200
    return response.get_data(as_text=True)


def test_every_option_shows_the_count_of_the_json_twin(demo_client, ref):
    for query in (
        "g=enschede&w=jeugd",
        "d=AMB-BEG&d=AMB-DYS&kenmerk=afstand",
        "q=begeleiding&l=15",
    ):
        facets = api(demo_client, query)["facets"]
        found = controls(page(demo_client, query))
        slug_to_cbs = {g.slug: g.cbs for g in ref.gemeenten}
        checked = 0
        for (name, value), (text, disabled, chosen) in found.items():
            key = slug_to_cbs.get(value, value) if name == "g" else value
            if name not in facets or key not in facets[name]:
                continue
            count = facets[name][key]
            assert shown_count(text) == count, (query, name, value)
            if count == 0 and not chosen:
                assert disabled, (query, name, value)  # never an option that leads nowhere
            checked += 1
        # Services, themes and languages with 0 results are left out, unless chosen.
        for name in ("d", "t", "taal"):
            for code, count in facets[name].items():
                if count == 0:
                    assert (name, code) not in found or found[(name, code)][2], (query, name, code)
        assert checked > 20


def test_summary_sentence_in_both_languages(published_client):
    html = page(published_client, "g=hengelo&d=AMB-BEG&l=14")
    assert "1 aanbieder voor ambulante begeleiding in Hengelo, voor iemand van 14 jaar." in html
    html = page(published_client, "g=hengelo&d=AMB-BEG&l=14&lang=en")
    assert "1 provider for outpatient support in Hengelo, for someone aged 14." in html
    html = page(published_client, "q=huis&w=wmo")  # canonical order
    assert "1 aanbieder voor Wmo-ondersteuning, passend bij ‘huis’." in html


def test_lokaal_service_shows_the_access_team_instead_of_an_empty_list(demo_client):
    html = page(demo_client, "g=almelo&d=AMB-BEG")
    assert "Almelo koopt deze hulp zelf in" in html
    assert "Het wijkteam van Almelo" in html and 'href="https://www.almelo.nl"' in html
    assert '<ol class="results">' not in html


def test_deels_service_adds_a_note_and_keeps_the_list(demo_client):
    html = page(demo_client, "g=hengelo&d=AMB-BEG")
    assert "koopt deze hulp voor een deel zelf in" in html
    assert '<ol class="results"' in html


def test_empty_result_offers_to_drop_the_choice_that_emptied_it(published_client):
    html = page(published_client, "g=enschede&d=AMB-DYS&t=autisme")
    assert "Geen aanbieders gevonden" in html
    links = ways_out(html)
    assert links, html
    for link, total in links:
        assert api(published_client, link.split("?", 1)[1])["total"] == total > 0
    assert "Het wijkteam van Enschede" in html


WAY_OUT = re.compile(
    r'<li><a href="(/zoeken\?[^"]*)" data-search-link>([^<]*): (\d+) aanbieders?</a></li>'
)


def ways_out(html: str) -> list[tuple[str, int]]:
    """The "zonder ...: N aanbieders" links of an empty result: (link, N)."""
    return [(link.replace("&amp;", "&"), int(n)) for link, _, n in WAY_OUT.findall(html)]


def shown_total(client, link: str) -> int:
    """The number of results the page at `link` says it has."""
    response = client.get(link)
    assert response.status_code == 200, link
    found = re.search(
        r'id="result-summary" role="status">(\d+) aanbieder', response.get_data(as_text=True)
    )
    assert found, link
    return int(found[1])


EMPTY_SEARCHES = [  # each in its canonical order
    "g=almelo&d=AMB-BEG",  # a service Almelo buys itself
    "g=almelo&d=AMB-BEG&l=12",
    "g=enschede&w=wmo&d=AMB-DYS",  # youth help asked for an adult
    "g=losser&w=jeugd&d=AMB-BEG&d=WMO-HO&kenmerk=huisbezoek&kenmerk=rolstoel&wacht=2",
    "q=dyslexie&g=borne&taal=ar&wacht=2",
    "q=zzqqxx&g=hengelo",  # words that match nothing
    "l=119&t=adhd&wacht=2",
    "g=tubbergen&d=VBL-JZP&d=WON-PLZ&t=trauma&taal=tr&wacht=2",
    "q=begeleiding&w=wmo&l=3&kenmerk=nieuw",
    "g=losser&w=jeugd&d=AMB-BEG&taal=ar&kenmerk=rolstoel&wacht=4",
    "g=dinkelland&l=10&t=verslaving&taal=pl",
    "g=borne&d=WMO-HO&l=70&kenmerk=afstand&kenmerk=huisbezoek&kenmerk=rolstoel&wacht=2",
    "q=pleegzorg&g=wierden&taal=en&wacht=2",
]


def test_every_way_out_shows_the_number_it_promised(demo_client):
    """Follow each "zonder ...: N aanbieders" link: the page it opens has N results."""
    followed, empty = 0, 0
    for query in EMPTY_SEARCHES:
        html = page(demo_client, query)
        if "Geen aanbieders gevonden" not in html:
            continue  # (matching may improve; the others still cover every kind of choice)
        empty += 1
        for link, promised in ways_out(html):
            assert shown_total(demo_client, link) == promised, (query, link)
            followed += 1
    assert empty >= 9 and followed >= 15


def test_the_wider_list_for_a_service_bought_locally_is_not_for_its_residents(demo_client):
    html = page(demo_client, "g=almelo&d=AMB-BEG")
    assert "Almelo koopt deze hulp zelf in" in html
    labels = [label for _, label, _ in WAY_OUT.findall(html)]
    assert "in andere gemeenten, niet voor inwoners van Almelo" in labels
    assert "in alle gemeenten" not in labels


def test_youth_help_asked_for_an_adult_is_explained(demo_client):
    html = page(demo_client, "g=enschede&w=wmo&d=AMB-DYS")
    assert "Ernstige dyslexie is jeugdhulp: hulp voor kinderen en jongeren." in html
    assert "U koos hulp voor een volwassene." in html


def test_result_shows_matching_services_places_and_badges(published_client):
    html = page(published_client, "g=almelo")
    t004 = html[html.index("Wmo Thuishulp Twente") :]
    # Contracted in Almelo for WMO-OB2 and WMO-HO; both match a search without service.
    assert re.search(
        r"Ondersteuning bij regie over het dagelijks leven,\s*Huishoudelijke ondersteuning", t004
    )
    assert "Spreekt ook: Turks" in t004
    assert "Rolstoeltoegankelijk" in t004 and "Neemt nieuwe cliënten aan" in t004
    english = page(published_client, "g=almelo&lang=en")
    assert "Also speaks: Turkish" in english


def test_javascript_is_a_static_file_and_the_form_works_without_it(published_client):
    html = page(published_client, "g=hengelo")
    script = re.search(r'<script src="(/static/js/search\.[0-9a-f]{12}\.js)" defer></script>', html)
    assert script
    assert "<script>" not in html and "style=" not in html
    assert re.search(r'<form id="search-form"[^>]*action="/zoeken" method="get"', html)
    response = published_client.get(script[1])
    assert response.status_code == 200 and b"data-live-search" in response.data
    response.close()


def test_start_page_asks_the_first_questions_and_answers_are_optional(published_client):
    found = controls(published_client.get("/").get_data(as_text=True))
    assert {
        ("w", "jeugd"),
        ("w", "wmo"),
        ("w", ""),
        ("g", "hengelo"),
        ("d", "AMB-DYS"),
        ("q", ""),
    } <= set(found)
    # The form as sent with nothing answered but the gemeente and "a child": the result
    # page at once (no redirect), which names its canonical link.
    response = published_client.get("/zoeken?q=&g=hengelo&w=jeugd&d=")
    assert response.status_code == 200
    html = response.get_data(as_text=True)
    assert '<link rel="canonical" href="http://localhost/zoeken?g=hengelo&amp;w=jeugd">' in html
    assert "Begeleiding Hengelo Alleen" in html


def test_the_start_form_is_in_the_order_of_the_canonical_link(published_client):
    html = published_client.get("/").get_data(as_text=True)
    form = html[html.index('<form class="search-form"') : html.index("</form>")]
    names = re.findall(r'name="(\w+)"', form)
    assert list(dict.fromkeys(names)) == ["q", "g", "w", "d"]


def test_a_form_is_answered_at_once_but_other_spellings_are_redirected(published_client):
    # What the filter form sends without JavaScript: empty fields, its own field order.
    sent = "q=&w=jeugd&g=hengelo&l=&wacht=&sort=&b=T002"
    assert published_client.get(f"/zoeken?{sent}").status_code == 200
    for other in (
        "g=Hengelo",
        "g=GM0164",
        "d=amb-beg",
        "p=1",
        "sort=neutraal",
        "d=AMB-BEG,AMB-DYS",
    ):
        response = published_client.get(f"/zoeken?{other}")
        assert response.status_code == 302, other


def test_the_start_page_kinds_of_help_follow_for_whom(published_client):
    html = published_client.get("/?w=wmo&g=almelo").get_data(as_text=True)
    assert 'value="wmo" checked' in html and 'value="almelo" selected' in html
    groups = re.findall(r'<optgroup label="([^"]+)" data-wet="(\w+)">', html)
    laws = [wet for _, wet in groups]
    assert laws == sorted(laws) and set(laws) == {"jeugd", "wmo"}  # grouped by law
    assert all("voor volwassenen" in label for label, wet in groups if wet == "wmo")
    assert all("voor kinderen en jongeren" in label for label, wet in groups if wet == "jeugd")


def test_active_filters_are_chips_in_the_sentence_and_the_title(published_client):
    query = "q=huis&g=hengelo&w=jeugd&l=14&t=autisme&taal=tr&kenmerk=huisbezoek&wacht=6"
    html = page(published_client, query)
    title = re.search(r"<title>(.*?)</title>", html, re.S)[1]
    sentence = re.search(r'id="result-summary" role="status">(.*?)</span>', html)[1]
    assert title.startswith(sentence)
    for words in ("Hengelo", "14 jaar", "autisme", "Turks", "komt bij u thuis", "6 weken"):
        assert words in sentence, words
    chips = re.findall(
        r'<li><a href="(/zoeken\?[^"]*)" data-search-link><span class="visually-hidden">Haal weg: </span>([^<]+)<',
        html,
    )
    # In the order of the sentence, named as their options in the filter panel.
    assert [words for _, words in chips] == [
        "Een kind of jongere",
        "Hengelo",
        "14 jaar",
        "Autisme",
        "Turks",
        "Komt bij u thuis",
        "Hoogstens 6 weken",
        "‘huis’",
    ]
    for link, words in chips:  # each chip is the search without its own choice
        assert len(link.split("&")) == len(query.split("&")) - 1, words
    assert (
        'Filters <span class="filter-count">(7<span class="visually-hidden"> gekozen</span>)</span>'
        in html
    )
    assert 'class="filter-count"' not in page(published_client, "q=huis")  # words are no filter


def test_the_shortlist_survives_clearing_the_filters(published_client):
    html = page(published_client, "g=hengelo&w=jeugd&b=T002")
    assert html.count('href="/zoeken?b=T002"') >= 2  # "Alles wissen" in the chips and the panel


def test_a_bad_age_is_explained_at_its_field(published_client):
    html = page(published_client, "l=abc&g=hengelo")
    assert (
        '<p class="field-error" id="l-error">Vul een leeftijd in van 0 tot en met 120 jaar.</p>'
        in html
    )
    assert 'aria-describedby="l-hint l-error" aria-invalid="true"' in html
    assert "aria-invalid" not in page(published_client, "g=hengelo&l=12")


def _cards(html: str) -> dict[str, str]:
    """Each result card's HTML by the provider name in its heading."""
    cards = re.split(r'<li class="result"[^>]*>', html)[1:]
    return {re.search(r"<h3><a [^>]*>(?:<bdi>)?([^<]+)", card)[1]: card for card in cards}


def test_result_cards_mark_an_old_figure_as_the_provider_page_does(published_client):
    import datetime as dt

    from app.domain import clock

    with clock.pinned(dt.date(2026, 6, 1)):  # T002's doelrealisatie ended 2023-12-31
        cards = _cards(page(published_client, ""))
        english = _cards(page(published_client, "lang=en"))
    t002 = cards["Begeleiding Hengelo Alleen (fictief)"]
    goals = next(line for line in t002.split("<li>") if "doelen bereikt" in line)
    assert "<strong>70\u00a0%</strong> doelen bereikt · 25 cliënten · 2023" in goals
    assert "oud cijfer" in goals
    assert "old figure" in english["Begeleiding Hengelo Alleen (fictief)"]
    assert "oud cijfer" not in cards["Testpraktijk De Beuk (fictief)"]  # 2025 figures
