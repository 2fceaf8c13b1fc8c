"""The index follows the database and heals itself: two instances of the site with their
own index folders on one database (as two machines), a register published through one
reaching the other, an index folder deleted or its files truncated, a damaged index file,
and the catalog of a new day made before midnight."""

from __future__ import annotations

import datetime as dt
import shutil
import time
from collections.abc import Callable
from pathlib import Path

from flask import Flask
from flask.testing import FlaskClient

from app.domain import clock
from app.search import live_snapshot
from app.search.index import IndexStore
from tests.conftest import TODAY, VALID, FreshContextClient, set_cell

RECOVERY = 60.0  # seconds: the limit for another instance to catch up or heal


def found(client: FlaskClient, q: str) -> tuple[set[str] | None, bool]:
    """The provider ids the API lists for the words `q` (all pages of this small register)
    and whether word search was unavailable; never a 5xx, and the HTML page neither."""
    page = client.get(f"/zoeken?q={q}", follow_redirects=True)
    assert page.status_code == 200, page.status_code
    response = client.get(f"/api/v1/providers?q={q}")
    assert response.status_code == 200, response.status_code
    body = response.get_json()
    return {p["id"] for p in body["data"]}, body["meta"]["text_unavailable"]


def until(condition: Callable[[], bool], seconds: float = RECOVERY) -> float:
    """Ask `condition` until it holds; returns how long that took."""
    start = time.monotonic()
    while not condition():
        assert time.monotonic() - start < seconds, "did not happen in time"
        time.sleep(0.05)
    return time.monotonic() - start


def answers_only(client: FlaskClient, q: str, right: set[str]) -> Callable[[], bool]:
    """A check for `until`: the answer for `q` is never a wrong provider (only `right`
    ones, or none while word search is unavailable); true once it is all of `right`."""

    def check() -> bool:
        ids, unavailable = found(client, q)
        assert ids is not None and ids <= right, ids - right
        assert not (unavailable and ids)
        return ids == right and not unavailable

    return check


def right(app: Flask, q: str) -> set[str]:
    """The right answer for `q`: from an instance whose index is intact (once it has
    built that index: a second instance builds it in the background)."""
    app.test_client_class = FreshContextClient
    answers: list[set[str] | None] = []

    def answered() -> bool:
        ids, unavailable = found(app.test_client(), q)
        answers.append(ids)
        return not unavailable

    until(answered)
    assert answers[-1]
    return answers[-1]


def test_a_register_imported_through_one_instance_is_served_by_the_other(
    app: Flask, second_app: Flask, do_import, register_copy: Path
):
    do_import(VALID)
    other = second_app.test_client()
    # A word found only in the index (a word that names a service or theme would find the
    # providers with that service or theme, whatever their texts say).
    before = right(app, "testpraktijk")
    until(answers_only(other, "testpraktijk", before))
    set_cell(register_copy, "aanbieders", 3, "omschrijving", "Samen met Testpraktijk De Beuk.")
    do_import(register_copy)
    after = right(app, "testpraktijk")
    assert after == before | {"T002"}
    # No restart: the other instance answers the old register, then the new one.
    took = until(answers_only(other, "testpraktijk", after))
    assert took < RECOVERY
    with second_app.test_request_context("/"):
        snapshot = live_snapshot()
        assert snapshot is not None and snapshot.index is not None
        assert snapshot.version == snapshot.index.version


def test_an_instance_heals_a_deleted_and_then_a_truncated_index_folder(
    app: Flask, second_app: Flask, do_import
):
    do_import(VALID)
    other = second_app.test_client()
    store: IndexStore = second_app.extensions["search_index"]
    until(answers_only(other, "dyslexie", right(app, "dyslexie")))
    first = store.live_name()
    shutil.rmtree(store.root)
    # Every answer meanwhile is right or says words cannot be searched; new words too.
    until(answers_only(other, "autisme", right(app, "autisme")))
    until(lambda: store.live_name() not in (None, first))
    second = store.live_name()
    assert second is not None
    for file in (store.root / second).iterdir():
        file.write_bytes(b"")  # truncated
    until(answers_only(other, "hulp", right(app, "hulp")))
    until(lambda: store.live_name() not in (None, second))
    assert (store.root / f"damaged-{second}").is_dir()  # set aside for a post-mortem
    until(answers_only(other, "behandelingen", right(app, "behandelingen")))


def test_a_damaged_index_file_gives_no_500_but_a_plain_notice_and_heals(
    second_app: Flask, client: FlaskClient, do_import, store: IndexStore, caplog
):
    do_import(VALID)
    assert found(client, "dyslexie") == (right(second_app, "dyslexie"), False)
    live = store.live_name()
    assert live is not None
    for file in (store.root / live).glob("*.seg"):
        file.write_bytes(file.read_bytes()[:40])  # a segment cut short
    page = client.get("/zoeken?q=autisme")
    assert page.status_code == 200
    if "Zoeken op woorden kan heel even niet" in page.get_data(as_text=True):
        assert page.headers["Cache-Control"] == "no-store" and "ETag" not in page.headers
    until(answers_only(client, "autisme", right(second_app, "autisme")))
    assert store.live_name() != live
    logged = [r for r in caplog.records if "set aside" in r.getMessage()]
    assert len(logged) == 1


def test_no_index_at_all_means_words_unavailable_not_every_provider(
    app: Flask, second_app: Flask, do_import
):
    """The bug of the issue: a second instance without an index answered every provider
    as matching the words. Now it answers none (and says so) until its index is built."""
    do_import(VALID)
    with second_app.app_context():
        searching = second_app.extensions["live_search"]
        searching._job.acquire()  # hold back its background build for a moment
        try:
            ids, unavailable = found(second_app.test_client(), "dyslexie")
            assert ids == set() and unavailable
            response = second_app.test_client().get("/zoeken?q=dyslexie")
            assert "Zoeken op woorden kan heel even niet" in response.get_data(as_text=True)
            # No cache keeps it: a cache goes on answering from the copy it had.
            assert response.headers["Cache-Control"] == "no-store"
            assert "ETag" not in response.headers
            ids, unavailable = found(second_app.test_client(), "")
            assert len(ids or ()) > 1 and not unavailable  # the filters keep working
        finally:
            searching._job.release()
    until(answers_only(second_app.test_client(), "dyslexie", {"T001"}))


def test_tomorrows_catalog_is_made_before_midnight_and_used_after_it(
    app: Flask, client: FlaskClient, do_import
):
    do_import(VALID)
    searching = app.extensions["live_search"]
    evening = dt.datetime.combine(TODAY, dt.time(23, 55))
    with clock.pinned_moment(evening):
        client.get("/zoeken")
        searching.tick()
        built = searching.catalogs_built
        assert searching.tomorrow is not None
        assert searching.tomorrow.day == TODAY + dt.timedelta(days=1)
        with app.app_context(), app.test_request_context("/zoeken"):
            assert live_snapshot().catalog.day == TODAY  # still today's until midnight
    with clock.pinned_moment(evening + dt.timedelta(minutes=5, seconds=1)):
        with app.app_context(), app.test_request_context("/zoeken"):
            snapshot = live_snapshot()
            assert snapshot.catalog.day == TODAY + dt.timedelta(days=1)
            assert snapshot.index is not None
        assert searching.catalogs_built == built  # nobody built it after midnight
        assert client.get("/zoeken?q=dyslexie").status_code == 200


def test_a_snapshot_comes_with_the_words_residents_type_made(app: Flask, do_import):
    """The vocabulary (everyday words analysed by the index) is made with the snapshot,
    off the request path, not by the first text search."""
    do_import(VALID)
    searching = app.extensions["live_search"]
    with app.app_context():
        snap = searching.refresh()
    assert snap is not None and snap.index is not None
    assert ("vocabulary", snap.index.name) in snap.catalog._memo
