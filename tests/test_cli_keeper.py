"""The keeper's commands never end in a traceback, bring the schema up to date
themselves, and mark the problems in a copy of the keeper's own file (--report)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from openpyxl import load_workbook
from openpyxl.comments import Comment
from openpyxl.styles import Font
from sqlalchemy import create_engine, select, text

from app import create_app
from app.domain.models import Aanbieder, ImportRun
from app.extensions import db
from app.register.annotated import write_annotated
from app.register.annotated.zip_edit import Unsupported, edit_workbook
from app.register.problems import Problem
from tests.conftest import VALID, _database_url, csv_to_xlsx, set_cell


@pytest.fixture
def bare_app(tmp_path_factory, worker_id, tmp_path):
    """An app on a database that has no tables at all (before `flask db upgrade`)."""
    url = _database_url(tmp_path_factory, worker_id, "bare")
    if url.startswith("postgresql"):
        engine = create_engine(url)
        with engine.begin() as conn:
            conn.execute(text("DROP SCHEMA public CASCADE; CREATE SCHEMA public"))
        engine.dispose()
    app = create_app(
        {
            "SQLALCHEMY_DATABASE_URI": url,
            "SEARCH_INDEX_DIR": str(tmp_path / "index"),
            "REGISTER_LOG": str(tmp_path / "register.log"),
            "TESTING": True,
        }
    )
    yield app
    with app.app_context():
        db.session.remove()
        db.engine.dispose()


def test_import_on_a_database_without_schema_brings_it_up_to_date(bare_app):
    result = bare_app.test_cli_runner().invoke(args=["register", "import", str(VALID)])
    assert result.exit_code == 0, result.output
    assert "schema" in result.output and "Traceback" not in result.output
    assert "Uitkomst: gepubliceerd" in result.output
    with bare_app.app_context():
        assert db.session.get(Aanbieder, "T001") is not None


@pytest.mark.parametrize("command", [["register", "runs"], ["index", "rebuild"]])
def test_other_commands_on_a_bare_database_give_no_traceback(bare_app, command):
    result = bare_app.test_cli_runner().invoke(args=command)
    assert "Traceback" not in result.output
    assert result.exception is None or isinstance(result.exception, SystemExit)


def test_an_unexpected_error_is_one_line_and_the_details_go_to_the_log(runner, app, monkeypatch):
    import app.cli.commands as commands

    def broken(*args, **kwargs):
        raise RuntimeError("disk on fire\nsecond line")

    monkeypatch.setattr(commands, "load_reference", broken)
    result = runner.invoke(args=["register", "import", str(VALID)])
    assert result.exit_code == 1
    lines = [line for line in result.output.splitlines() if line.strip()]
    assert lines == [lines[-1]] and "Er ging iets onverwachts mis" in lines[-1]
    assert "disk on fire" in lines[-1] and "Traceback" not in result.output
    log = Path(app.config["REGISTER_LOG"]).read_text(encoding="utf-8")
    assert "Traceback" in log and "disk on fire" in log


def test_a_failure_inside_the_import_is_recorded_as_failed(runner, app, monkeypatch):
    import app.register.publish as publish

    def broken(*args, **kwargs):
        raise RuntimeError("index writer crashed")

    monkeypatch.setattr(publish, "diff", broken)
    result = runner.invoke(args=["register", "import", str(VALID)])
    assert result.exit_code == 1 and "Traceback" not in result.output
    assert "Uitkomst: mislukt" in result.output and "niets gepubliceerd" in result.output
    run = db.session.scalars(select(ImportRun).order_by(ImportRun.id.desc())).first()
    assert run.uitkomst == "mislukt" and db.session.get(Aanbieder, "T001") is None
    assert "index writer crashed" in Path(app.config["REGISTER_LOG"]).read_text(encoding="utf-8")


# --- the annotated copy ----------------------------------------------------------------


def _problem_sheet(path):
    book = load_workbook(path)
    assert book.sheetnames[0] == "problemen"
    rows = list(book["problemen"].iter_rows(min_row=2))
    return book, rows


def _broken(folder):
    set_cell(folder, "aanbieders", 3, "kvk", "1234")
    set_cell(folder, "contracten", 4, "gemeenten", "Atlantis")
    set_cell(folder, "contracten", 2, "niveaus", "A")  # a warning
    return folder


@pytest.mark.parametrize("kind", ["csv", "xlsx"])
def test_the_report_marks_every_problem_cell_with_a_fill_and_a_comment(
    kind, runner, register_copy, tmp_path
):
    source = _broken(register_copy)
    if kind == "xlsx":
        source = csv_to_xlsx(register_copy, tmp_path / "register.xlsx")
    out = tmp_path / "rapport.xlsx"
    result = runner.invoke(args=["register", "validate", str(source), "--report", str(out)])
    assert result.exit_code == 1 and "Rapport geschreven" in result.output
    book, rows = _problem_sheet(out)
    listed = {(r[3].value, r[4].value, r[5].value): r for r in rows}
    assert set(listed) == {
        ("aanbieders", 3, "kvk"),
        ("contracten", 4, "gemeenten"),
        ("contracten", 2, "niveaus"),
    }
    for (sheet, row, column), line in listed.items():
        target = line[8].hyperlink.location
        name, coordinate = target.replace("'", "").split("!")
        cell = book[name][coordinate]
        header = book[name].cell(row=1, column=cell.column).value
        assert (name.lower(), cell.row, header) == (sheet, row, column)
        level = line[1].value
        assert cell.comment.text.startswith(level.upper())
        assert cell.fill.start_color.rgb.endswith("FFC7CE" if level == "fout" else "FFEB9C")
    kvk = book["aanbieders"]["C3"]
    assert kvk.value in ("1234", 1234) and "8 cijfers" in kvk.comment.text
    unmarked = [c for row in book["locaties"].iter_rows() for c in row if c.comment]
    assert unmarked == []


def test_a_small_workbook_keeps_its_formatting_and_old_marks_go(runner, register_copy, tmp_path):
    source = csv_to_xlsx(_broken(register_copy), tmp_path / "register.xlsx")
    book = load_workbook(source)
    book["aanbieders"]["A1"].font = Font(bold=True, color="FF0000")
    book["aanbieders"].column_dimensions["B"].width = 44
    book.save(source)
    first = tmp_path / "rapport-1.xlsx"
    runner.invoke(args=["register", "validate", str(source), "--report", str(first)])
    # The keeper fixes the KvK number in the annotated copy and checks that copy again.
    fixed = load_workbook(first)
    fixed["aanbieders"]["C3"] = "34567890"
    fixed.save(first)
    second = tmp_path / "rapport-2.xlsx"
    result = runner.invoke(args=["register", "validate", str(first), "--report", str(second)])
    assert "Onbekend blad" not in result.output
    book, rows = _problem_sheet(second)
    assert (
        book["aanbieders"]["A1"].font.bold and book["aanbieders"].column_dimensions["B"].width == 44
    )
    assert book["aanbieders"]["C3"].comment is None
    assert book["aanbieders"]["C3"].fill.fill_type is None
    assert len(rows) == 2 and book["contracten"]["D4"].comment is not None


def test_a_large_workbook_is_copied_row_by_row_with_the_same_marks(register_copy, tmp_path):
    source = csv_to_xlsx(
        register_copy, tmp_path / "register.xlsx", {("aanbieders", 2, "omschrijving"): "=A1"}
    )
    problems = [
        Problem(
            "fout", "Een KvK-nummer moet precies 8 cijfers hebben.", "x", "aanbieders", 3, "kvk"
        ),
        Problem("waarschuwing", "Onbekend blad.", "x", "memo"),
        Problem("fout", "Het blad ontbreekt.", "x"),
    ]
    book = load_workbook(source)
    book["aanbieders"]["A1"].font = Font(bold=True, color="FF0000")
    book["aanbieders"].column_dimensions["B"].width = 44
    book.save(source)
    out = tmp_path / "groot.xlsx"
    assert write_annotated(source, problems, out, in_place_limit=0) == 1
    book, rows = _problem_sheet(out)
    assert [r[7].value for r in rows] == [p.melding for p in problems]
    assert rows[0][8].hyperlink.location.replace("'", "") == "aanbieders!C3"
    assert rows[1][8].value is None and rows[2][8].value is None
    assert book["aanbieders"]["C3"].comment.text.startswith("FOUT")
    assert book["aanbieders"]["H2"].value == "=A1"  # the keeper's formula stays a formula
    assert book["aanbieders"].max_row == 5
    # Only the marked rows are edited: the keeper's formatting stays here too.
    assert book["aanbieders"]["A1"].font.bold and book["aanbieders"]["A1"].font.color.rgb.endswith(
        "FF0000"
    )
    assert book["aanbieders"].column_dimensions["B"].width == 44
    assert book["aanbieders"]["C3"].fill.start_color.rgb.endswith("FFC7CE")
    assert book.active.title == "problemen" and book["aanbieders"]["C4"].comment is None


def test_a_large_workbook_with_comments_of_its_own_is_copied_row_by_row(register_copy, tmp_path):
    """Comments the keeper wrote are not merged by the fast edit: the copy is made row by
    row instead, and still marks every problem."""
    source = csv_to_xlsx(register_copy, tmp_path / "register.xlsx")
    book = load_workbook(source)
    book["aanbieders"]["B2"].comment = Comment("bellen", "keeper")
    book.save(source)
    problem = Problem(
        "fout", "Een KvK-nummer moet precies 8 cijfers hebben.", "x", "aanbieders", 3, "kvk"
    )
    out = tmp_path / "groot.xlsx"
    with pytest.raises(Unsupported):
        edit_workbook(source, [problem], tmp_path / "niet.xlsx")
    assert write_annotated(source, [problem], out, in_place_limit=0) == 1
    book, rows = _problem_sheet(out)
    assert book["aanbieders"]["C3"].comment.text.startswith("FOUT")
    assert rows[0][8].hyperlink.location.replace("'", "") == "aanbieders!C3"


def test_a_file_that_cannot_be_read_still_gets_a_report(runner, tmp_path):
    letter = tmp_path / "register.xlsx"
    letter.write_text("geen werkmap", encoding="utf-8")
    out = tmp_path / "rapport.xlsx"
    result = runner.invoke(args=["register", "validate", str(letter), "--report", str(out)])
    assert result.exit_code == 1
    book, rows = _problem_sheet(out)
    assert book.sheetnames == ["problemen"] and "geen Excel-werkmap" in rows[0][7].value


def test_the_report_does_not_need_a_database_table_per_sheet(tmp_path):
    """The report of a CSV file of its own (the availability file) is a one-sheet copy."""
    source = tmp_path / "beschikbaarheid.csv"
    source.write_text("aanbieder_id;peildatum\nT001;morgen\n", encoding="utf-8")
    problem = Problem("fout", "Dit is geen datum.", source.name, "beschikbaarheid", 2, "peildatum")
    out = tmp_path / "rapport.xlsx"
    assert write_annotated(source, [problem], out) == 1
    book = load_workbook(out)
    assert book.sheetnames == ["problemen", "beschikbaarheid"]
    assert book["beschikbaarheid"]["B2"].comment.text == "FOUT: Dit is geen datum."
    assert os.path.getsize(out) > 0
