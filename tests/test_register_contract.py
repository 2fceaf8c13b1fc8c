"""Every file that follows REGISTER.md is accepted. What the site prefers beyond the
contract is a warning, never an error, and the value is kept (the strict rules are in
tests/test_register_rules.py)."""

from __future__ import annotations

import datetime as dt
import zipfile

import pytest
from openpyxl import Workbook

from app.domain.models import Aanbieder, Contract, Kwaliteitscijfer, Locatie
from app.domain.reference import from_document
from app.extensions import db
from app.register.publish import run_register
from tests.conftest import DATA, VALID, read_csv, set_cell, write_csv

CONTRACT_FOLDER = DATA / "contract"
CONTRACT_WORKBOOK = DATA / "contract.xlsx"


@pytest.mark.parametrize("path", [CONTRACT_FOLDER, CONTRACT_WORKBOOK], ids=["csv", "xlsx"])
def test_a_file_with_every_optional_column_and_way_of_writing_imports(path, do_import):
    result = do_import(path)
    assert result.outcome == "gepubliceerd", [str(p) for p in result.report.errors]
    assert result.report.errors == []
    assert result.counts == {"aanbieders": 4, "locaties": 4, "contracten": 10, "kwaliteit": 5}
    c001, c002, c003 = (db.session.get(Aanbieder, i) for i in ("C001", "C002", "C003"))
    assert (c001.hulp_op_afstand, c001.huisbezoek, c001.rolstoeltoegankelijk) == (True, False, True)
    assert (c002.kvk, c002.wachttijd_peildatum) == ("23456789", dt.date(2026, 10, 1))
    assert (c003.kvk, c003.nieuwe_clienten, c003.keuze_hulpverlener) == (
        "34567890",
        "wachtlijst",
        False,
    )
    assert sorted(t.taal for t in c001.talen) == ["ar", "en", "nl", "tr"]
    assert {loc.gemeente_cbs for loc in db.session.query(Locatie)} == {"0153", "0164", "0141"}
    levels = {c.dienst_code: c.niveaus for c in db.session.query(Contract)}
    assert levels["WMO-DB"] == ["A", "B"] and levels["WMO-OB1"] == ["D", "E"]
    values = sorted(f.waarde for f in db.session.query(Kwaliteitscijfer))
    assert values == [0.0, 5.0, 8.1, 70.0, 87.5]
    warned = {(p.blad, p.kolom) for p in result.report.warnings}
    assert warned == {("contracten", "niveaus")}


# (sheet, Excel row, column, value the contract allows, words of the warning, stored as)
STRICTER_THAN_THE_CONTRACT = [
    ("contracten", 2, "niveaus", "A", "geen niveaus", ["A"]),
    ("kwaliteit", 2, "periode_tot", "2024-01-01", "vóór periode_van", dt.date(2024, 1, 1)),
    ("aanbieders", 2, "omschrijving", "x" * 6000, "erg lang", "x" * 6000),
    ("aanbieders", 2, "naam", "Praktijk " + "n" * 400, "erg lang", "Praktijk " + "n" * 400),
    ("aanbieders", 2, "website", "https://intranet", "domeinnaam", "https://intranet"),
    ("aanbieders", 2, "email", "info@beuk", "ongewoon", "info@beuk"),
    ("aanbieders", 2, "leeftijd_min", "2,5", "hele jaren", 2),
    ("aanbieders", 2, "leeftijd_max", "17,5", "hele jaren", 18),
    ("locaties", 2, "postcode", "0511 AB", "niet met 0", "0511 AB"),
]
STORED_IN = {
    "contracten": (Contract, "niveaus"),
    "kwaliteit": (Kwaliteitscijfer, "periode_tot"),
    "locaties": (Locatie, "postcode"),
}


@pytest.mark.parametrize(
    "sheet,row,column,value,words,stored",
    STRICTER_THAN_THE_CONTRACT,
    ids=[f"{s}-{c}" for s, _, c, *_ in STRICTER_THAN_THE_CONTRACT],
)
def test_what_the_contract_does_not_forbid_is_a_warning_and_kept(
    sheet, row, column, value, words, stored, register_copy, do_import
):
    set_cell(register_copy, sheet, row, column, value)
    result = do_import(register_copy)
    assert result.outcome == "gepubliceerd", [str(p) for p in result.report.errors]
    warning = [p for p in result.report.warnings if words in p.melding]
    assert warning and (warning[0].blad, warning[0].rij, warning[0].kolom) == (sheet, row, column)
    model, attribute = STORED_IN.get(sheet, (Aanbieder, column))
    first = db.session.query(model).order_by(model.id).first()
    assert getattr(first, attribute) == stored


def test_a_long_provider_id_is_kept_and_its_page_works(register_copy, do_import, client):
    long_id = "REGIO-TWENTE-JEUGDHULP-AANBIEDER-000000000001"  # 45 characters
    for sheet in ("aanbieders", "locaties", "contracten", "kwaliteit"):
        path = register_copy / f"{sheet}.csv"
        rows = read_csv(path)
        write_csv(path, [[long_id if v == "T001" else v for v in r] for r in rows])
    result = do_import(register_copy)
    assert result.outcome == "gepubliceerd" and result.report.warnings == []
    assert db.session.get(Aanbieder, long_id) is not None
    assert client.get(f"/aanbieder/{long_id}", follow_redirects=True).status_code == 200


def test_a_column_twice_is_a_warning_and_the_first_counts(register_copy, do_import):
    rows = read_csv(register_copy / "aanbieders.csv")
    rows = [rows[0] + [" NAAM "]] + [r + ["kopie"] for r in rows[1:]]
    write_csv(register_copy / "aanbieders.csv", rows)
    result = do_import(register_copy)
    assert result.outcome == "gepubliceerd"
    doubled = [p for p in result.report.warnings if "twee keer" in p.melding]
    assert [(p.blad, p.rij, p.kolom) for p in doubled] == [("aanbieders", 1, " NAAM ")]
    assert db.session.get(Aanbieder, "T001").naam == "Testpraktijk De Beuk (fictief)"


def test_a_unit_the_reference_data_does_not_list_is_a_warning_for_other_indicators(
    ref, register_copy, app, store
):
    """REGISTER.md allows `cijfer` only for clienttevredenheid (strict, see the rules
    tests); an indicator the reference data adds is the site's knowledge: a warning."""
    document = dict(ref.document)
    document["indicatoren"] = [
        *document["indicatoren"],
        {
            "code": "wachtlijstduur",
            "naam": {"nl": "Wachtlijst"},
            "eenheden": ["procent"],
            "hoger_is_beter": False,
        },
    ]
    write_csv(
        register_copy / "kwaliteit.csv",
        [
            *read_csv(register_copy / "kwaliteit.csv"),
            ["T001", "wachtlijstduur", "", "7", "cijfer", "30", "2025-01-01", "2025-12-31", "x"],
        ],
    )
    result = run_register(db.session, register_copy, from_document(document), store)
    assert result.outcome == "gepubliceerd", [str(p) for p in result.report.errors]
    assert any("wachtlijstduur" in p.melding for p in result.report.warnings)


def _with_cached_formula(path, target):
    """A copy of the workbook in which kwaliteit!D2 is a formula whose value Excel
    stored with it (openpyxl cannot write one, so the XML is edited)."""
    with zipfile.ZipFile(path) as source, zipfile.ZipFile(target, "w") as copy:
        for item in source.infolist():
            data = source.read(item.filename)
            if item.filename.endswith("sheet4.xml"):
                text = data.decode()
                start = text.index('<c r="D2"')
                end = text.index("</c>", start) + len("</c>")
                text = text[:start] + '<c r="D2"><f>80+7.5</f><v>87.5</v></c>' + text[end:]
                data = text.encode()
            copy.writestr(item, data)
    return target


def test_a_formula_with_the_value_excel_stored_is_accepted_with_a_warning(tmp_path, do_import):
    workbook = Workbook()
    workbook.remove(workbook.active)
    for name in ("aanbieders", "locaties", "contracten", "kwaliteit"):
        sheet = workbook.create_sheet(name)
        for row in read_csv(VALID / f"{name}.csv"):
            sheet.append(row)
    plain = tmp_path / "plain.xlsx"
    workbook.save(plain)
    result = do_import(_with_cached_formula(plain, tmp_path / "formule.xlsx"))
    assert result.outcome == "gepubliceerd", [str(p) for p in result.report.errors]
    warned = [p for p in result.report.warnings if "formule" in p.melding]
    assert warned and (warned[0].blad, warned[0].rij, warned[0].kolom) == ("kwaliteit", 2, "waarde")
    assert db.session.query(Kwaliteitscijfer).order_by(Kwaliteitscijfer.id).first().waarde == 87.5
