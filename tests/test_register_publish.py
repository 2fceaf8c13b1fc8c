"""Publishing: all or nothing, re-imports change nothing, every run is recorded."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select

from app.domain.models import Aanbieder, Contract, ImportRun, Kwaliteitscijfer, Locatie
from app.domain.queries import published_run
from app.extensions import db
from app.search.index import IndexStore
from tests.conftest import VALID, read_csv, set_cell, snapshot, write_csv


def ids(model):
    return sorted(db.session.scalars(select(model.id)))


def test_valid_register_is_published_with_its_counts(do_import, store):
    result = do_import(VALID)
    assert result.outcome == "gepubliceerd"
    assert result.counts == {"aanbieders": 4, "locaties": 3, "contracten": 6, "kwaliteit": 4}
    assert ids(Aanbieder) == ["T001", "T002", "T003", "T004"]
    assert store.live_version() == result.run_id
    t004 = db.session.get(Aanbieder, "T004")
    assert sorted(t.taal for t in t004.talen) == ["nl", "tr"]
    ob2 = next(c for c in t004.contracten if c.dienst_code == "WMO-OB2")
    assert ob2.niveaus == ["A", "B"]
    assert sorted(g.gemeente_cbs for g in ob2.gemeenten) == ["0141", "0147"]
    figure = next(f for f in t004.cijfers)
    assert (figure.waarde, figure.eenheid, figure.aantal) == (8.1, "cijfer", 120)


def test_reimporting_the_same_file_changes_nothing(do_import, app, store):
    first = do_import(VALID)
    before = snapshot(app, store), ids(Locatie), ids(Contract), ids(Kwaliteitscijfer)
    again = do_import(VALID)
    assert again.outcome == "ongewijzigd"
    assert (snapshot(app, store), ids(Locatie), ids(Contract), ids(Kwaliteitscijfer)) == before
    assert published_run(db.session).id == first.run_id


def test_a_changed_register_updates_only_what_changed(do_import, register_copy, store):
    do_import(VALID)
    contract_ids = ids(Contract)
    set_cell(register_copy, "aanbieders", 2, "naam", "Testpraktijk De Eik (fictief)")
    result = do_import(register_copy)
    assert result.outcome == "gepubliceerd"
    assert result.changes == 1
    assert db.session.get(Aanbieder, "T001").naam == "Testpraktijk De Eik (fictief)"
    assert ids(Contract) == contract_ids
    assert store.live_version() == result.run_id


def test_provider_that_leaves_the_register_keeps_its_id(do_import, register_copy):
    do_import(VALID)
    for name in ("aanbieders", "locaties", "contracten", "kwaliteit"):
        path = register_copy / f"{name}.csv"
        write_csv(path, [r for r in read_csv(path) if r[0] != "T002"])
    do_import(register_copy)
    gone = db.session.get(Aanbieder, "T002")
    assert gone is not None and gone.uit_register_sinds is not None
    assert gone.contracten == []
    do_import(VALID)
    db.session.expire_all()
    assert db.session.get(Aanbieder, "T002").uit_register_sinds is None


def test_failure_during_index_build_leaves_previous_register_live(
    do_import, register_copy, app, store, monkeypatch
):
    first = do_import(VALID)
    before = snapshot(app, store)
    set_cell(register_copy, "aanbieders", 2, "naam", "Nieuwe naam")

    def broken_build(self, session, version):
        raise RuntimeError("disk full")

    monkeypatch.setattr(IndexStore, "build", broken_build)
    result = do_import(register_copy)
    assert result.outcome == "mislukt"
    assert snapshot(app, store) == before
    assert published_run(db.session).id == first.run_id
    assert db.session.get(Aanbieder, "T001").naam == "Testpraktijk De Beuk (fictief)"
    run = db.session.get(ImportRun, result.run_id)
    assert run.uitkomst == "mislukt" and "disk full" in run.melding


def test_failure_halfway_through_the_index_writer(
    do_import, register_copy, app, store, monkeypatch
):
    """The exception comes while documents are being written: the half-built directory
    is removed and the live one is untouched."""
    do_import(VALID)
    before = snapshot(app, store)
    set_cell(register_copy, "aanbieders", 3, "naam", "Andere naam")
    import app.search.index as search

    real_documents = search._documents

    def documents_then_crash(session):
        yield real_documents(session)[0]
        raise OSError("disk full while writing the index")

    monkeypatch.setattr(search, "_documents", documents_then_crash)
    assert do_import(register_copy).outcome == "mislukt"
    assert snapshot(app, store) == before
    assert len([p for p in store.root.iterdir() if p.is_dir()]) == 1


def test_failure_during_the_database_writes(do_import, register_copy, app, store, monkeypatch):
    do_import(VALID)
    before = snapshot(app, store)
    set_cell(register_copy, "aanbieders", 2, "naam", "Nieuwe naam")
    import app.register.apply as apply

    def crash(*args, **kwargs):
        raise RuntimeError("connection lost")

    monkeypatch.setattr(apply, "_sync_contracts", crash)
    assert do_import(register_copy).outcome == "mislukt"
    assert snapshot(app, store) == before


def test_every_run_is_recorded(do_import, register_copy, tmp_path):
    do_import(VALID, dry_run=True)
    do_import(VALID)
    do_import(VALID)
    set_cell(register_copy, "aanbieders", 2, "kvk", "1")
    do_import(register_copy)
    runs = db.session.scalars(select(ImportRun).order_by(ImportRun.id)).all()
    assert [(r.soort, r.uitkomst) for r in runs] == [
        ("validatie", "goedgekeurd"),
        ("import", "gepubliceerd"),
        ("import", "ongewijzigd"),
        ("import", "afgewezen"),
    ]
    refused = runs[-1]
    assert refused.aantal_fouten == 1 and refused.fouten[0]["rij"] == 2
    assert len(refused.checksum) == 64 and refused.bestandsnaam == "register"
    assert runs[1].aantallen["contracten"] == 6


def test_dry_run_publishes_nothing(do_import, store):
    result = do_import(VALID, dry_run=True)
    assert result.outcome == "goedgekeurd"
    assert db.session.scalar(select(func.count()).select_from(Aanbieder)) == 0
    assert store.live_version() is None


def test_demo_flag_comes_from_the_info_sheet(do_import, register_copy):
    write_csv(register_copy / "info.csv", [["sleutel", "waarde"], ["fictief", "ja"]])
    do_import(register_copy)
    assert published_run(db.session).fictief is True
    (register_copy / "info.csv").unlink()
    result = do_import(register_copy)
    assert result.outcome == "gepubliceerd"  # only the flag changed, still a new version
    assert published_run(db.session).fictief is False


@pytest.mark.parametrize("command", ["validate", "import"])
def test_cli_exit_codes_and_messages(runner, register_copy, command):
    ok = runner.invoke(args=["register", command, str(VALID)])
    assert ok.exit_code == 0, ok.output
    assert "Uitkomst:" in ok.output
    set_cell(register_copy, "contracten", 3, "gemeenten", "Atlantis")
    bad = runner.invoke(args=["register", command, str(register_copy)])
    assert bad.exit_code == 1
    assert (
        "contracten.csv, blad contracten, rij 3, kolom gemeenten (waarde: 'Atlantis')" in bad.output
    )
    assert "Onbekende gemeente" in bad.output


def test_cli_index_rebuild(runner, do_import, store):
    empty = runner.invoke(args=["index", "rebuild"])
    assert empty.exit_code == 1
    result = do_import(VALID)
    first = store.live_name()
    rebuilt = runner.invoke(args=["index", "rebuild"])
    assert rebuilt.exit_code == 0
    assert store.live_name() != first and store.live_version() == result.run_id


def test_demo_command_imports_only_when_nothing_is_published(runner, app, do_import):
    do_import(VALID)
    out = runner.invoke(args=["register", "demo"])
    assert out.exit_code == 0 and "al een register" in out.output
    assert db.session.scalar(select(func.count()).select_from(Aanbieder)) == 4
