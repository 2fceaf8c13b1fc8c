"""One import at a time: two imports of different registers at once (through two
instances of the site, as on two machines) are done one after the other, and what is
live is the file of the run that reported success last; a second import can also stop at
once with a clear message."""

from __future__ import annotations

import threading
import time
from pathlib import Path

from flask import Flask
from sqlalchemy import select

from app.domain.models import Aanbieder
from app.domain.queries import published_run
from app.extensions import db
from app.register.lock import import_lock
from app.register.publish import ImportResult, run_register
from app.register.reader import checksum
from tests.conftest import VALID, set_cell


def _import_in_thread(
    app: Flask,
    path: Path,
    ref,
    results: dict,
    waited: list,  # type: ignore[no-untyped-def]
) -> threading.Thread:
    def run() -> None:
        with app.app_context():
            result = run_register(
                db.session,
                path,
                ref,
                app.extensions["search_index"],
                on_wait=lambda: waited.append(path),
            )
            results[path] = (result, time.monotonic())
            db.session.remove()

    return threading.Thread(target=run)


def test_two_concurrent_imports_publish_one_after_the_other_and_the_last_is_live(
    app: Flask, second_app: Flask, ref, register_copy: Path
):
    set_cell(register_copy, "aanbieders", 2, "naam", "Testpraktijk De Eik (fictief)")
    results: dict[Path, tuple[ImportResult, float]] = {}
    waited: list[Path] = []
    # The lock is held while both start, so that they really overlap.
    with import_lock(db.engine):
        threads = [
            _import_in_thread(app, VALID, ref, results, waited),
            _import_in_thread(second_app, register_copy, ref, results, waited),
        ]
        for thread in threads:
            thread.start()
        time.sleep(0.5)
    for thread in threads:
        thread.join(timeout=120)
    assert {result.outcome for result, _ in results.values()} == {"gepubliceerd"}
    assert len(waited) >= 1  # at least the second one was told it waited
    last_path, (last, _) = max(results.items(), key=lambda item: item[1][1])
    first_path = VALID if last_path == register_copy else register_copy
    live = published_run(db.session)
    assert live is not None and live.id == last.run_id
    assert live.checksum == checksum(last_path) != checksum(first_path)
    naam = db.session.scalar(select(Aanbieder.naam).where(Aanbieder.id == "T001"))
    assert ("De Eik" in naam) == (last_path == register_copy)
    # Each report says what was live when that run let go of the lock.
    assert last.live is not None and last.live.startswith(f"register {last.run_id} ")
    first = results[first_path][0]
    assert first.live is not None and first.live.startswith(f"register {first.run_id} ")


def test_an_import_that_may_not_wait_stops_with_a_clear_message(
    app: Flask, runner, register_copy: Path
):
    with import_lock(db.engine):
        result = runner.invoke(args=["register", "import", "--no-wait", str(VALID)])
    assert result.exit_code == 2
    assert "Er loopt al een import; er is niets gedaan" in result.output
    assert published_run(db.session) is None
    done = runner.invoke(args=["register", "import", str(VALID)])
    assert done.exit_code == 0, done.output
    assert f"Nu gepubliceerd: register {published_run(db.session).id} (valid" in done.output


def test_an_availability_import_takes_the_same_lock(app: Flask, runner):
    """The weekly availability file is checked against the published providers, which a
    running register import may be replacing: it waits for that import, or stops."""
    assert runner.invoke(args=["register", "import", str(VALID)]).exit_code == 0
    week = app.config["DEMO_AVAILABILITY"]
    with import_lock(db.engine):
        result = runner.invoke(args=["register", "availability", "--no-wait", str(week)])
        dry = runner.invoke(args=["register", "availability", "--dry-run", "--no-wait", str(week)])
    assert result.exit_code == 2
    assert "Er loopt al een import; er is niets gedaan" in result.output
    assert "Er loopt al een import" not in dry.output  # checking only: no lock needed
    assert "Uitkomst:" in dry.output
