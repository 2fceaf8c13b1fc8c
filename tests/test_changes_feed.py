"""The changes of the register across providers: the page /wijzigingen with its filters,
and the same as Atom feeds that a feed parser reads and whose entry ids stay the same
when the register is imported again."""

from __future__ import annotations

import datetime as dt
import re

import feedparser
import pytest

from app.extensions import db
from app.register.availability import run_availability
from app.register.reader import checksum
from tests.conftest import TODAY, VALID, finished_on, read_csv, set_cell, write_csv
from tests.test_availability import SOURCE, write

PUBLIC = "https://kiezen.example.nl"


@pytest.fixture
def two_imports(do_import, register_copy):
    """The valid register (10 January), then T001's phone and T004's WMO-HO suspended
    (3 March)."""
    first = do_import(VALID)
    finished_on(first.run_id, dt.date(2026, 1, 10))
    set_cell(register_copy, "aanbieders", 2, "telefoon", "085 000 0099")
    rows = read_csv(register_copy / "contracten.csv")
    rows[6][6] = "opgeschort"  # T004's WMO-HO
    write_csv(register_copy / "contracten.csv", rows)
    second = do_import(register_copy)
    assert second.outcome == "gepubliceerd"
    finished_on(second.run_id, dt.date(2026, 3, 3))
    return first, second


def _feed(client, url):  # type: ignore[no-untyped-def]
    response = client.get(url)
    assert response.status_code == 200, response.get_data(as_text=True)
    assert response.mimetype == "application/atom+xml"
    parsed = feedparser.parse(response.data)
    assert not parsed.bozo, parsed.get("bozo_exception")
    assert parsed.version == "atom10"
    return parsed


def test_the_page_lists_each_import_with_counts_and_the_history_sentences(two_imports, client):
    page = client.get("/wijzigingen").get_data(as_text=True)
    assert "Wijzigingen in het contractregister" in page
    march, january = page.index("3 maart 2026"), page.index("10 januari 2026")
    assert march < january  # newest first
    assert "Telefoon gewijzigd: was" in page and "085 000 0099" in page
    assert "Het contract voor" in page and "is opgeschort." in page
    assert "Opgenomen in het contractregister." in page
    newcomers = len(read_csv(VALID / "aanbieders.csv")) - 1
    assert f"Nieuw in het register: {newcomers}" in page[january:]
    assert "Andere wijzigingen in contracten: 1" in page[march:january]
    assert 'type="application/atom+xml"' in page and "/wijzigingen.atom" in page
    english = client.get("/wijzigingen?lang=en").get_data(as_text=True)
    assert "Changes in the contract register" in english and "Phone changed" in english


def test_filters_for_provider_gemeente_and_service(two_imports, client):
    only_t001 = client.get("/wijzigingen?aanbieder=T001").get_data(as_text=True)
    assert "085 000 0099" in only_t001 and "opgeschort" not in only_t001
    service = client.get("/wijzigingen?d=WMO-HO").get_data(as_text=True)
    assert "is opgeschort." in service and "085 000 0099" not in service
    # T004's WMO-HO contract covers every gemeente; T002 works in Hengelo only.
    assert "is opgeschort." in client.get("/wijzigingen?g=enschede&d=WMO-HO").get_data(as_text=True)
    elsewhere = client.get("/wijzigingen?g=enschede&aanbieder=T002").get_data(as_text=True)
    assert "Er zijn geen wijzigingen voor deze keuze." in elsewhere
    hengelo = client.get("/wijzigingen?g=hengelo&aanbieder=T002").get_data(as_text=True)
    assert "Opgenomen in het contractregister." in hengelo
    none = client.get("/wijzigingen?aanbieder=T001&d=WMO-HO").get_data(as_text=True)
    assert "Er zijn geen wijzigingen voor deze keuze." in none


def test_bad_filter_values_are_a_clear_400(two_imports, client):
    for url, message in (
        ("/wijzigingen?g=nergenshuizen", "Gemeente ‘nergenshuizen’ bestaat niet in Twente."),
        ("/wijzigingen.atom?d=XYZ", "Soort hulp ‘XYZ’ bestaat niet."),
        ("/wijzigingen?p=nul", "Pagina ‘nul’ bestaat niet."),
        ("/wijzigingen.atom?aanbieder=NOPE", "Aanbieder ‘NOPE’ staat niet in het register."),
    ):
        response = client.get(url)
        assert response.status_code == 400, url
        assert message in response.get_data(as_text=True)
    assert client.get("/aanbieder/NOPE/wijzigingen.atom").status_code == 404


def test_an_overlong_provider_value_is_named_by_its_start_not_echoed_whole(two_imports, client):
    # "T001" followed by junk must not be cut back to a real provider either
    response = client.get("/wijzigingen?aanbieder=T001" + "x" * 5000)
    assert response.status_code == 400
    page = response.get_data(as_text=True)
    named = "Aanbieder ‘T001" + "x" * 196 + "…’ staat niet in het register."
    assert named in page


def test_empty_states(client, do_import):
    assert "Er is nog geen contractregister gepubliceerd." in client.get("/wijzigingen").get_data(
        as_text=True
    )
    nothing = _feed(client, "/wijzigingen.atom")
    assert nothing.entries == []


def test_the_atom_feeds_parse_with_public_links(two_imports, app, client, monkeypatch):
    monkeypatch.setitem(app.config, "PUBLIC_URL", PUBLIC)
    feed = _feed(client, "/wijzigingen.atom?d=WMO-HO&lang=en")
    assert feed.feed.id.startswith("tag:kiezen.example.nl,2026:wijzigingen")
    assert feed.feed.author == "Choose your care provider Twente"
    assert feed.feed.author_detail.href == f"{PUBLIC}/"
    links = {link.rel: link.href for link in feed.feed.links}
    assert links["self"] == f"{PUBLIC}/wijzigingen.atom?d=WMO-HO&lang=en"
    assert links["alternate"] == f"{PUBLIC}/wijzigingen?d=WMO-HO&lang=en"
    assert feed.feed.updated_parsed[:3] == (2026, 3, 3)
    entry, january = feed.entries  # WMO-HO's contracts: started in January, one suspended
    assert "suspended" not in january.content[0].value
    assert entry.title == "March 3, 2026: contract register"
    assert (
        entry.link == f"{PUBLIC}/wijzigingen?d=WMO-HO&lang=en#import-{entry.id.rsplit('/', 1)[1]}"
    )
    assert "suspended" in entry.content[0].value
    assert re.search(rf'href="{PUBLIC}/aanbieder/T004/[^"]+"', entry.content[0].value)
    provider = _feed(client, "/aanbieder/T001/wijzigingen.atom")
    assert provider.feed.id == "tag:kiezen.example.nl,2026:aanbieder/T001/wijzigingen"
    assert len(provider.entries) == 2 and "085 000 0099" in provider.entries[0].content[0].value
    provider_page = client.get("/aanbieder/T001", follow_redirects=True).get_data(as_text=True)
    assert f"{PUBLIC}/aanbieder/T001/wijzigingen.atom" in provider_page


def _ids(client, url):  # type: ignore[no-untyped-def]
    return [entry.id for entry in _feed(client, url).entries]


FEEDS = ("/wijzigingen.atom", "/aanbieder/T001/wijzigingen.atom", "/wijzigingen.atom?g=enschede")


def test_entry_ids_stay_the_same_across_a_re_import(two_imports, client, do_import, register_copy):
    before = {url: _ids(client, url) for url in FEEDS}
    assert len(before["/wijzigingen.atom"]) == 2
    assert checksum(VALID)[:16] in before["/wijzigingen.atom"][1]  # the file, not a row id
    do_import(register_copy, dry_run=True)  # a run that publishes nothing takes a row id
    again = do_import(register_copy)  # the same register: nothing changed
    assert again.outcome == "ongewijzigd"
    assert {url: _ids(client, url) for url in FEEDS} == before
    set_cell(register_copy, "aanbieders", 2, "telefoon", "085 000 0100")
    third = do_import(register_copy)
    assert third.outcome == "gepubliceerd"
    after = _ids(client, "/aanbieder/T001/wijzigingen.atom")
    assert after[1:] == before["/aanbieder/T001/wijzigingen.atom"] and after[0] not in after[1:]
    assert _ids(client, "/wijzigingen.atom")[1:] == before["/wijzigingen.atom"]


def test_the_same_file_published_twice_gets_two_ids(two_imports, client, do_import):
    back = do_import(VALID)  # back to January's register: the same file again
    assert back.outcome == "gepubliceerd"
    ids = _ids(client, "/aanbieder/T001/wijzigingen.atom")
    assert len(ids) == len(set(ids)) == 3
    assert ids[0] == f"{ids[2]}-2"


def test_availability_changes_are_listed(two_imports, app, ref, client, tmp_path):
    day = TODAY.isoformat()
    t002 = ["T002", "", "", "3", "wachtlijst", day, SOURCE]
    for week, rows in enumerate(([], [t002], [t002])):
        folder = tmp_path / f"week{week}"
        folder.mkdir()
        weeks = "9" if week == 2 else "4"
        path = write(folder, ["T001", "", "", weeks, "ja", day, SOURCE], *rows)
        assert run_availability(db.session, path, ref).outcome == "gepubliceerd"
    page = client.get("/wijzigingen?aanbieder=T001").get_data(as_text=True)
    # T001's first week is new, the second the same (left out), the third changed.
    assert page.count(": beschikbaarheid</h2>") == 2
    assert "wachttijd 9 weken" in page
    feed = _feed(client, "/wijzigingen.atom?aanbieder=T001")
    assert len(feed.entries) == 4


def test_the_feed_has_the_page_validators(two_imports, client, do_import, register_copy):
    first = client.get("/wijzigingen.atom")
    etag = first.headers["ETag"]
    assert first.headers["Cache-Control"].startswith("public")
    assert client.get("/wijzigingen.atom", headers={"If-None-Match": etag}).status_code == 304
    set_cell(register_copy, "aanbieders", 2, "telefoon", "085 000 0100")
    do_import(register_copy)
    assert client.get("/wijzigingen.atom").headers["ETag"] != etag


def test_a_big_import_is_counted_in_full_and_listed_in_part(demo_client):
    from app.domain.register_changes import LISTED_PER_IMPORT

    page = demo_client.get("/wijzigingen").get_data(as_text=True)
    counts = [int(n) for n in re.findall(r"<li>[^<:]+: ([\d.]+)</li>", page.replace(".", ""))]
    listed = (
        page.count("<li>Contract voor")
        + page.count("<li>Opgenomen")
        + page.count("<li>Nieuw cijfer")
    )
    assert sum(counts) > LISTED_PER_IMPORT == listed
    rest = f"En nog {sum(counts) - LISTED_PER_IMPORT:,} wijzigingen.".replace(",", ".")
    assert rest in page
    gemeente = demo_client.get("/gemeente/almelo").get_data(as_text=True)
    assert 'href="/wijzigingen?g=almelo"' in gemeente
