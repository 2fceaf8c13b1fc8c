"""A search result on the map of Twente (weergave=kaart): one point per location of the
providers the map shows, in the result's order, and what the map cannot show (providers
without an address, locations outside Twente), so that the page can say it in words."""

from __future__ import annotations

from dataclasses import dataclass

from app.domain.twente_map import Basemap, Shape, basemap
from app.search.catalog import Provider
from app.search.finder import SearchResult

# Points on one map: a bound beside finder.MAP_SIZE, because one provider can have many
# locations, and each point weighs on a phone's connection (about 40 bytes sent, gzipped).
MAX_POINTS = 300


@dataclass(frozen=True)
class Point:
    """One location of one provider, in map units (rounded: one unit is about 50 m)."""

    x: int
    y: int
    provider: Provider
    plaats: str


@dataclass(frozen=True)
class ResultMap:
    """What the map view draws and says."""

    basemap: Basemap
    points: list[Point]
    chosen: str | None  # the searched gemeente's CBS code: drawn highlighted
    providers: int  # providers on the map (the first of the result: MAP_SIZE, MAX_POINTS)
    placed: int  # of those, the ones with at least one point
    outside: int  # locations outside the map's frame: counted, not drawn
    total: int  # providers in the whole result

    @property
    def shapes(self) -> list[Shape]:
        """The gemeenten, the chosen one last, so that its border is drawn over its
        neighbours' borders."""
        return sorted(self.basemap.shapes, key=lambda shape: shape.cbs == self.chosen)

    @property
    def chosen_name(self) -> str | None:
        """The chosen gemeente's name as the map file spells it."""
        return next((s.naam for s in self.basemap.shapes if s.cbs == self.chosen), None)


def _locate(frame: Basemap, provider: Provider) -> tuple[list[Point], int]:
    """A provider's locations on the map, and how many lie outside its frame."""
    drawn: list[Point] = []
    outside = 0
    for plaats, _cbs, lat, lon in provider.locaties:
        if lat is None or lon is None:
            continue
        x, y = frame.project(lat, lon)
        if frame.contains(x, y):
            drawn.append(Point(round(x), round(y), provider, plaats))
        else:
            outside += 1
    return drawn, outside


def result_map(result: SearchResult) -> ResultMap:
    """The map of a result computed with weergave=kaart (its `mapped` providers), up to
    MAX_POINTS points: whole providers only, so the caption can say how many are on it."""
    frame = basemap()
    points: list[Point] = []
    providers = placed = outside = 0
    for provider in result.mapped:
        drawn, away = _locate(frame, provider)
        if points and len(points) + len(drawn) > MAX_POINTS:
            break
        points += drawn
        providers += 1
        placed += bool(drawn)
        outside += away
    return ResultMap(
        basemap=frame,
        points=points,
        chosen=result.params.g,
        providers=providers,
        placed=placed,
        outside=outside,
        total=result.total,
    )
