"""Fixtures: a real database (SQLite file, or PostgreSQL via TEST_DATABASE_URL) and a
real temporary search index for every test."""
from __future__ import annotations

import shutil
from pathlib import Path
from typing import Iterator

import pytest
from flask import Flask
from flask_migrate import upgrade
from sqlalchemy import create_engine, text

from app import create_app
from app.config import PROJECT_ROOT
from app.extensions import db
from app.reference import ReferenceData, load_reference
from app.register.publish import ImportResult, run_register
from app.search import IndexStore

DATA = Path(__file__).parent / "data"
VALID = DATA / "valid"


def _database_url(tmp_path_factory: pytest.TempPathFactory) -> str:
    import os

    url = os.environ.get("TEST_DATABASE_URL")
    if url:
        return url
    return f"sqlite:///{tmp_path_factory.mktemp('db') / 'test.sqlite'}"


@pytest.fixture(scope="session")
def database_url(tmp_path_factory: pytest.TempPathFactory) -> str:
    """A database with the schema made by the migrations (not by create_all)."""
    url = _database_url(tmp_path_factory)
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


@pytest.fixture
def client(app: Flask):  # type: ignore[no-untyped-def]
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
