"""Six languages (issue 17): every page in Turkish, Arabic, Polish and Ukrainian, right to
left for Arabic, the language choice and hreflang alternates, numbers and dates per
locale, Dutch descriptions marked as Dutch, and searching in one's own language."""

from __future__ import annotations

import re

import pytest

from app.config import Config
from tests.test_search import api
from tests.test_search_words import all_ids, html

NEW = ("tr", "ar", "pl", "uk")
# Per language: words a resident types, and the filter they mean.
OWN_WORDS = {
    "tr": [("otizm", "t=autisme"), ("ev temizliği", "d=WMO-HO")],
    "ar": [("التوحد", "t=autisme"), ("عائلة حاضنة", "d=WON-PLZ")],
    "pl": [("autyzm", "t=autisme"), ("rodzina zastępcza", "d=WON-PLZ")],
    "uk": [("аутизм", "t=autisme"), ("прибирання", "d=WMO-HO")],
}


def page(client, path: str) -> str:  # type: ignore[no-untyped-def]
    response = client.get(path, follow_redirects=True)
    assert response.status_code == 200, path
    return response.get_data(as_text=True)


@pytest.mark.parametrize("lang", NEW)
def test_every_page_type_speaks_the_language(demo_client, lang):
    for path in (
        "/",
        "/zoeken?g=enschede",
        "/hulp",
        "/hulp/AMB-BEG",
        "/gemeente/almelo",
        "/uitleg/cijfers",
        "/toegankelijkheid",
        "/open-data",
    ):
        text = page(demo_client, f"{path}{'&' if '?' in path else '?'}lang={lang}")
        direction = "rtl" if lang == "ar" else "ltr"
        assert f'<html lang="{lang}" dir="{direction}">' in text, path
        assert "Kies je zorgaanbieder Twente</a>" not in text, path  # the site name too


def test_the_language_choice_and_hreflang_alternates(demo_client):
    text = page(demo_client, "/zoeken?g=enschede&lang=ar")
    alternates = re.findall(r'<link rel="alternate" hreflang="([\w-]+)" href="([^"]+)">', text)
    assert [code for code, _ in alternates] == [*Config.LANGUAGES, "x-default"]
    for code, href in alternates:
        assert href.startswith("http://localhost/zoeken?g=enschede")
        assert href.endswith(f"lang={code}") if code != "x-default" else "lang=" not in href
    # Each language by its own name, marked with its language and direction.
    for code, name, direction in [
        ("tr", "Türkçe", "ltr"),
        ("pl", "Polski", "ltr"),
        ("uk", "Українська", "ltr"),
        ("nl", "Nederlands", "ltr"),
    ]:
        assert f'lang="{code}" hreflang="{code}" dir="{direction}">{name}</a>' in text
    assert '<span aria-current="true" lang="ar" dir="rtl">العربية</span>' in text
    # Each choice opens this page, its search kept, in that language.
    assert '<a href="/zoeken?g=enschede&amp;lang=tr" lang="tr"' in text
    # A form's empty fields are left out, as in every link the site makes.
    from_form = page(demo_client, "/zoeken?q=&g=enschede&lang=ar")
    assert '<a href="/zoeken?g=enschede&amp;lang=tr" lang="tr"' in from_form
    start = page(demo_client, "/")
    assert '<a href="/?lang=pl" lang="pl"' in start
    assert '<link rel="alternate" hreflang="pl" href="http://localhost/?lang=pl">' in start
    assert '<link rel="alternate" hreflang="x-default" href="http://localhost/">' in start


def test_numbers_and_dates_follow_the_locale(demo_client):
    dates = {
        "tr": "23 Kasım 2026",
        "ar": "23 نوفمبر 2026",
        "pl": "23 listopada 2026",
        "uk": "23 листопада 2026",
    }
    for lang, date in dates.items():
        assert date in page(demo_client, f"/toegankelijkheid?lang={lang}"), lang
    # Percentages: Turkish writes the sign first, Polish a decimal comma.
    assert re.search(
        r"%\d+(,\d)?<", page(demo_client, "/zoeken?g=enschede&sort=tevredenheid&lang=tr")
    )
    assert re.search(
        r">\d+(,\d)?%<", page(demo_client, "/zoeken?g=enschede&sort=tevredenheid&lang=pl")
    )


def test_a_description_without_translation_is_shown_in_dutch_marked_as_dutch(demo_client):
    results = api(demo_client, "g=enschede")["results"]
    text = page(demo_client, f"/aanbieder/{results[0]['id']}/x?lang=uk")
    assert re.search(r'<p class="lead" lang="nl" dir="ltr">[^<]+</p>', text)
    dutch = page(demo_client, f"/aanbieder/{results[0]['id']}/x?lang=nl")
    assert '<p class="lead">' in dutch and 'class="lead" lang="nl"' not in dutch


@pytest.mark.parametrize("lang", NEW)
def test_a_search_in_the_residents_own_language_finds_providers(demo_client, lang):
    for words, meaning in OWN_WORDS[lang]:
        found = all_ids(demo_client, f"q={words}&g=enschede")
        assert found and set(found) == set(all_ids(demo_client, f"{meaning}&g=enschede")), words


def test_the_spelling_suggestion_stays_in_the_page_language(demo_client):
    turkish = html(demo_client, "q=otizim&lang=tr")
    assert ">otizm</a>?" in turkish
    dutch = html(demo_client, "q=otizim")
    assert ">otizm</a>?" not in dutch


@pytest.mark.parametrize(
    ("lang", "written", "number"),
    [("nl", "20.000 aanbieders", "20.000"), ("en", "20,000 providers", "20,000")],
)
def test_a_count_in_a_plural_message_is_written_as_the_language_writes_numbers(
    app, lang, written, number
):
    """'%(num)s aanbieders' with 20,000: the count per locale, in Python and in templates
    alike, and a variable that is not the count is still escaped in a template."""
    from flask import render_template_string

    from app.web.i18n import ngettext

    with app.test_request_context(f"/?lang={lang}"):
        assert ngettext("%(num)s aanbieder", "%(num)s aanbieders", 20000) == written
        rendered = render_template_string(
            "{{ ngettext('Op de kaart staat %(num)s aanbieder met %(plekken)s.', "
            "'Op de kaart staan %(num)s aanbieders met samen %(plekken)s.', n, plekken=p) }}",
            n=20000,
            p="<b>",
        )
        assert number in rendered and "&lt;b&gt;" in rendered and "<b>" not in rendered
        assert ("aanbieders" in rendered) == (lang == "nl")  # translated, not the msgid
