"""Where the Netherlands is: the one box that coordinates must lie in.

The register checks locations against it and the search accepts an origin inside it, so
both read these bounds from here (no Flask, no search: app.register imports it too).
"""

from __future__ import annotations

# A generous box around the European Netherlands (WGS84 degrees): (south, north), (west, east).
NL_LAT = (50.70, 53.60)
NL_LON = (3.30, 7.25)


def dutch_number(value: float) -> str:
    """A bound as Dutch writes it: 50.7 -> '50,7'."""
    return f"{value:g}".replace(".", ",")
