"""Pages, the API and the catalog read the reference data published with the register:
a changed YAML file reaches them with the next import, in a running process, and not
before."""

from __future__ import annotations

import shutil
from pathlib import Path

import yaml

from app.config import PROJECT_ROOT
from app.domain.reference import load_reference
from app.extensions import db
from app.register.publish import run_register
from tests.conftest import VALID


def _rename_service(folder: Path, code: str, name: str) -> None:
    path = folder / "diensten.yaml"
    document = yaml.safe_load(path.read_text(encoding="utf-8"))
    for dienst in document["diensten"]:
        if dienst["code"] == code:
            dienst["naam"]["nl"] = name
    path.write_text(yaml.safe_dump(document, allow_unicode=True), encoding="utf-8")


def test_a_changed_reference_reaches_pages_and_api_with_the_next_import(
    app, client, store, tmp_path
):
    folder = tmp_path / "reference"
    shutil.copytree(PROJECT_ROOT / "data" / "reference", folder)
    app.config["REFERENCE_DIR"] = str(folder)
    assert run_register(db.session, VALID, load_reference(folder), store).ok
    assert "Ambulante behandeling" in client.get("/hulp/AMB-BEH").get_data(as_text=True)

    _rename_service(folder, "AMB-BEH", "Behandeling dichtbij huis")
    # The files changed, nothing was published: everything still shows the published name.
    assert "Behandeling dichtbij huis" not in client.get("/hulp/AMB-BEH").get_data(as_text=True)

    result = run_register(db.session, VALID, load_reference(folder), store)
    assert result.outcome == "gepubliceerd"  # the reference changed, so a new version
    assert "Behandeling dichtbij huis" in client.get("/hulp/AMB-BEH").get_data(as_text=True)
    services = client.get("/api/v1/services").get_json()["data"]
    assert next(s for s in services if s["code"] == "AMB-BEH")["naam"]["nl"] == (
        "Behandeling dichtbij huis"
    )
    page = client.get("/zoeken?d=AMB-BEH").get_data(as_text=True)
    assert "Behandeling dichtbij huis" in page
