"""How a measured figure may be published: never as a number below the minimum n.

Shared by the JSON API, the search's JSON twin and the CSV export, so the rule that
"a figure based on too few clients is not shown as a number" holds everywhere.
"""
from __future__ import annotations

from typing import Any


def figure_json(figure: Any, minimum_n: int) -> dict[str, Any] | None:
    """A figure (catalog Figure or Kwaliteitscijfer row) for the API, honouring the
    minimum n: below it the value and unit are left out."""
    if figure is None:
        return None
    base = {"aantal": figure.aantal, "periode_van": figure.periode_van.isoformat(),
            "periode_tot": figure.periode_tot.isoformat(), "bron": figure.bron}
    if figure.aantal < minimum_n:
        return {"status": "te_weinig_gegevens", **base}
    return {"status": "ok", "waarde": figure.waarde, "eenheid": figure.eenheid, **base}
