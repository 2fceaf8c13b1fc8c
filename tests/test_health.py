"""/healthz and /readyz: small JSON, never cached; ready only when this process holds the
index and catalog of the published register, and never stuck waiting for a visitor."""

from __future__ import annotations

import time

from app import create_app
from app.search import readiness, warm_up
from tests.conftest import VALID, set_cell


def ready_soon(client) -> dict:  # type: ignore[no-untyped-def]
    """/readyz, asked until it says ready (its own background warm-up gets it there)."""
    deadline = time.monotonic() + 20
    while time.monotonic() < deadline:
        response = client.get("/readyz")
        if response.status_code == 200:
            return response.get_json()
        time.sleep(0.05)
    raise AssertionError(f"never ready: {response.get_json()}")


def test_healthz_says_the_process_answers(client):
    response = client.get("/healthz")
    assert response.status_code == 200 and response.get_json() == {"status": "ok"}
    assert response.headers["Cache-Control"] == "no-store"


def test_readyz_is_false_until_the_process_is_warm(client, do_import):
    result = do_import(VALID)
    response = client.get("/readyz")
    assert response.status_code == 503 and response.headers["Cache-Control"] == "no-store"
    assert response.get_json() == {
        "ready": False,
        "register": result.run_id,
        "checks": {"database": True, "register": True, "index": False, "catalog": False},
    }
    assert ready_soon(client)["checks"] == dict.fromkeys(
        ("database", "register", "index", "catalog"), True
    )


def test_warm_up_loads_the_index_and_the_catalog(app, do_import):
    do_import(VALID)
    assert not readiness().ready
    assert warm_up().ready and readiness().ready


def test_a_new_register_makes_a_warm_process_unready_until_it_has_loaded_it(
    client, do_import, register_copy
):
    do_import(VALID)
    first = ready_soon(client)["register"]
    set_cell(register_copy, "aanbieders", 2, "naam", "Testpraktijk De Eik (fictief)")
    second = do_import(register_copy).run_id
    response = client.get("/readyz").get_json()
    assert response["register"] == second != first and not response["ready"]
    assert ready_soon(client)["register"] == second


def test_readyz_without_a_register_or_a_database(client, tmp_path):
    nothing = client.get("/readyz")
    assert nothing.status_code == 503 and nothing.get_json()["checks"]["register"] is False
    broken = create_app({"SQLALCHEMY_DATABASE_URI": f"sqlite:///{tmp_path / 'leeg.sqlite'}"})
    response = broken.test_client().get("/readyz")  # no tables: the database cannot answer
    assert response.status_code == 503 and response.get_json()["checks"]["database"] is False
