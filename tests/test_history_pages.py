"""Changed versus checked, and the history per provider, as pages, API, CSV and HSDS show
them."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json

import pytest

from tests.conftest import VALID, finished_on, read_csv, set_cell, write_csv


@pytest.fixture
def three_imports(do_import, register_copy):
    """T001 changes once (3 March); the register is imported again unchanged (1 November)."""
    first = do_import(VALID)
    finished_on(first.run_id, dt.date(2026, 1, 10))
    set_cell(register_copy, "aanbieders", 2, "telefoon", "085 000 0099")
    rows = read_csv(register_copy / "contracten.csv")
    rows[6][6] = "opgeschort"  # T004's WMO-HO
    write_csv(register_copy / "contracten.csv", rows)
    second = do_import(register_copy)
    finished_on(second.run_id, dt.date(2026, 3, 3))
    third = do_import(register_copy)
    finished_on(third.run_id, dt.date(2026, 11, 1))
    assert third.outcome == "ongewijzigd"
    return first, second, third


def test_the_provider_page_says_when_its_data_changed_and_was_checked(three_imports, client):
    page = client.get("/aanbieder/T001", follow_redirects=True).get_data(as_text=True)
    assert "Gegevens gewijzigd op 3 maart; gecontroleerd op 1 november." in page
    assert "Cijfer gewijzigd op 10 januari; gecontroleerd op 1 november." in page
    other = client.get("/aanbieder/T002", follow_redirects=True).get_data(as_text=True)
    assert "Gegevens gewijzigd op 10 januari; gecontroleerd op 1 november." in other
    english = client.get("/aanbieder/T001?lang=en", follow_redirects=True).get_data(as_text=True)
    assert "Data changed on 3 March; checked on 1 November." in english


def test_api_and_csv_carry_changed_and_checked(three_imports, client):
    detail = client.get("/api/v1/providers/T001").get_json()["data"]
    assert (detail["gegevens_gewijzigd_op"], detail["gegevens_gecontroleerd_op"]) == (
        "2026-03-03",
        "2026-11-01",
    )
    figure = next(f for f in detail["cijfers"] if f["indicator"] == "clienttevredenheid")
    assert (figure["gewijzigd_op"], figure["gecontroleerd_op"]) == ("2026-01-10", "2026-11-01")
    listed = client.get("/api/v1/providers?q=beuk").get_json()["data"][0]
    assert (listed["gegevens_gewijzigd_op"], listed["gegevens_gecontroleerd_op"]) == (
        "2026-03-03",
        "2026-11-01",
    )
    contracts = _csv(client, "/api/v1/export/contracten.csv")
    t001 = next(r for r in contracts if r["aanbieder_id"] == "T001")
    assert (t001["gegevens_gewijzigd_op"], t001["gegevens_gecontroleerd_op"]) == (
        "2026-03-03",
        "2026-11-01",
    )
    figures = _csv(client, "/api/v1/export/kwaliteit.csv")
    assert {(r["gewijzigd_op"], r["gecontroleerd_op"]) for r in figures} == {
        ("2026-01-10", "2026-11-01")
    }


def _csv(client, path):
    text = client.get(path).get_data(as_text=True).lstrip("\ufeff")
    return list(csv.DictReader(io.StringIO(text), delimiter=";"))


def test_the_history_page_and_its_json_twin(three_imports, client):
    first, second, _ = three_imports
    page = client.get("/aanbieder/T001/geschiedenis").get_data(as_text=True)
    assert "Telefoon gewijzigd: was 085 000 0001, nu 085 000 0099." in page
    assert "Opgenomen in het contractregister." in page
    assert page.index("3 maart 2026") < page.index("10 januari 2026")  # newest first
    t004 = client.get("/aanbieder/T004/geschiedenis").get_data(as_text=True)
    assert "Het contract voor Huishoudelijke ondersteuning is opgeschort." in t004
    data = client.get("/api/v1/providers/T004/history").get_json()["data"]
    assert [i["run"] for i in data["imports"]] == [second.run_id, first.run_id]
    status = next(c for c in data["imports"][0]["wijzigingen"] if c["soort"] == "contract_status")
    assert (status["dienst"], status["oud"], status["nieuw"]) == ("WMO-HO", "actief", "opgeschort")
    assert status["tekst"] in t004
    assert client.get("/api/v1/providers/T001").get_json()["data"]["geschiedenis"] == (
        "/api/v1/providers/T001/history"
    )


def test_an_unknown_provider_has_no_history(client, do_import):
    do_import(VALID)
    assert client.get("/aanbieder/NOPE/geschiedenis").status_code == 404
    response = client.get("/api/v1/providers/NOPE/history")
    assert response.status_code == 404 and response.get_json()["error"]["status"] == 404


def test_hsds_metadata_is_the_change_history(three_imports, client):
    first, second, _ = three_imports
    document = json.loads(client.get("/api/v1/export/hsds.json").get_data(as_text=True))
    records = document["metadata"]
    phone = [r for r in records if r["field_name"] == "telefoon"]
    assert len(phone) == 1
    assert phone[0] | {"id": None, "resource_id": None} == {
        "id": None,
        "resource_id": None,
        "resource_type": "organization",
        "last_action_date": "2026-03-03",
        "last_action_type": "update",
        "field_name": "telefoon",
        "previous_value": "085 000 0001",
        "replacement_value": "085 000 0099",
        "updated_by": f"Contractregister Twente, import {second.run_id} (register)",
    }
    organizations = {o["id"] for o in document["organization"]}
    assert {r["resource_id"] for r in records} <= organizations
    created = {r["field_name"] for r in records if r["last_action_type"] == "create"}
    assert {"organization", "contract:AMB-DYS", "cijfer:clienttevredenheid:AMB-DYS"} <= created
