"""The search: contract truth, text analysis, facets that match the database, bad input."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import select

from app.domain import clock
from app.domain.models import Aanbieder, AanbiederTaal, AanbiederThema, Contract, ContractGemeente
from app.extensions import db


def api(client, query=""):
    """The search as data (/api/v1/providers): the providers as `results`, with the meta."""
    response = client.get(f"/api/v1/providers?{query}")
    assert response.status_code == 200, response.get_data(as_text=True)[:300]
    body = response.get_json()
    return {**body["meta"], "results": body["data"]}


def ids(data):
    return sorted(r["id"] for r in data["results"])


def test_contract_truth(published_client):
    # T002 is contracted only in Hengelo; T003's contracts are suspended or ended.
    assert ids(api(published_client, "g=hengelo")) == ["T001", "T002", "T004"]
    assert "T002" not in ids(api(published_client, "g=enschede"))
    assert "T003" not in ids(api(published_client, ""))
    assert ids(api(published_client, "g=enschede&d=AMB-BEH")) == []
    # WMO-OB2 is contracted for Almelo and Borne only; WMO-HO everywhere.
    assert ids(api(published_client, "g=borne&d=WMO-OB2")) == ["T004"]
    assert ids(api(published_client, "g=enschede&d=WMO-OB2")) == []
    assert ids(api(published_client, "w=jeugd")) == ["T001", "T002"]


def test_participation_notice(published_client):
    data = api(published_client, "g=almelo&d=AMB-BEG")
    assert data["participation"] == [{"dienst": "AMB-BEG", "deelname": "lokaal"}]
    assert api(published_client, "g=hengelo&d=AMB-BEG")["participation"] == [
        {"dienst": "AMB-BEG", "deelname": "deels"}
    ]
    page = published_client.get("/zoeken?g=almelo&d=AMB-BEG").get_data(as_text=True)
    assert "koopt deze hulp zelf in" in page


@pytest.mark.parametrize(
    "words,expected",
    [
        ("behandelingen", ["T001"]),  # T003 matches the words too, but has no active contract
        ("Cliënten", ["T002"]),
        ("client", ["T002"]),
        ("ASS", ["T002"]),
        ("leesproblemen", ["T001"]),
    ],
)
def test_text_analysis(published_client, words, expected):
    assert ids(api(published_client, f"q={words}")) == expected


def test_typo_help(published_client):
    data = api(published_client, "q=dyslecsie")  # not a known spelling: a typo
    assert ids(data) == ["T001"] and data["fuzzy"] is True
    assert data["suggestion"] == "dyslexie"
    # A spelling residents often use is in the vocabulary: no typo, nothing to suggest.
    data = api(published_client, "q=dislexie")
    assert ids(data) == ["T001"] and data["fuzzy"] is False and data["suggestion"] is None


@pytest.mark.parametrize(
    "query",
    [
        "q=AND+OR+(",
        "q=%22unclosed",
        "q=NOT+NOT",
        "q=*",
        "q=name:",
        "q=" + "x" * 10_000,
        "q=%00%07%1b",
        "foo=bar",
        "g=atlantis",
        "d=NOPE",
        "t=sterren",
        "l=-4",
        "l=abc",
        "wacht=9999",
        "sort=random",
        "p=-1",
        "p=99999",
        "p=abc",
        "lat=1&lon=1",
        "taal=x1",
        "d=AMB-BEG&d=AMB-BEG",
        "kenmerk=vliegen",
    ],
)
def test_bad_input_never_breaks(published_client, query):
    response = published_client.get(f"/zoeken?{query}", follow_redirects=True)
    assert response.status_code == 200
    # The API says no where the page drops a value with a notice.
    response = published_client.get(f"/api/v1/providers?{query}")
    assert response.status_code in (200, 400), query
    if response.status_code == 200:
        assert response.get_json()["meta"]["total"] >= 0


def test_unknown_values_are_shown_as_a_notice(published_client):
    page = published_client.get("/zoeken?g=atlantis&d=AMB-DYS")
    assert page.status_code == 200
    assert "atlantis" in page.get_data(as_text=True)
    response = published_client.get("/api/v1/providers?g=atlantis")
    assert response.status_code == 400
    assert response.get_json()["error"]["details"] == [{"parameter": "g", "value": "atlantis"}]


def test_canonical_urls(published_client):
    response = published_client.get("/zoeken?t=dyslexie&q=&g=enschede&d=AMB-DYS&p=1")
    assert response.status_code == 302
    assert response.headers["Location"].endswith("/zoeken?g=enschede&d=AMB-DYS&t=dyslexie")


def test_sorting_puts_missing_figures_last(published_client):
    # T001's satisfaction is 87.5 % (n=40), T004's 8.1 (n=120), T002 has none.
    by_satisfaction = api(published_client, "sort=tevredenheid")["results"]
    assert [r["id"] for r in by_satisfaction] == ["T001", "T004", "T002"]
    # Waiting times: T004 0 weeks, T001 4, T002 10.
    by_waiting = api(published_client, "sort=wachttijd")["results"]
    assert [r["id"] for r in by_waiting] == ["T004", "T001", "T002"]
    # T001's uitval figure has n=6 (< 10): shown as "not enough data", never as a number.
    assert by_satisfaction[0]["cijfers"]["uitval"]["status"] == "te_weinig_gegevens"
    assert "waarde" not in by_satisfaction[0]["cijfers"]["uitval"]


def _database_answer(day, gemeente, diensten, thema, taal):
    """Providers the database says match, computed independently with SQL."""
    query = (
        select(Contract.aanbieder_id)
        .join(ContractGemeente)
        .join(Aanbieder, Aanbieder.id == Contract.aanbieder_id)
        .where(
            Contract.status == "actief",
            Contract.ingangsdatum <= day,
            (Contract.einddatum.is_(None)) | (Contract.einddatum >= day),
            Aanbieder.uit_register_sinds.is_(None),
        )
    )
    if gemeente:
        query = query.where(ContractGemeente.gemeente_cbs == gemeente)
    if diensten:
        query = query.where(Contract.dienst_code.in_(diensten))
    found = set(db.session.scalars(query))
    if thema:
        found &= set(
            db.session.scalars(
                select(AanbiederThema.aanbieder_id).where(AanbiederThema.thema_code == thema)
            )
        )
    if taal:
        found &= set(
            db.session.scalars(select(AanbiederTaal.aanbieder_id).where(AanbiederTaal.taal == taal))
        )
    return found


@pytest.fixture
def demo(demo_db, ref):
    """The reference data, while `db.session` is the shared demo register's database."""
    return ref


# function_scoped_fixture: `demo` is function-scoped only to hold the app context of the
# demo register, which is shared read-only; the examples may share it as the tests do.
@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(data=st.data())
def test_facet_counts_equal_database_counts(demo_client, demo, data):
    gemeenten = [g for g in demo.gemeenten]
    g = data.draw(st.sampled_from([None, *gemeenten]))
    diensten = data.draw(
        st.lists(st.sampled_from(list(demo.dienst_codes)), max_size=2, unique=True)
    )
    thema = data.draw(st.sampled_from([None, "autisme", "adhd", "dyslexie", "trauma"]))
    query = "&".join(
        [f"g={g.slug}" if g else "", *[f"d={d}" for d in diensten], f"t={thema}" if thema else ""]
    )
    answer = api(demo_client, query + "&p=1")
    cbs = g.cbs if g else None
    day = clock.today()
    expected = _database_answer(day, cbs, diensten, thema, None)
    assert answer["total"] == len(expected)
    for code, count in list(answer["facets"]["taal"].items())[:4]:
        assert count == len(
            _database_answer(day, cbs, diensten, thema, None)
            & _database_answer(day, cbs, diensten, None, code)
        ), code
    for other in gemeenten[:3]:
        assert answer["facets"]["g"][other.cbs] == len(
            _database_answer(day, other.cbs, diensten, thema, None)
        )


def test_result_figures_are_one_short_line_each(published_client):
    html = published_client.get("/zoeken?q=dyslexie").get_data(as_text=True)
    # T001's satisfaction is about AMB-DYS, the service it was found through.
    assert "Cijfers over Ernstige dyslexie:" in html
    assert "<strong>87,5\u00a0%</strong> tevreden · 40 cliënten · 2025" in html
    # Its uitval is about the provider as a whole, below the minimum n, and says so.
    assert 'Uitval: te weinig gegevens (n = 6) <span class="hint">(hele aanbieder)</span>' in html
    # A figure's source and whole period are on the provider page, not on the card (the
    # waiting time does name its source: it changes weekly, issue 15).
    assert "Cliëntervaringsonderzoek" not in html and "1 jan 2025" not in html
