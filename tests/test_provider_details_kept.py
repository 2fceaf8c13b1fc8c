"""Each catalog keeps the providers its pages have shown (app/web/providers.py): a
provider page or comparison shown again asks the database nothing about the provider
and says what a fresh load says; a new publication state is shown at once."""

from __future__ import annotations

from app.extensions import db
from app.register.availability import run_availability
from app.web.providers import regional_references_of
from tests.conftest import VALID
from tests.test_availability import SOURCE, write

PROVIDER = "/aanbieder/T002/begeleiding-hengelo-alleen-fictief"
COMPARISON = "/vergelijk?a=T001&a=T002"


def about_contracts(sent: list[str]) -> list[str]:
    return [s for s in sent if "FROM contract" in s]


def test_a_provider_shown_again_is_not_loaded_again(do_import, client, statements):
    assert do_import(VALID).outcome == "gepubliceerd"
    first = client.get(PROVIDER)
    assert first.status_code == 200 and about_contracts(statements)
    statements.clear()
    again = client.get(PROVIDER)
    assert again.get_data() == first.get_data()
    assert about_contracts(statements) == []
    # A comparison uses the same: T002 is kept, only T001 is loaded.
    compared = client.get(COMPARISON)
    assert compared.status_code == 200 and "Begeleiding Hengelo Alleen" in compared.get_data(
        as_text=True
    )
    statements.clear()
    assert client.get(COMPARISON).get_data() == compared.get_data()
    assert client.get("/api/v1/providers/T002").status_code == 200
    assert about_contracts(statements) == []


def test_a_new_publication_state_is_shown_at_once(app, ref, do_import, client, tmp_path):
    """An availability import changes no register version, only the publication's state:
    the page shown right after it has the new waiting time, even before this process's
    catalog follows (then nothing is kept, see `provider_detail`)."""
    assert do_import(VALID).outcome == "gepubliceerd"
    assert "gemeten 16 nov 2026" not in client.get(PROVIDER).get_data(as_text=True)
    row = ["T002", "AMB-BEG", "", "3", "ja", "2026-11-16", SOURCE]
    assert run_availability(db.session, write(tmp_path, row), ref).outcome == "gepubliceerd"
    behind = client.get(PROVIDER).get_data(as_text=True)
    assert "3 weken" in behind and "gemeten 16 nov 2026" in behind
    app.extensions["live_search"].refresh()  # the catalog follows (the watcher, in 2 s)
    followed = client.get(PROVIDER).get_data(as_text=True)
    assert "3 weken" in followed and "gemeten 16 nov 2026" in followed


def test_a_new_catalog_has_its_regional_medians_before_it_serves(app, do_import, statements):
    """A provider page sets its figures against the region's medians. They are made with
    each new catalog, off the request path (0.8–2 s at 20,000 providers), so the first
    provider page after a publish does not wait for them."""
    assert do_import(VALID).outcome == "gepubliceerd"
    with app.app_context():
        snapshot = app.extensions["live_search"].refresh()  # as the watcher does
    assert snapshot is not None and "regional_references" in snapshot.catalog._memo
    statements.clear()
    with app.test_request_context(PROVIDER):
        assert regional_references_of(snapshot.catalog)  # kept: no query made for them
    assert statements == []
