"""Every rule where REGISTER.md is strict: a broken file is refused with a message that
names the place, and nothing that is published changes. (Where the contract is silent,
the site only warns: tests/test_register_contract.py.)"""

from __future__ import annotations

import datetime as dt

import pytest

from app.domain.queries import published_run
from app.extensions import db
from tests.conftest import VALID, csv_to_xlsx, read_csv, set_cell, snapshot, write_csv

# (sheet, Excel row, column, bad value, words the message must contain)
BAD_CELLS = [
    ("aanbieders", 3, "kvk", "1234567", "precies 8 cijfers"),
    ("aanbieders", 3, "kvk", "1234567A", "precies 8 cijfers"),
    ("aanbieders", 2, "agb", "12", "precies 8 cijfers"),
    ("aanbieders", 2, "website", "www.beuk.example", "http"),
    ("aanbieders", 2, "email", "info-at-beuk", "e-mailadres"),
    ("aanbieders", 2, "leeftijd_min", "-1", "tussen 0 en 120"),
    ("aanbieders", 2, "leeftijd_max", "130", "tussen 0 en 120"),
    ("aanbieders", 2, "leeftijd_min", "twaalf", "getal"),
    ("aanbieders", 2, "themas", "dyslexie;sterrenkunde", "Onbekende themacode"),
    ("aanbieders", 2, "talen", "nl;xx", "Onbekende taalcode"),
    ("aanbieders", 2, "huisbezoek", "misschien", "'ja' of 'nee'"),
    ("aanbieders", 2, "nieuwe_clienten", "soms", "ja, nee, wachtlijst"),
    ("aanbieders", 2, "wachttijd_weken", "-2", "0 of meer"),
    ("aanbieders", 2, "wachttijd_peildatum", "31-02-2026", "bestaat niet"),
    ("aanbieders", 2, "kit_datum", "gisteren", "geen datum"),
    ("aanbieders", 2, "naam", "", "verplicht"),
    ("locaties", 2, "lat", "48.8566", "niet in Nederland"),
    ("locaties", 2, "lon", "2.3522", "niet in Nederland"),
    ("locaties", 2, "postcode", "751 AB", "4 cijfers en 2 letters"),
    ("locaties", 2, "gemeente", "Amsterdam", "Onbekende gemeente"),
    ("locaties", 2, "aanbieder_id", "T999", "niet op het blad aanbieders"),
    ("contracten", 2, "dienst", "XYZ-1", "Onbekende dienstcode"),
    ("contracten", 3, "gemeenten", "Hengelo;Amsterdam", "Onbekende gemeente"),
    ("contracten", 2, "einddatum", "2024-12-31", "vóór de ingangsdatum"),
    ("contracten", 2, "status", "gepauzeerd", "actief, opgeschort, beeindigd"),
    ("contracten", 6, "niveaus", "A;F", "Onbekend niveau"),
    ("contracten", 2, "aanbieder_id", "T999", "niet op het blad aanbieders"),
    ("contracten", 2, "ingangsdatum", "", "verplicht"),
    ("kwaliteit", 2, "waarde", "120", "tussen 0 en 100"),
    ("kwaliteit", 5, "waarde", "11", "tussen 1 en 10"),
    ("kwaliteit", 2, "waarde", "veel", "getal"),
    ("kwaliteit", 2, "aantal", "-5", "0 of meer"),
    ("kwaliteit", 2, "indicator", "wachtlijst", "Onbekende indicator"),
    ("kwaliteit", 3, "eenheid", "cijfer", "past niet bij uitval"),
    ("kwaliteit", 2, "bron", "", "verplicht"),
]


@pytest.fixture
def published(do_import, app, store):
    """The valid register is live; returns a snapshot of everything published."""
    assert do_import(VALID).outcome == "gepubliceerd"
    return snapshot(app, store), published_run(db.session).id


def assert_refused_and_unchanged(
    result, published, app, store, *, sheet=None, row=None, column=None, words=None
):
    before, version = published
    assert result.outcome == "afgewezen"
    assert not result.ok
    if words is not None:
        matching = [p for p in result.report.errors if words in p.melding]
        assert matching, [str(p) for p in result.report.errors]
        problem = matching[0]
        assert (problem.blad, problem.rij, problem.kolom) == (sheet, row, column)
        assert problem.bestand
    assert snapshot(app, store) == before
    assert published_run(db.session).id == version


@pytest.mark.parametrize("sheet,row,column,value,words", BAD_CELLS)
def test_bad_cell_is_refused_with_its_place(
    sheet, row, column, value, words, register_copy, published, do_import, app, store
):
    set_cell(register_copy, sheet, row, column, value)
    result = do_import(register_copy)
    assert_refused_and_unchanged(
        result, published, app, store, sheet=sheet, row=row, column=column, words=words
    )


def test_duplicate_aanbieder_id(register_copy, published, do_import, app, store):
    set_cell(register_copy, "aanbieders", 4, "aanbieder_id", "T001")
    result = do_import(register_copy)
    assert_refused_and_unchanged(
        result,
        published,
        app,
        store,
        sheet="aanbieders",
        row=4,
        column="aanbieder_id",
        words="komt vaker voor (ook op rij 2)",
    )


def test_age_range_and_waiting_time_need_consistent_values(
    register_copy, published, do_import, app, store
):
    set_cell(register_copy, "aanbieders", 2, "leeftijd_min", "19")
    set_cell(register_copy, "aanbieders", 3, "wachttijd_peildatum", "")
    result = do_import(register_copy)
    assert_refused_and_unchanged(
        result,
        published,
        app,
        store,
        sheet="aanbieders",
        row=2,
        column="leeftijd_min",
        words="hoger dan leeftijd_max",
    )
    assert any(p.rij == 3 and "peildatum" in p.melding for p in result.report.errors)


def test_missing_required_column(register_copy, published, do_import, app, store):
    rows = read_csv(register_copy / "aanbieders.csv")
    index = rows[0].index("kvk")
    write_csv(register_copy / "aanbieders.csv", [r[:index] + r[index + 1 :] for r in rows])
    result = do_import(register_copy)
    assert_refused_and_unchanged(
        result,
        published,
        app,
        store,
        sheet="aanbieders",
        row=1,
        column="kvk",
        words="verplichte kolom 'kvk' ontbreekt",
    )


def test_missing_sheet(register_copy, published, do_import, app, store):
    (register_copy / "kwaliteit.csv").unlink()
    result = do_import(register_copy)
    assert_refused_and_unchanged(
        result,
        published,
        app,
        store,
        sheet="kwaliteit",
        row=None,
        column=None,
        words="'kwaliteit' ontbreekt",
    )


def test_all_problems_are_reported_in_one_run(register_copy, published, do_import, app, store):
    set_cell(register_copy, "aanbieders", 2, "kvk", "1")
    set_cell(register_copy, "locaties", 3, "lat", "10")
    set_cell(register_copy, "contracten", 4, "dienst", "NOPE")
    set_cell(register_copy, "kwaliteit", 5, "aantal", "-1")
    result = do_import(register_copy)
    places = {(p.blad, p.rij) for p in result.report.errors}
    assert {("aanbieders", 2), ("locaties", 3), ("contracten", 4), ("kwaliteit", 5)} <= places
    assert_refused_and_unchanged(result, published, app, store)


def test_empty_workbook_is_refused(tmp_path, published, do_import, app, store):
    from openpyxl import Workbook

    path = tmp_path / "leeg.xlsx"
    Workbook().save(path)
    result = do_import(path)
    assert_refused_and_unchanged(
        result,
        published,
        app,
        store,
        sheet="aanbieders",
        row=None,
        column=None,
        words="'aanbieders' ontbreekt",
    )
    assert len([p for p in result.report.errors if "ontbreekt" in p.melding]) == 4


def test_workbook_with_headers_but_no_providers_is_refused(
    tmp_path, register_copy, published, do_import, app, store
):
    for name in ("aanbieders", "locaties", "contracten", "kwaliteit"):
        path = register_copy / f"{name}.csv"
        write_csv(path, read_csv(path)[:1])
    result = do_import(register_copy)
    assert_refused_and_unchanged(
        result,
        published,
        app,
        store,
        sheet="aanbieders",
        row=None,
        column=None,
        words="geen aanbieders",
    )


def test_file_that_is_not_a_workbook(tmp_path, published, do_import, app, store):
    path = tmp_path / "register.xlsx"
    path.write_text("Dit is een brief, geen werkmap.", encoding="utf-8")
    result = do_import(path)
    assert_refused_and_unchanged(
        result, published, app, store, sheet=None, row=None, column=None, words="geen Excel-werkmap"
    )


def test_missing_file(tmp_path, published, do_import, app, store):
    result = do_import(tmp_path / "bestaat-niet.xlsx")
    assert_refused_and_unchanged(
        result, published, app, store, sheet=None, row=None, column=None, words="bestaat niet"
    )


def test_formula_in_a_number_column_is_not_evaluated(tmp_path, published, do_import, app, store):
    path = csv_to_xlsx(VALID, tmp_path / "formule.xlsx", {("aanbieders", 2, "kvk"): "=12345670+8"})
    result = do_import(path)
    assert_refused_and_unchanged(
        result,
        published,
        app,
        store,
        sheet="aanbieders",
        row=2,
        column="kvk",
        words="precies 8 cijfers",
    )
    assert any("formule" in p.melding and p.rij == 2 for p in result.report.warnings)


def test_formula_in_a_text_column_is_stored_as_text(tmp_path, do_import):
    from app.domain.models import Aanbieder

    path = csv_to_xlsx(
        VALID,
        tmp_path / "formule.xlsx",
        {("aanbieders", 2, "omschrijving"): '=CONCAT("Hulp ", "thuis")'},
    )
    result = do_import(path)
    assert result.outcome == "gepubliceerd"
    assert db.session.get(Aanbieder, "T001").omschrijving == '=CONCAT("Hulp ", "thuis")'
    assert any(p.kolom == "omschrijving" and "formule" in p.melding for p in result.report.warnings)


def test_excel_workbook_with_typed_cells(tmp_path, do_import):
    """Dates as Excel dates, numbers as numbers, a KvK as a number: all accepted."""
    from app.domain.models import Aanbieder, Contract

    path = csv_to_xlsx(
        VALID,
        tmp_path / "register.xlsx",
        {
            ("aanbieders", 2, "kvk"): 12345678,
            ("aanbieders", 2, "wachttijd_peildatum"): dt.datetime(2026, 10, 1),
            ("aanbieders", 2, "leeftijd_min"): 6,
            ("contracten", 2, "ingangsdatum"): dt.date(2025, 1, 1),
            ("kwaliteit", 2, "waarde"): 87.5,
        },
    )
    result = do_import(path)
    assert result.outcome == "gepubliceerd", [str(p) for p in result.report.problems]
    provider = db.session.get(Aanbieder, "T001")
    assert provider.kvk == "12345678"
    assert provider.wachttijd_peildatum == dt.date(2026, 10, 1)
    assert db.session.query(Contract).count() == 6


def test_kvk_that_lost_its_leading_zero_in_excel(tmp_path, do_import):
    path = csv_to_xlsx(VALID, tmp_path / "register.xlsx", {("aanbieders", 2, "kvk"): 1234567})
    result = do_import(path)
    assert result.outcome == "afgewezen"
    assert any("voorloopnul" in p.melding for p in result.report.errors)


def test_csv_in_windows_1252_is_read_with_a_warning(tmp_path, do_import):
    from app.domain.models import Aanbieder

    folder = tmp_path / "ansi"
    folder.mkdir()
    for file in VALID.glob("*.csv"):
        write_csv(folder / file.name, read_csv(file), encoding="cp1252")
    result = do_import(folder)
    assert result.outcome == "gepubliceerd"
    assert (
        db.session.get(Aanbieder, "T002").omschrijving
        == "Wij begeleiden cliënten met autisme thuis."
    )
    assert any("Windows-1252" in p.melding for p in result.report.warnings)


def test_csv_that_is_no_text_at_all_is_refused(register_copy, published, do_import, app, store):
    (register_copy / "locaties.csv").write_bytes(b"aanbieder_id\n\x81\x8d\x8f\x90\x9d\n")
    result = do_import(register_copy)
    assert_refused_and_unchanged(
        result, published, app, store, sheet=None, row=None, column=None, words="geen UTF-8"
    )


def test_comma_delimited_csv_with_bom_and_loose_headers(tmp_path, do_import):
    from app.domain.models import Aanbieder

    folder = tmp_path / "komma"
    folder.mkdir()
    for file in VALID.glob("*.csv"):
        rows = read_csv(file)
        if file.stem == "aanbieders":
            rows[0] = [
                h.replace("nieuwe_clienten", " Nieuwe_Cliënten ").replace("naam", "NAAM")
                for h in rows[0]
            ]
            rows[0].append("interne_notitie")
            for row in rows[1:]:
                row.append("niet voor de site")
        write_csv(folder / file.name, rows, delimiter=",", encoding="utf-8-sig")
    result = do_import(folder)
    assert result.outcome == "gepubliceerd", [str(p) for p in result.report.problems]
    assert db.session.get(Aanbieder, "T002").nieuwe_clienten == "wachtlijst"
    unknown = [p for p in result.report.warnings if p.kolom == "interne_notitie"]
    assert unknown and "Onbekende kolom" in unknown[0].melding
