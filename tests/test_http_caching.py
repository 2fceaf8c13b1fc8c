"""HTTP caching of pages: a validator made of what decides a page (register, day,
language, the site's version), 304 before any work, Cache-Control for shared caches by
status, and Vary naming what chose the response."""

from __future__ import annotations

import datetime as dt

from app.domain import clock
from app.extensions import db
from app.register.availability import run_availability
from tests.conftest import TODAY, VALID, set_cell
from tests.test_availability import SOURCE, write

PAGE = "/zoeken?g=enschede"


def etag(client, url: str = PAGE, **headers: str) -> str:  # type: ignore[no-untyped-def]
    response = client.get(url, headers=headers)
    assert response.status_code == 200
    return str(response.headers["ETag"])


def test_the_page_validator_changes_with_register_day_language_and_site(
    app, client, do_import, register_copy, monkeypatch
):
    do_import(VALID)
    first = etag(client)
    assert first.startswith('W/"') and etag(client) == first
    assert etag(client, f"{PAGE}&lang=en") != first
    assert etag(client, **{"Accept-Language": "en"}) != first
    with clock.pinned(TODAY + dt.timedelta(days=1)):
        assert etag(client) != first
    monkeypatch.setitem(app.config, "SITE_VERSION", "a-new-release")
    assert etag(client) != first
    monkeypatch.undo()
    set_cell(register_copy, "aanbieders", 2, "naam", "Testpraktijk De Eik (fictief)")
    do_import(register_copy)
    assert etag(client) != first


def test_a_current_page_is_answered_304_without_rendering_it(published_client, monkeypatch):
    current = etag(published_client)

    def never(*args, **kwargs):  # type: ignore[no-untyped-def]
        raise AssertionError("rendered")

    monkeypatch.setattr("app.web.results.render_template", never)
    response = published_client.get(PAGE, headers={"If-None-Match": current})
    assert response.status_code == 304 and response.data == b""
    assert response.headers["ETag"] == current
    assert "Accept-Language" in response.headers["Vary"]  # as the 200 would say
    head = published_client.head(PAGE, headers={"If-None-Match": current})
    assert head.status_code == 304


def test_cache_control_fits_a_shared_cache_by_status(published_client):
    shared = published_client.get(PAGE).headers["Cache-Control"]
    assert shared == "public, max-age=60, stale-while-revalidate=600, stale-if-error=86400"
    assert published_client.get("/bestaat-niet").headers["Cache-Control"] == shared  # 404
    assert published_client.get("/api/v1/providers").headers["Cache-Control"] == shared
    assert (
        published_client.get("/api/v1/providers?onbekend=1").headers["Cache-Control"] == "no-store"
    )  # 400
    assert published_client.get("/readyz").headers["Cache-Control"] == "no-store"


def test_an_answer_a_moment_behind_is_kept_for_that_moment_without_a_validator(
    app, ref, do_import, client, tmp_path
):
    """Just after a publish, this process answers from the older state until its watcher
    follows (within 2 s). A cache may keep that answer as long, and never as the new
    state's: it has no ETag."""
    do_import(VALID)
    shared = client.get(PAGE).headers["Cache-Control"]
    row = ["T002", "AMB-BEG", "", "3", "ja", "2026-11-16", SOURCE]
    assert run_availability(db.session, write(tmp_path, row), ref).outcome == "gepubliceerd"
    for url in (PAGE, "/api/v1/providers"):
        behind = client.get(url)
        assert behind.status_code == 200, url
        assert behind.headers["Cache-Control"] == "public, max-age=2", url
        assert "ETag" not in behind.headers and "Last-Modified" not in behind.headers, url
    app.extensions["live_search"].refresh()  # the watcher follows
    followed = client.get(PAGE)
    assert followed.headers["Cache-Control"] == shared and "ETag" in followed.headers


def test_vary_accept_language_only_where_the_language_came_from_it(published_client):
    def vary(url: str) -> set[str]:
        return {v.strip() for v in published_client.get(url).headers["Vary"].split(",")}

    assert vary(PAGE) == {"Accept-Language", "Accept-Encoding"}
    assert vary(f"{PAGE}&lang=en") == {"Accept-Encoding"}
    assert vary("/bestaat-niet") == {"Accept-Language", "Accept-Encoding"}  # the error page too
    assert vary("/api/v1/providers") == {"Accept-Encoding"}
