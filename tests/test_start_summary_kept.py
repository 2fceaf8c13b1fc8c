"""The start page's numbers (providers, kinds of help and gemeenten with a running
contract) are counted once per catalog (`kept_on_catalog`), and are right at once after
a new register and on a new day, before this process's catalog follows."""

from __future__ import annotations

import datetime as dt
import re

from app.domain import clock
from tests.conftest import VALID, read_csv, write_csv
from tests.test_provider_details_kept import about_contracts


def numbers(client) -> tuple[int, int, int]:  # type: ignore[no-untyped-def]
    html = client.get("/").get_data(as_text=True)
    found = [
        int(re.search(rf"<strong>(\d+)</strong>\s*{words}", html).group(1))  # type: ignore[union-attr]
        for words in ("aanbieders? met een lopend contract", "soort(?:en)? hulp", "gemeenten?")
    ]
    return found[0], found[1], found[2]


def test_counted_once_per_catalog(do_import, client, statements):
    assert do_import(VALID).outcome == "gepubliceerd"
    assert numbers(client) == (3, 4, 14)
    statements.clear()
    assert numbers(client) == (3, 4, 14)
    assert about_contracts(statements) == []


def test_right_at_once_after_a_new_register_and_on_a_new_day(app, do_import, client, register_copy):
    assert do_import(VALID).outcome == "gepubliceerd"
    assert numbers(client) == (3, 4, 14)
    # T004's WMO-OB2 contract ends on 31 December 2028: one kind of help less after it.
    with clock.pinned(dt.date(2029, 1, 1)):
        assert numbers(client) == (3, 3, 14)
    assert numbers(client) == (3, 4, 14)
    # T002 leaves the register: its AMB-BEG was the only one.
    for name in ("aanbieders", "locaties", "contracten", "kwaliteit"):
        path = register_copy / f"{name}.csv"
        write_csv(path, [r for r in read_csv(path) if r[0] != "T002"])
    assert do_import(register_copy).outcome == "gepubliceerd"
    assert numbers(client) == (2, 3, 14)  # before the catalog follows
    app.extensions["live_search"].refresh()  # the watcher, within 2 s
    assert numbers(client) == (2, 3, 14)
