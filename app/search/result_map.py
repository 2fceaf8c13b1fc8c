"""A search result on the map of Twente (weergave=kaart): one point per location of the
providers the map shows, in the result's order, and what the map cannot show (providers
without an address, locations outside Twente), so that the page can say it in words."""

from __future__ import annotations

from dataclasses import dataclass

from app.domain.twente_map import Basemap, Shape, basemap
from app.search.catalog import Provider
from app.search.finder import SearchResult


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
    providers: int  # providers on the map (the first of the result, up to MAP_SIZE)
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


def result_map(result: SearchResult) -> ResultMap:
    """The map of a result computed with weergave=kaart (its `mapped` providers)."""
    frame = basemap()
    points: list[Point] = []
    outside = 0
    placed = 0
    for provider in result.mapped:
        drawn = 0
        for plaats, _cbs, lat, lon in provider.locaties:
            if lat is None or lon is None:
                continue
            x, y = frame.project(lat, lon)
            if not frame.contains(x, y):
                outside += 1
                continue
            points.append(Point(round(x), round(y), provider, plaats))
            drawn += 1
        placed += drawn > 0
    return ResultMap(
        basemap=frame,
        points=points,
        chosen=result.params.g,
        providers=len(result.mapped),
        placed=placed,
        outside=outside,
        total=result.total,
    )
