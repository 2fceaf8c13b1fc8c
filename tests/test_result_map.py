"""The map view of the results (weergave=kaart): one point per location of the mapped
results and no other, each a link to its provider; the chosen gemeente highlighted; a
text alternative and the credit of the boundaries; the view kept by every link of the
search. The JSON twin (/api/v1/providers) is the reference for which providers and
locations the map must show."""

from __future__ import annotations

import json
import math
import re
import xml.etree.ElementTree as ET
from urllib.parse import parse_qsl, urlsplit

import pytest

from app.config import PROJECT_ROOT
from app.domain.twente_map import MAP_FILE, basemap
from app.search.catalog import Provider
from app.search.finder import MAP_SIZE, SearchResult
from app.search.params import SearchParams
from app.search.result_map import MAX_POINTS, result_map
from tests.test_search import api

SVG = "{http://www.w3.org/2000/svg}"
# The projection of data/kaart/README.md, written out here (not imported) so that a change
# on either side shows.
COS, K, LON0, LAT0 = math.cos(math.radians(52.3)), 2150.0, 6.318, 52.5


def project(lat: float, lon: float) -> tuple[int, int]:
    return round((lon - LON0) * COS * K), round((LAT0 - lat) * K)


def page(client, query: str) -> str:  # type: ignore[no-untyped-def]
    response = client.get(f"/zoeken?{query}")
    assert response.status_code == 200, response.status_code
    return response.get_data(as_text=True)


def the_map(html: str) -> ET.Element:
    """The page's map as XML (the template writes well-formed SVG)."""
    found = re.search(r"<svg xmlns=.*?</svg>", html, re.S)  # not the header's icons
    assert found, "no map on the page"
    return ET.fromstring(found[0])


def points(html: str) -> list[tuple[str, int, int, str, dict[str, str]]]:
    """Per point: provider id, x, y, its accessible name, and the query of its link."""
    svg = the_map(html)
    found = []
    for link in svg.iter(f"{SVG}a"):
        href = link.get("href") or ""
        parts = urlsplit(href)
        circle = link.find(f"{SVG}circle")
        assert circle is not None, href
        aanbieder_id = parts.path.split("/")[2]
        assert parts.path.startswith(f"/aanbieder/{aanbieder_id}/"), href
        name = link.findtext(f"{SVG}title") or ""
        found.append(
            (
                aanbieder_id,
                int(circle.get("cx", "")),
                int(circle.get("cy", "")),
                name,
                dict(parse_qsl(parts.query)),
            )
        )
    return found


def all_results(client, query: str) -> list[dict]:  # type: ignore[no-untyped-def]
    """Every provider of a search, in the result's order, from the JSON twin."""
    first = api(client, query)
    results = list(first["results"])
    for number in range(2, first["pages"] + 1):
        results += api(client, f"{query}&p={number}")["results"]
    assert len(results) == first["total"]
    return results


def expected_points(results: list[dict]) -> list[tuple[str, int, int]]:
    return [
        (r["id"], *project(loc["lat"], loc["lon"]))
        for r in results[:MAP_SIZE]
        for loc in r["locaties"]
        if loc["lat"] is not None
    ]


@pytest.mark.parametrize("query", ["g=enschede", "g=hengelo", "g=almelo&w=jeugd", "q=dyslexie"])
def test_one_point_per_location_of_the_results_and_no_other(demo_client, query):
    results = all_results(demo_client, query)
    html = page(demo_client, f"{query}&weergave=kaart")
    shown = points(html)
    assert [(i, x, y) for i, x, y, _, _ in shown] == expected_points(results)
    names = {r["id"]: r["naam"] for r in results}
    for aanbieder_id, _, _, name, _ in shown:
        assert name.startswith(names[aanbieder_id]), name  # "Naam (Plaats)"
    caption = the_caption(html)
    mapped = results[:MAP_SIZE]
    placed = sum(1 for r in mapped if r["locaties"])
    assert f" {placed} aanbieder" in caption and f" {len(shown)} plek" in caption, caption
    if len(mapped) > placed:
        assert f"{len(mapped) - placed} aanbieder" in caption, caption
    if len(results) > MAP_SIZE:
        assert f"eerste {MAP_SIZE} van {len(results)} aanbieders" in caption, caption


def the_caption(html: str) -> str:
    found = re.search(r"<figcaption[^>]*>(.*?)</figcaption>", html, re.S)
    assert found
    return " ".join(found[1].split())


def test_a_point_links_to_its_provider_with_the_search_it_came_from(demo_client):
    html = page(demo_client, "g=enschede&weergave=kaart&sort=naam")
    shown = points(html)
    assert shown
    for _, _, _, _, query in shown:
        assert query == {"g": "enschede", "sort": "naam", "weergave": "kaart"}
    aanbieder_id = shown[0][0]
    href = the_map(html).find(f"{SVG}g[@class='points']/{SVG}a").get("href")  # type: ignore[union-attr]
    provider = demo_client.get(href)
    assert provider.status_code == 200
    back = "/zoeken?g=enschede&amp;sort=naam&amp;weergave=kaart"
    assert back in provider.get_data(as_text=True), f"no way back to the map from {aanbieder_id}"


def test_the_map_has_a_text_alternative_and_credits_its_boundaries(demo_client):
    html = page(demo_client, "g=enschede&weergave=kaart")
    svg = the_map(html)
    title, desc = svg.find(f"{SVG}title"), svg.find(f"{SVG}desc")
    assert title is not None and desc is not None and title.text and desc.text
    assert svg.get("aria-labelledby") == title.get("id")
    assert svg.get("aria-describedby") == desc.get("id")
    assert svg.find(f"{SVG}g[@class='gemeenten']").get("aria-hidden") == "true"  # type: ignore[union-attr]
    assert '<figure class="result-map" id="kaart" aria-labelledby="map-caption">' in html
    assert "De lijst hieronder noemt dezelfde aanbieders" in the_caption(html)
    assert 'href="#result-list"' in html and '<ol class="results" id="result-list">' in html
    credit = re.search(r'<p class="map-credit">(.*?)</p>', html, re.S)
    assert credit and "CBS Gebiedsindelingen 2025" in credit[1] and "PDOK" in credit[1]
    assert 'href="https://creativecommons.org/licenses/by/4.0/deed.nl"' in credit[1]
    english = page(demo_client, "g=enschede&weergave=kaart&lang=en")
    assert "Municipal boundaries: CBS Gebiedsindelingen 2025" in english
    assert "The map shows" in the_caption(english)


def test_the_chosen_gemeente_is_highlighted_and_said(demo_client):
    enschede = next(s for s in basemap().shapes if s.naam == "Enschede")
    svg = the_map(page(demo_client, "g=enschede&weergave=kaart"))
    chosen = [p for p in svg.iter(f"{SVG}path") if p.get("class") == "chosen"]
    assert [p.get("d") for p in chosen] == [enschede.path]
    assert len(list(svg.iter(f"{SVG}path"))) == 14
    assert "De gemeente Enschede is gekleurd" in page(demo_client, "g=enschede&weergave=kaart")
    everywhere = page(demo_client, "weergave=kaart")
    assert 'class="chosen"' not in everywhere and "is gekleurd" not in everywhere


def test_every_link_of_the_search_keeps_the_map(demo_client):
    html = page(demo_client, "g=enschede&d=AMB-BEG&weergave=kaart")
    # The form (filters, order, words) sends it; the page's own link holds it.
    assert '<input type="hidden" name="weergave" value="kaart">' in html
    assert 'data-page="/zoeken?g=enschede&amp;d=AMB-BEG&amp;weergave=kaart"' in html
    chips = re.findall(r'<ul class="chips".*?</ul>', html, re.S)[0]
    assert chips.count("weergave=kaart") == chips.count("href=") == 3  # 2 chips, "Alles wissen"
    pages = re.search(r'<nav aria-label="Pagina\'s" class="pagination">.*?</nav>', html, re.S)
    assert (
        pages
        and 'rel="next" href="/zoeken?g=enschede&amp;d=AMB-BEG&amp;weergave=kaart&amp;p=2"'
        in pages[0]
    )
    second = page(demo_client, "g=enschede&d=AMB-BEG&weergave=kaart&p=2")
    # The map is of the whole result, not of one page of the list.
    assert [point[:3] for point in points(second)] == [point[:3] for point in points(html)]
    assert 'rel="prev" href="/zoeken?g=enschede&amp;d=AMB-BEG&amp;weergave=kaart"' in second


def test_the_view_switch_says_which_view_is_shown(demo_client):
    html = page(demo_client, "g=enschede&weergave=kaart")
    switch = re.search(r'<nav class="view-switch" aria-label="Weergave">(.*?)</nav>', html, re.S)
    assert switch
    links = re.findall(r'<a href="([^"]*)"[^>]*?( aria-current="page")?>([^<]*)</a>', switch[1])
    assert links == [
        ("/zoeken?g=enschede", "", "Lijst"),
        ("/zoeken?g=enschede&amp;weergave=kaart", ' aria-current="page"', "Kaart en lijst"),
    ]
    listed = page(demo_client, "g=enschede")
    assert 'aria-labelledby="map-title"' not in listed and 'aria-current="page">Lijst</a>' in listed
    assert '<input type="hidden" name="weergave"' not in listed


def test_a_bad_view_is_left_out_like_any_bad_value(demo_client):
    html = page(demo_client, "g=enschede&weergave=globe")
    assert "<code>weergave=globe</code>" in html and "map-title" not in html
    assert "98 aanbieders in Enschede" in html  # the search itself still runs
    default = demo_client.get("/zoeken?g=enschede&weergave=lijst")
    assert default.status_code == 302 and default.location == "/zoeken?g=enschede"
    assert demo_client.get("/api/v1/providers?g=enschede&weergave=kaart").status_code == 400


def test_no_map_without_results(demo_client):
    html = page(demo_client, "g=almelo&d=AMB-BEG&weergave=kaart")
    assert "map-title" not in html and 'class="view-switch"' not in html


def _provider(aanbieder_id: str, locaties: list) -> Provider:  # type: ignore[type-arg]
    return Provider(aanbieder_id, aanbieder_id, "", None, None, None, None, None, None, None, None,
                    locaties=locaties)  # fmt: skip


def test_what_the_map_cannot_draw_is_counted_not_drawn():
    inside = _provider("A1", [("Enschede", "0153", 52.2215, 6.8937), ("Zwolle", None, 52.51, 6.09)])
    nowhere = _provider("A2", [])
    unknown = _provider("A3", [("Ergens", None, None, None)])
    result = SearchResult(SearchParams(g="0153"), 3, 1, 1, [], {}, "neutraal")
    result.mapped = [inside, nowhere, unknown]
    drawn = result_map(result)
    assert [(p.provider.id, p.x, p.y, p.plaats) for p in drawn.points] == [
        ("A1", *project(52.2215, 6.8937), "Enschede")
    ]
    assert (drawn.providers, drawn.placed, drawn.outside) == (3, 1, 1)
    assert drawn.shapes[-1].cbs == "0153" and drawn.chosen_name == "Enschede"


def test_a_map_holds_whole_providers_up_to_its_bound_of_points():
    many = [("Enschede", "0153", 52.2215, 6.8937)] * (MAX_POINTS // 2)
    first, second, third = (_provider(f"A{n}", many) for n in (1, 2, 3))
    result = SearchResult(SearchParams(), 3, 1, 1, [], {}, "neutraal")
    result.mapped = [first, second, third]
    drawn = result_map(result)
    assert len(drawn.points) == MAX_POINTS and (drawn.providers, drawn.total) == (2, 3)
    result.mapped = [_provider("A9", many * 3)]  # one provider is never left out
    assert len(result_map(result).points) == 3 * len(many)


def _inside(x: float, y: float, path: str) -> bool:
    """Even-odd ray cast over an SVG path of M/L/Z commands (as the map file has)."""
    crossings = 0
    for ring in re.findall(r"M([^Z]*)Z", path):
        corners = [tuple(map(float, pair.split())) for pair in re.split(r"[ML]", ring) if pair]
        for (x1, y1), (x2, y2) in zip(corners, corners[1:] + corners[:1], strict=True):
            if (y1 > y) != (y2 > y) and x < x1 + (y - y1) * (x2 - x1) / (y2 - y1):
                crossings += 1
    return crossings % 2 == 1


def test_the_boundaries_are_the_14_gemeenten_and_each_centre_falls_in_its_own(ref):
    shapes = basemap().shapes
    assert sorted((s.cbs, s.naam) for s in shapes) == sorted((g.cbs, g.naam) for g in ref.gemeenten)
    for gemeente in ref.gemeenten:
        x, y = basemap().project(gemeente.lat, gemeente.lon)
        assert (x, y) == pytest.approx(project(gemeente.lat, gemeente.lon), abs=0.5)
        inside = [s.naam for s in shapes if _inside(x, y, s.path)]
        assert inside == [gemeente.naam], (gemeente.naam, inside)


def test_the_boundaries_ship_with_their_source_date_and_licence():
    data = json.loads(MAP_FILE.read_text(encoding="utf-8"))
    assert data["jaar"] == 2025 and "CBS Gebiedsindelingen 2025" in data["bron"]
    assert data["licentie_url"] == "https://creativecommons.org/licenses/by/4.0/deed.nl"
    readme = (PROJECT_ROOT / "data" / "kaart" / "README.md").read_text(encoding="utf-8")
    for fact in ("CBS Gebiedsindelingen **2025**", "PDOK", "CC BY 4.0", "Prepared", "01e3b4ce"):
        assert fact in readme, fact
