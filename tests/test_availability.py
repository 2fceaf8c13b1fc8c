"""The weekly availability file (REGISTER.md, "The availability file"): every rule, all or
nothing, newest wins, the register's own newer measurement stays, old after six weeks,
and the filters and facet counts that use it.

The valid register (tests/data/valid) on the pinned day 2026-11-23: T001 waits 4 weeks
(measured 2026-10-01) and takes new clients, contracted for AMB-DYS everywhere; T002
waits 10 weeks (2026-10-01, wachtlijst), AMB-BEG in Hengelo; T004 waits 0 weeks
(2026-11-01), WMO-OB2 in Almelo and Borne and WMO-HO everywhere.
"""

from __future__ import annotations

import csv
from pathlib import Path

import pytest
from sqlalchemy import func, select

from app.domain.availability import Value
from app.domain.models import Aanbieder, Beschikbaarheid, ImportRun
from app.extensions import db
from app.opendata.exports.hsds.writer import hsds_id
from app.register.availability import run_availability
from tests.conftest import TODAY, VALID

HEADER = [
    "aanbieder_id",
    "dienst",
    "gemeente",
    "wachttijd_weken",
    "neemt_nieuwe_clienten",
    "peildatum",
    "bron",
]
SOURCE = "aanbieder, wekelijkse opgave"


def write(folder: Path, *rows: list[str], header: list[str] = HEADER, delimiter: str = ";"):
    path = folder / "beschikbaarheid.csv"
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, delimiter=delimiter)
        writer.writerow(header)
        writer.writerows(rows)
    return path


@pytest.fixture
def published(do_import):
    result = do_import(VALID)
    assert result.outcome == "gepubliceerd"
    return result


@pytest.fixture
def available(app, ref, published, tmp_path):
    """Import an availability file made of `rows`; returns the ImportResult."""

    def run(*rows, dry_run=False, **options):
        folder = tmp_path / f"week{len(list(tmp_path.iterdir()))}"
        folder.mkdir()
        result = run_availability(db.session, write(folder, *rows, **options), ref, dry_run=dry_run)
        # A serving process's watcher sees the new Publication.state within seconds and
        # makes a new catalog (app/search/live.py); here at once, so the tests need not wait.
        live_search = app.extensions["live_search"]
        if live_search.snapshot is not None:
            live_search.refresh()
        return result

    return run


def stored():
    return db.session.scalar(select(func.count()).select_from(Beschikbaarheid))


def problems(result, level):
    return [(p.rij, p.kolom, p.melding) for p in result.report.problems if p.niveau == level]


def providers(client, query):
    body = client.get(f"/api/v1/providers?{query}").get_json()
    return {p["id"]: p for p in body["data"]}, body["meta"]["facets"]


# --- the rules --------------------------------------------------------------------


@pytest.mark.parametrize(
    ("row", "column", "says"),
    [
        (["T999", "", "", "3", "", "2026-11-16", SOURCE], "aanbieder_id", "niet in het gepubl"),
        (["T001", "", "", "", "", "2026-11-16", SOURCE], "wachttijd_weken", "Vul wachttijd_weken"),
        (["T001", "", "", "3", "", "2026-11-30", SOURCE], "peildatum", "in de toekomst"),
        (["T001", "", "", "105", "", "2026-11-16", SOURCE], "wachttijd_weken", "104"),
        (["T001", "", "", "-1", "", "2026-11-16", SOURCE], "wachttijd_weken", ""),
        (["T001", "", "", "3,5", "", "2026-11-16", SOURCE], "wachttijd_weken", ""),
        (["T001", "", "", "", "misschien", "2026-11-16", SOURCE], "neemt_nieuwe_clienten", ""),
        (["T001", "XYZ", "", "3", "", "2026-11-16", SOURCE], "dienst", ""),
        (["T001", "", "Atlantis", "3", "", "2026-11-16", SOURCE], "gemeente", ""),
        (["T001", "", "", "3", "", "", SOURCE], "peildatum", ""),
        (["T001", "", "", "3", "", "16 nov", SOURCE], "peildatum", ""),
        (["T001", "", "", "3", "", "2026-11-16", ""], "bron", ""),
        (["", "", "", "3", "", "2026-11-16", SOURCE], "aanbieder_id", ""),
    ],
)
def test_every_error_is_reported_at_its_cell_and_nothing_is_stored(available, row, column, says):
    good = ["T002", "", "", "8", "wachtlijst", "2026-11-16", SOURCE]
    result = available(good, row)
    assert result.outcome == "afgewezen"
    errors = problems(result, "fout")
    assert [(r, c) for r, c, _ in errors] == [(3, column)], errors
    assert says in errors[0][2]
    assert stored() == 0  # not even the good row: all or nothing
    run = db.session.get(ImportRun, result.run_id)
    assert (run.soort, run.uitkomst) == ("beschikbaarheid", "afgewezen")


def test_a_file_without_the_required_columns_or_sheet_is_refused(available, app, ref, tmp_path):
    result = available(["T001", "3", SOURCE], header=["aanbieder_id", "wachttijd_weken", "bron"])
    assert result.outcome == "afgewezen"
    assert any("peildatum" in p.melding for p in result.report.problems if p.niveau == "fout")
    other = tmp_path / "anders.xlsx"
    from openpyxl import Workbook

    book = Workbook()
    book.active.title = "iets"
    book.save(other)
    result = run_availability(db.session, other, ref)
    assert result.outcome == "afgewezen"
    assert any("beschikbaarheid" in p.melding for p in result.report.problems)
    assert stored() == 0


def test_every_allowed_way_of_writing_imports_without_errors(available):
    result = available(
        ["T001", "AMB-DYS", "Enschede", "3", "ja", "16-11-2026", SOURCE],
        ["T001", "", "0153", "2", "", "2026-11-17", SOURCE],
        ["T002", "AMB-BEG", "hengelo", "", "wachtlijst", "9-11-2026", SOURCE],
        ["T004", "", "", "0", "JA", "2026-11-20", SOURCE],
        header=[h.upper() + " " for h in HEADER],
        delimiter=",",
    )
    assert problems(result, "fout") == []
    assert result.outcome == "gepubliceerd"
    assert stored() == 4


def test_what_the_site_would_like_but_the_contract_allows_is_a_warning(available):
    result = available(
        ["T001", "WMO-HO", "", "3", "", "2026-11-16", SOURCE],  # no contract for WMO-HO
        ["T004", "", "", "5", "", "2026-10-20", SOURCE],  # older than the register's own
        ["T002", "", "", "6", "", "2026-10-05", SOURCE],  # more than six weeks old
        ["T002", "AMB-BEG", "", "7", "", "2026-11-16", SOURCE],
        ["T002", "AMB-BEG", "", "8", "", "2026-11-16", SOURCE],  # the same place and date
    )
    assert problems(result, "fout") == []
    warnings = problems(result, "waarschuwing")
    assert [(r, c) for r, c, _ in warnings] == [
        (6, "peildatum"),
        (2, "dienst"),
        (3, "peildatum"),
        (4, "peildatum"),
    ]
    assert "geen contract" in warnings[1][2] and "ouder dan de wachttijd" in warnings[2][2]
    assert "zes weken" in warnings[3][2] and "rij 5" in warnings[0][2]
    assert result.outcome == "gepubliceerd" and stored() == 5


def test_without_a_published_register_nothing_is_imported(app, ref, tmp_path):
    path = write(tmp_path, ["T001", "", "", "3", "", "2026-11-16", SOURCE])
    result = run_availability(db.session, path, ref)
    assert result.outcome == "afgewezen"
    assert "Importeer eerst het register" in str(result.report.problems[0])


def test_a_dry_run_and_the_same_file_twice_change_nothing(available):
    row = ["T002", "", "", "6", "", "2026-11-16", SOURCE]
    assert available(row, dry_run=True).outcome == "goedgekeurd"
    assert stored() == 0
    assert available(row).outcome == "gepubliceerd"
    assert available(row).outcome == "ongewijzigd"
    assert stored() == 1
    kinds = db.session.scalars(select(ImportRun.soort).order_by(ImportRun.id)).all()
    assert kinds[-3:] == ["validatie beschikbaarheid", "beschikbaarheid", "beschikbaarheid"]


def test_a_failure_inside_the_import_is_recorded_and_publishes_nothing(available, monkeypatch):
    import app.register.availability.publish as publish

    def broken(*args, **kwargs):
        raise RuntimeError("schijf vol")

    monkeypatch.setattr(publish, "insert_rows", broken)
    result = available(["T002", "", "", "6", "", "2026-11-16", SOURCE])
    assert result.outcome == "mislukt"
    db.session.rollback()
    assert stored() == 0
    assert db.session.get(ImportRun, result.run_id).uitkomst == "mislukt"


# --- what counts ----------------------------------------------------------------


def test_newest_wins_and_history_is_kept(available, client):
    available(["T002", "", "", "8", "wachtlijst", "2026-11-09", SOURCE])
    available(
        ["T002", "", "", "6", "ja", "2026-11-16", SOURCE],
        ["T002", "", "", "12", "nee", "2026-11-02", "late opgave"],  # older: history only
    )
    found, _ = providers(client, "")
    t002 = found["T002"]
    assert (t002["wachttijd_weken"], t002["nieuwe_clienten"]) == (6, "ja")
    assert t002["beschikbaarheid"]["wachttijd"] == {
        "waarde": 6,
        "peildatum": "2026-11-16",
        "bron": SOURCE,
        "oud": False,
    }
    assert stored() == 3  # nothing erased
    page = client.get("/aanbieder/T002/geschiedenis").get_data(as_text=True)
    assert "12" in page and "late opgave" in page
    # The register itself still says 10 weeks: the file never touches it.
    assert db.session.get(Aanbieder, "T002").wachttijd_weken == 10


def test_a_measurement_older_than_the_registers_own_does_not_replace_it(available, client):
    available(["T004", "", "", "5", "nee", "2026-10-20", SOURCE])
    found, _ = providers(client, "")
    assert found["T004"]["beschikbaarheid"]["wachttijd"]["waarde"] == 0
    assert found["T004"]["beschikbaarheid"]["wachttijd"]["bron"] == "contractregister"
    available(["T004", "", "", "5", "nee", "2026-11-02", SOURCE])
    found, _ = providers(client, "")
    assert found["T004"]["beschikbaarheid"]["wachttijd"]["waarde"] == 5


def test_old_after_six_weeks():
    six_weeks = Value(3, TODAY.replace(day=12).replace(month=10), "x")  # 2026-10-12: 42 days
    assert not six_weeks.old(TODAY)
    assert Value(3, TODAY.replace(month=10, day=11), "x").old(TODAY)


def test_the_pages_say_date_source_and_old(available, client):
    available(
        ["T002", "AMB-BEG", "", "6", "", "2026-10-05", SOURCE],
        ["T002", "AMB-BEG", "", "4", "", "2026-10-12", SOURCE],
        ["T002", "AMB-BEG", "", "3", "ja", "2026-11-16", SOURCE],
    )
    page = client.get("/aanbieder/T002", follow_redirects=True).get_data(as_text=True)
    assert "3 weken" in page and "gemeten 16 nov 2026" in page and SOURCE in page
    # The trend: a picture, and the same numbers in words.
    assert "<svg" in page and 'class="trend-line"' in page
    assert "1 okt: 10 weken; 5 okt: 6 weken; 12 okt: 4 weken; 16 nov: 3 weken" in page
    # T001's only measurement is the register's of 2026-10-01: old.
    t001 = client.get("/aanbieder/T001", follow_redirects=True).get_data(as_text=True)
    assert "bron: contractregister" in t001 and '<span class="old">oud</span>' in t001
    cards = client.get("/zoeken?g=hengelo").get_data(as_text=True)
    assert "3 weken" in cards and SOURCE in cards
    compare = client.get("/vergelijk?a=T001&a=T002").get_data(as_text=True)
    assert "3 weken (gemeten 16 nov 2026, bron: " + SOURCE in compare


def test_filters_and_facet_counts_use_the_newest_measurement(available, client):
    found, facets = providers(client, "wacht=4")
    assert set(found) == {"T001", "T004"} and facets["wacht"]["4"] == 2
    assert facets["kenmerk"]["nieuw"] == 2  # T001 and T004 say "ja" in the register
    available(
        ["T001", "", "", "8", "wachtlijst", "2026-11-16", SOURCE],
        ["T002", "", "", "2", "ja", "2026-11-16", SOURCE],
    )
    found, facets = providers(client, "wacht=4")
    assert set(found) == {"T002", "T004"} and facets["wacht"]["4"] == 2
    assert facets["wacht"]["8"] == 3
    found, facets = providers(client, "kenmerk=nieuw")
    assert set(found) == {"T002", "T004"} and facets["kenmerk"]["nieuw"] == 2


def test_per_service_and_gemeente_the_filter_asks_about_the_pair(available, client):
    # T004 takes nobody for WMO-OB2 in Almelo any more; WMO-HO still waits 0 weeks.
    available(["T004", "WMO-OB2", "Almelo", "20", "nee", "2026-11-16", SOURCE])
    found, _ = providers(client, "g=almelo&d=WMO-OB2&wacht=4")
    assert "T004" not in found
    found, _ = providers(client, "g=borne&d=WMO-OB2&wacht=4")
    assert "T004" in found
    found, _ = providers(client, "g=almelo&d=WMO-HO&kenmerk=nieuw")
    assert "T004" in found
    found, _ = providers(client, "g=almelo&d=WMO-OB2&kenmerk=nieuw")
    assert "T004" not in found
    # Each result says what counts for the search, as its card does.
    found, _ = providers(client, "g=almelo&d=WMO-OB2")
    assert found["T004"]["beschikbaarheid"]["wachttijd"]["waarde"] == 20
    assert found["T004"]["beschikbaarheid"]["nieuwe_clienten"]["waarde"] == "nee"
    found, _ = providers(client, "g=borne&d=WMO-OB2")
    assert found["T004"]["beschikbaarheid"]["wachttijd"]["waarde"] == 0
    detail = client.get("/api/v1/providers/T004").get_json()["data"]
    lines = {line["dienst"]: line for line in detail["beschikbaarheid_per_dienst"]}
    groups = {tuple(g["gemeenten"]): g for g in lines["WMO-OB2"]["gemeenten"]}
    assert groups[("0141",)]["wachttijd"]["waarde"] == 20
    assert groups[("0147",)]["wachttijd"]["waarde"] == 0


def test_csv_and_hsds_carry_availability(available, client):
    available(["T002", "AMB-BEG", "", "6", "ja", "2026-11-16", SOURCE])
    text = client.get("/api/v1/export/contracten.csv").get_data(as_text=True)
    rows = list(csv.DictReader(text.lstrip("\ufeff").splitlines(), delimiter=";"))
    t002 = next(r for r in rows if r["aanbieder_id"] == "T002")
    assert (t002["wachttijd_weken"], t002["wachttijd_peildatum"], t002["wachttijd_bron"]) == (
        "6",
        "2026-11-16",
        SOURCE,
    )
    assert (t002["nieuwe_clienten"], t002["beschikbaarheid_oud"]) == ("ja", "nee")
    hsds = client.get("/api/v1/export/hsds.json").get_json()
    services = [
        s for s in hsds["service"] if s["organization_id"] == hsds_id("organization", "T002")
    ]
    assert services[0]["wait_time"] == f"6 weken (gemeten op 2026-11-16, bron: {SOURCE})"


# --- the command and its report ------------------------------------------------


def test_the_command_and_its_report_mark_the_cells(runner, published, tmp_path):
    from openpyxl import load_workbook

    path = write(
        tmp_path,
        ["T001", "", "", "3", "", "2026-11-16", SOURCE],
        ["T999", "", "", "3", "", "2026-11-16", SOURCE],
        ["T001", "", "", "3", "", "2026-11-30", SOURCE],
    )
    out = tmp_path / "rapport.xlsx"
    result = runner.invoke(args=["register", "availability", str(path), "--report", str(out)])
    assert result.exit_code == 1, result.output
    assert "Traceback" not in result.output and "afgewezen" in result.output
    book = load_workbook(out)
    assert book.sheetnames[0] == "problemen"
    sheet = book["beschikbaarheid"]
    assert "niet in het gepubliceerde" in sheet["A3"].comment.text
    assert "toekomst" in sheet["F4"].comment.text
    assert sheet["A2"].comment is None
    assert stored() == 0
    path = write(tmp_path, ["T001", "", "", "3", "", "2026-11-16", SOURCE])
    result = runner.invoke(args=["register", "availability", str(path)])
    assert result.exit_code == 0, result.output
    assert stored() == 1
    assert "1 nieuwe meting gepubliceerd." in result.output  # not "wijzigingen"
