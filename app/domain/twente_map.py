"""The map of Twente's 14 gemeenten: boundaries from CBS (data/kaart/, with their source,
date and licence in data/kaart/README.md) and the one projection that puts both those
boundaries and a location's latitude and longitude on it.

The boundaries were projected once, when the file was made; the projection's constants
are read from the same file, so a point can never drift from the borders around it.
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

MAP_FILE = (
    Path(__file__).resolve().parent.parent.parent / "data" / "kaart" / "twente-gemeenten.json"
)


@dataclass(frozen=True)
class Shape:
    """One gemeente: its CBS code, name, SVG path and where its name fits inside it."""

    cbs: str
    naam: str
    path: str
    label: tuple[int, int]


@dataclass(frozen=True)
class Projection:
    """Equirectangular: x = (lon - lon0) * cos(lat_ref) * k, y = (lat0 - lat) * k."""

    lon0: float
    lat0: float
    lat_ref: float
    k: float

    def __call__(self, lat: float, lon: float) -> tuple[float, float]:
        """WGS84 degrees -> map units (y grows southwards, as in SVG)."""
        scale = math.cos(math.radians(self.lat_ref)) * self.k
        return (lon - self.lon0) * scale, (self.lat0 - lat) * self.k


@dataclass(frozen=True)
class Basemap:
    """The gemeenten, the map's frame (x, y, width, height) and what the page must credit."""

    viewbox: tuple[int, int, int, int]
    shapes: tuple[Shape, ...]
    project: Projection
    year: int
    licence_url: str

    def contains(self, x: float, y: float) -> bool:
        """Whether a projected point lies inside the map's frame."""
        left, top, width, height = self.viewbox
        return left <= x <= left + width and top <= y <= top + height


def read_basemap(path: Path = MAP_FILE) -> Basemap:
    """Read a map file made by make_map.py (see data/kaart/README.md)."""
    data = json.loads(path.read_text(encoding="utf-8"))
    left, top, width, height = (int(v) for v in data["viewbox"])
    projection = data["projectie"]
    return Basemap(
        viewbox=(left, top, width, height),
        shapes=tuple(
            Shape(g["cbs"], g["naam"], g["path"], (int(g["label"][0]), int(g["label"][1])))
            for g in data["gemeenten"]
        ),
        project=Projection(
            projection["lon0"], projection["lat0"], projection["lat_ref"], projection["k"]
        ),
        year=int(data["jaar"]),
        licence_url=data["licentie_url"],
    )


@lru_cache(maxsize=1)
def basemap() -> Basemap:
    """The shipped map, read once per process (it changes only with a new release)."""
    return read_basemap()
