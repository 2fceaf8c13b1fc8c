"""Exports written once per register and day, stored gzipped next to the index, served as
files (ETag, Last-Modified, Range); a download never holds a database connection."""

from __future__ import annotations

import datetime as dt
import gzip
import sys
import threading
import time

import pytest

from app.domain import clock
from app.domain.queries import current_publication
from app.extensions import db
from app.opendata.exports import child as export_child
from app.opendata.exports import files as export_files
from tests.conftest import TODAY, VALID, finished_on

URL = "/api/v1/export/hsds.json"
GZIP = {"Accept-Encoding": "gzip"}


def fetch(client, url: str = URL, headers: dict[str, str] | None = None):  # type: ignore[no-untyped-def]
    """A whole response, its file closed."""
    with client.get(url, headers=headers or {}) as response:
        response.get_data()
        return response


@pytest.fixture
def writes(monkeypatch):  # type: ignore[no-untyped-def]
    """The names of the export files written during the test."""
    written: list[str] = []
    real = export_files.write_gzip

    def counting(chunks, target):  # type: ignore[no-untyped-def]
        written.append(target.name)
        real(chunks, target)

    monkeypatch.setattr(export_files, "write_gzip", counting)
    return written


def test_an_export_is_written_once_then_sent_as_the_stored_file(client, do_import, writes, app):
    do_import(VALID)
    first, again, plain = fetch(client, headers=GZIP), fetch(client, headers=GZIP), fetch(client)
    assert writes == ["hsds.json.gz"]
    assert first.headers["Content-Encoding"] == "gzip" and first.data == again.data
    assert gzip.decompress(first.data) == plain.data and plain.data.startswith(b"{")
    stored = app.extensions["exports"].path("hsds.json", live_state(app), TODAY, 10)
    assert stored.read_bytes() == first.data  # the very file, next to the index
    assert stored.is_relative_to(app.config["SEARCH_INDEX_DIR"])
    assert first.headers["ETag"] == f'{plain.headers["ETag"][:-1]}-gzip"'  # two representations
    assert first.headers["Last-Modified"] == plain.headers["Last-Modified"]
    assert first.headers["Content-Disposition"] == 'attachment; filename="hsds.json"'


def test_parallel_first_downloads_write_it_once(app, do_import, writes):
    result = do_import(VALID)
    store = app.extensions["exports"]
    paths = []

    def download() -> None:
        with app.app_context():
            paths.append(store.get(db.session, "kwaliteit.csv", result.run_id, TODAY, 10))
            db.session.remove()

    threads = [threading.Thread(target=download) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert writes == ["kwaliteit.csv.gz"] and len(set(paths)) == 1


def test_a_download_can_be_resumed_with_range(client, do_import):
    do_import(VALID)
    whole = fetch(client, headers=GZIP)
    assert whole.headers["Accept-Ranges"] == "bytes"
    part = fetch(client, headers={**GZIP, "Range": "bytes=100-199"})
    assert part.status_code == 206 and part.data == whole.data[100:200]
    assert part.headers["Content-Range"] == f"bytes 100-199/{len(whole.data)}"
    resumed = fetch(
        client, headers={**GZIP, "Range": "bytes=100-", "If-Range": whole.headers["ETag"]}
    )
    assert resumed.status_code == 206 and resumed.data == whole.data[100:]
    stale = fetch(client, headers={**GZIP, "Range": "bytes=100-", "If-Range": '"register-0"'})
    assert stale.status_code == 200 and stale.data == whole.data


def test_a_download_holds_no_database_connection(client, do_import):
    do_import(VALID)
    client.get(URL).close()  # written
    db.session.remove()
    for headers in (GZIP, {}):
        response = client.get(URL, headers=headers, buffered=False)
        assert db.engine.pool.checkedout() == 0  # the body is still to be sent
        assert next(iter(response.response))
        response.close()


def test_import_writes_the_exports_and_old_ones_are_removed(app, runner):
    outcome = runner.invoke(args=["register", "import", str(VALID)])
    assert outcome.exit_code == 0, outcome.output
    store = app.extensions["exports"]
    folder = store.path("hsds.json", live_state(app), clock.today(), 10).parent
    assert sorted(p.name for p in folder.iterdir()) == [
        "contracten.csv.gz",
        "hsds.json.gz",
        "kwaliteit.csv.gz",
    ]
    client = app.test_client()
    for day in (TODAY + dt.timedelta(days=1), TODAY + dt.timedelta(days=2)):
        with clock.pinned(day):
            assert fetch(client, "/api/v1/export/contracten.csv", GZIP).status_code == 200
    folders = sorted(p.name for p in store.root.iterdir() if p.is_dir())
    assert len(folders) == 2 and folder.name not in folders  # the newest two days stay


def live_state(app) -> str:
    """The live register's state (version, confirmation, availability): what the export
    files are kept under."""
    with app.app_context():
        live = current_publication(db.session)
        assert live is not None
        return live.state


@pytest.fixture
def children(monkeypatch):  # type: ignore[no-untyped-def]
    """The days whose exports a child process was started to write."""
    started: list[dt.date] = []
    real = export_files.write_in_child

    def counting(database, root, state, day, minimum_n):  # type: ignore[no-untyped-def]
        started.append(day)
        real(database, root, state, day, minimum_n)

    monkeypatch.setattr(export_files, "write_in_child", counting)
    return started


def looked_until_written(searching, store, state: str, day: dt.date, seconds: float = 60) -> bool:  # type: ignore[no-untyped-def]
    """Look as the watcher does (every 2 s; here more often) until every export of
    (state, day) is there: a look while this process's writer is still busy starts none."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        searching.tick()
        if not store.missing(state, day, 10):
            return True
        time.sleep(0.2)
    return False


def test_a_workers_watcher_writes_the_exports_of_a_register_published_elsewhere(
    app, do_import, children
):
    """A register published by another machine (no exports here), then a new day: the
    watcher's look writes their exports in a child process, once per day, before anyone
    asks for them."""
    from app.server import exports_follow

    result = do_import(VALID)  # as another machine's import: nothing written on this one
    store, searching = app.extensions["exports"], app.extensions["live_search"]
    searching.after_look.append(exports_follow(app))
    state = live_state(app)
    with app.app_context():
        searching.tick()  # just published: the importing machine writes them, not this one
    time.sleep(0.2)
    assert store.missing(state, TODAY, 10) and children == []
    with app.app_context():
        finished_on(result.run_id, TODAY - dt.timedelta(days=1))  # published a while ago
        db.session.commit()
    for day in (TODAY, TODAY, TODAY + dt.timedelta(days=1)):
        with clock.pinned(day), app.app_context():
            assert looked_until_written(searching, store, state, day)
    assert children == [TODAY, TODAY + dt.timedelta(days=1)]
    written = sorted(path.name for path in store.root.rglob("*.gz"))
    assert written == sorted(["contracten.csv.gz", "hsds.json.gz", "kwaliteit.csv.gz"] * 2)


def test_a_failed_background_write_is_logged_once_not_at_every_look(
    app, do_import, monkeypatch, caplog
):
    do_import(VALID)
    store, state = app.extensions["exports"], live_state(app)

    broken = [sys.executable, "-c", "import sys; sys.exit('OSError: disk full')"]
    monkeypatch.setattr(export_child, "COMMAND", broken)
    first = store.write_in_background(app, state, TODAY, 10)
    assert first is not None
    first.join(30)
    assert store.write_in_background(app, state, TODAY, 10) is None  # not again at once
    failures = [r for r in caplog.records if "could not be written" in r.getMessage()]
    assert len(failures) == 1 and store.missing(state, TODAY, 10)
    assert "disk full" in caplog.text  # what the child said
