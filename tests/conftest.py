"""Fixtures: a real database (SQLite file, or PostgreSQL via TEST_DATABASE_URL) and a
real temporary search index for every test."""
from __future__ import annotations

import datetime as dt
import os
import shutil
from pathlib import Path
from typing import Iterator

import pytest
from flask import Flask
from flask.testing import FlaskClient
from flask_migrate import upgrade
from sqlalchemy import create_engine, make_url, text

from app import create_app
from app.config import PROJECT_ROOT
from app.domain import clock
from app.extensions import db
from app.domain.reference import ReferenceData, load_reference
from app.register.publish import ImportResult, run_register
from app.search.index import IndexStore

DATA = Path(__file__).parent / "data"
VALID = DATA / "valid"


# Every test runs on this date (app/domain/clock.py), so that contract periods and the
# age of figures in the test data mean the same whatever day the suite runs.
TODAY = dt.date(2026, 11, 23)


@pytest.fixture(autouse=True, scope="session")
def pinned_today() -> Iterator[dt.date]:
    with clock.pinned(TODAY):
        yield TODAY


def _database_url(tmp_path_factory: pytest.TempPathFactory, worker: str) -> str:
    """SQLite: a file per test process. PostgreSQL (TEST_DATABASE_URL): a database per
    pytest-xdist worker, made next to the given one, so workers never share rows."""
    url = os.environ.get("TEST_DATABASE_URL")
    if not url:
        return f"sqlite:///{tmp_path_factory.mktemp('db') / 'test.sqlite'}"
    if worker == "master":
        return url
    base = make_url(url)
    name = f"{base.database}_{worker}"
    engine = create_engine(base.set(database="postgres"), isolation_level="AUTOCOMMIT")
    with engine.connect() as conn:
        if not conn.scalar(text("SELECT 1 FROM pg_database WHERE datname = :n"), {"n": name}):
            conn.execute(text(f'CREATE DATABASE "{name}"'))
    engine.dispose()
    return base.set(database=name).render_as_string(hide_password=False)


@pytest.fixture(scope="session")
def database_url(tmp_path_factory: pytest.TempPathFactory, worker_id: str) -> str:
    """A database with the schema made by the migrations (not by create_all)."""
    url = _database_url(tmp_path_factory, worker_id)
    if url.startswith("postgresql"):
        engine = create_engine(url)
        with engine.begin() as conn:
            conn.execute(text("DROP SCHEMA public CASCADE; CREATE SCHEMA public"))
        engine.dispose()
    app = create_app({"SQLALCHEMY_DATABASE_URI": url, "TESTING": True})
    with app.app_context():
        upgrade()
        db.engine.dispose()
    return url


@pytest.fixture
def app(database_url: str, tmp_path: Path) -> Iterator[Flask]:
    """The app on the shared test database (emptied after each test) and a fresh index dir."""
    app = create_app({
        "SQLALCHEMY_DATABASE_URI": database_url,
        "SEARCH_INDEX_DIR": str(tmp_path / "search_index"),
        "TESTING": True,
    })
    with app.app_context():
        yield app
        db.session.remove()
        with db.engine.begin() as conn:
            for table in reversed(db.metadata.sorted_tables):
                conn.execute(table.delete())
        db.engine.dispose()


class FreshContextClient(FlaskClient):
    """Each request gets its own app context (so its own `g`), as in production; without
    this the test's long-lived app context would be shared by all requests."""

    def open(self, *args, **kwargs):  # type: ignore[no-untyped-def]
        with self.application.app_context():
            return super().open(*args, **kwargs)


@pytest.fixture
def client(app: Flask):  # type: ignore[no-untyped-def]
    app.test_client_class = FreshContextClient
    return app.test_client()


@pytest.fixture
def runner(app: Flask):  # type: ignore[no-untyped-def]
    return app.test_cli_runner()


@pytest.fixture(scope="session")
def ref() -> ReferenceData:
    return load_reference(PROJECT_ROOT / "data" / "reference")


@pytest.fixture
def store(app: Flask) -> IndexStore:
    return app.extensions["search_index"]


@pytest.fixture
def register_copy(tmp_path: Path) -> Path:
    """A writable copy of the valid CSV register, for tests that break one thing in it."""
    target = tmp_path / "register"
    shutil.copytree(VALID, target)
    return target


@pytest.fixture
def do_import(app: Flask, ref: ReferenceData, store: IndexStore):  # type: ignore[no-untyped-def]
    """Import a register file the way the CLI does; returns the ImportResult."""

    def run(path: Path, dry_run: bool = False) -> ImportResult:
        return run_register(db.session, Path(path), ref, store, dry_run=dry_run)

    return run


# --- helpers for building broken registers ------------------------------------------


def read_csv(path: Path) -> list[list[str]]:
    import csv

    with path.open(encoding="utf-8-sig", newline="") as handle:
        return list(csv.reader(handle, delimiter=";"))


def write_csv(path: Path, rows: list[list[str]], delimiter: str = ";",
              encoding: str = "utf-8") -> None:
    import csv

    with path.open("w", encoding=encoding, newline="") as handle:
        csv.writer(handle, delimiter=delimiter).writerows(rows)


def set_cell(folder: Path, sheet: str, row: int, column: str, value: str) -> None:
    """Set one cell of a CSV register; `row` is the Excel row number (header = 1)."""
    path = folder / f"{sheet}.csv"
    rows = read_csv(path)
    rows[row - 1][rows[0].index(column)] = value
    write_csv(path, rows)


def csv_to_xlsx(folder: Path, target: Path, cells: dict[tuple[str, int, str], object] | None = None) -> Path:
    """Turn a CSV register into a workbook; `cells` overrides (sheet, row, column) values
    with real Excel values (dates, numbers, formulas starting with '=')."""
    from openpyxl import Workbook

    workbook = Workbook()
    workbook.remove(workbook.active)
    for file in sorted(folder.glob("*.csv")):
        sheet = workbook.create_sheet(file.stem)
        rows = read_csv(file)
        for number, row in enumerate(rows, start=1):
            sheet.append([v if v != "" else None for v in row])
        for (name, row, column), value in (cells or {}).items():
            if name == file.stem:
                sheet.cell(row=row, column=rows[0].index(column) + 1, value=value)
    workbook.save(target)
    return target


def snapshot(app: Flask, store: IndexStore) -> tuple[object, ...]:
    """Everything that is published: all register rows and all index files."""
    import hashlib

    from sqlalchemy import select

    from app.domain.models import (Aanbieder, AanbiederTaal, AanbiederThema, Contract,
                            ContractGemeente, Kwaliteitscijfer, Locatie)

    rows = []
    for model in (Aanbieder, AanbiederThema, AanbiederTaal, Locatie, Contract,
                  ContractGemeente, Kwaliteitscijfer):
        table = model.__table__
        rows.append(sorted(tuple(map(str, r)) for r in db.session.execute(select(table))))
    files = sorted(
        (str(p.relative_to(store.root)), hashlib.sha256(p.read_bytes()).hexdigest())
        for p in store.root.rglob("*") if p.is_file()
    ) if store.root.exists() else []
    return tuple(map(tuple, rows)), tuple(files)
