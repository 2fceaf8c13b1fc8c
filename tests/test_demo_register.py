"""The committed demo register and its generator."""

from __future__ import annotations

import subprocess
import sys

from sqlalchemy import distinct, func, select

from app.config import PROJECT_ROOT
from app.domain.models import Aanbieder, Contract, ContractGemeente, Kwaliteitscijfer
from app.domain.queries import published_run
from app.extensions import db


def count(statement):
    return db.session.scalar(statement)


def test_demo_register_is_valid_fictional_and_realistic(demo_result, demo_db, ref):
    result = demo_result  # the shared demo register's import
    assert result.outcome == "gepubliceerd"
    assert result.report.problems == []
    assert published_run(db.session).fictief is True
    assert 280 <= result.counts["aanbieders"] <= 320
    statuses = dict(
        db.session.execute(select(Contract.status, func.count()).group_by(Contract.status)).all()
    )
    assert statuses["actief"] > statuses["opgeschort"] > 0 and statuses["beeindigd"] > 0
    assert count(select(func.count(distinct(Contract.dienst_code)))) == len(ref.diensten)
    assert count(select(func.count(distinct(ContractGemeente.gemeente_cbs)))) == 14
    services_per_provider = (
        db.session.execute(
            select(func.count(distinct(Contract.dienst_code))).group_by(Contract.aanbieder_id)
        )
        .scalars()
        .all()
    )
    assert max(services_per_provider) >= 10 and services_per_provider.count(1) > 100
    assert count(select(func.count()).where(Kwaliteitscijfer.aantal < 10)) > 0
    with_figures = count(select(func.count(distinct(Kwaliteitscijfer.aanbieder_id))))
    assert 0.6 * result.counts["aanbieders"] < with_figures < result.counts["aanbieders"]
    assert count(select(func.count()).where(Aanbieder.website.is_(None))) > 0
    assert (
        count(
            select(func.count()).where(
                Aanbieder.wachttijd_weken.is_not(None), Aanbieder.wachttijd_peildatum.is_(None)
            )
        )
        == 0
    )


def _generate(out):
    subprocess.run(
        [sys.executable, "-m", "bench.make_register", "--providers", "40", "--seed", "7", str(out)],
        cwd=PROJECT_ROOT,
        check=True,
        capture_output=True,
    )


def test_generator_is_deterministic_and_its_csv_variant_imports(tmp_path, do_import):
    _generate(tmp_path / "a.xlsx")
    _generate(tmp_path / "b.xlsx")
    assert (tmp_path / "a.xlsx").read_bytes() == (tmp_path / "b.xlsx").read_bytes()
    _generate(tmp_path / "csv")
    result = do_import(tmp_path / "csv")
    assert result.outcome == "gepubliceerd", [str(p) for p in result.report.problems[:5]]
    assert result.counts["aanbieders"] == 40


def test_the_demo_availability_file_fits_the_demo_register(demo_db, ref, tmp_path):
    """data/demo/beschikbaarheid.xlsx is what the generator makes, and every row of it is
    valid on the demo register (checked without recording a run: the register is shared)."""
    from app.register.availability.publish import _published
    from app.register.availability.rules import SHEET, check
    from app.register.problems import Report
    from app.register.reader import read_register
    from tests.conftest import TODAY

    demo = PROJECT_ROOT / "data" / "demo"
    out = tmp_path / "beschikbaarheid.xlsx"
    subprocess.run(
        [
            sys.executable,
            "-m",
            "bench.make_register",
            *("--providers", "300", "--seed", "1", str(tmp_path / "register.xlsx")),
            *("--availability", str(out), "--weeks", "10"),
        ],
        cwd=PROJECT_ROOT,
        check=True,
        capture_output=True,
    )
    assert (tmp_path / "register.xlsx").read_bytes() == (demo / "register.xlsx").read_bytes()
    assert out.read_bytes() == (demo / "beschikbaarheid.xlsx").read_bytes()
    report = Report()
    raw = read_register(out, report, sheets=(SHEET,))
    records = check(raw, ref, _published(db.session), TODAY, report)
    assert report.errors == []
    providers = {r["aanbieder_id"] for r in records}
    assert len(records) > 2000 and 150 < len(providers) < 300
    # Some report for the whole provider, some per service, some per service and gemeente.
    assert {(r.get("dienst") is None, r.get("gemeente") is None) for r in records} == {
        (True, True),
        (False, True),
        (False, False),
    }


def _dates(path):
    from openpyxl import load_workbook

    sheet = load_workbook(path)["beschikbaarheid"]
    return [row[0].value.date() for row in sheet.iter_rows(min_row=2, min_col=6, max_col=6)]


def test_the_demo_availability_is_brought_forward_to_the_week_of_the_demo(tmp_path):
    """Started months after it was generated, the demo still shows current measurements:
    every date moved by the same whole weeks, the newest in the last week, none ahead."""
    import datetime as dt

    from app.cli.demo import brought_forward

    committed = PROJECT_ROOT / "data" / "demo" / "beschikbaarheid.xlsx"
    original = _dates(committed)
    newest = max(original)
    assert brought_forward(committed, newest + dt.timedelta(days=6), tmp_path) == committed
    later = dt.date(2027, 3, 3)
    moved = _dates(brought_forward(committed, later, tmp_path))
    assert later - dt.timedelta(days=7) < max(moved) <= later
    shifts = {(after - before).days for before, after in zip(original, moved, strict=True)}
    assert len(shifts) == 1 and shifts.pop() % 7 == 0
    assert _dates(committed) == original  # the committed file itself is never changed
