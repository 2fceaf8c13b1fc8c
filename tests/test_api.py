"""The open-data JSON API: same answers as the search, pagination, errors, 304, CORS."""

from __future__ import annotations

import pytest
from flask import request

from app.search import run_search
from tests.conftest import VALID


def get_json(client, url, status=200):
    response = client.get(url)
    assert response.status_code == status, response.get_data(as_text=True)[:300]
    return response.get_json()


def test_nothing_published_yet(client):
    data = get_json(client, "/api/v1/providers")
    assert data == {
        "data": [],
        "meta": {"register": None, "total": 0, "page": 1, "pages": 1, "page_size": 20},
        "links": {},
    }
    error = get_json(client, "/api/v1/register", 404)["error"]
    assert error["status"] == 404 and "No register" in error["message"]
    assert "ETag" not in client.get("/api/v1/providers").headers


def test_register_metadata(published_client, published_result):
    body = get_json(published_client, "/api/v1/register")
    assert (
        body["data"]["import_id"] == published_result.run_id == body["meta"]["register"]["version"]
    )
    assert body["data"]["fictief"] is False
    assert body["data"]["published_at"].endswith("Z")
    assert body["data"]["aantallen"]["aanbieders"] == 4


@pytest.mark.parametrize(
    "query",
    [
        "",
        "g=hengelo",
        "g=0153&d=AMB-DYS",
        "w=wmo",
        "t=dyslexie",
        "q=dislexie",
        "sort=naam",
        "sort=wachttijd&kenmerk=huisbezoek",
        "taal=tr",
        "l=10",
        "wacht=5",
        "g=enschede&sort=afstand",
    ],
)
def test_same_answer_as_the_search(published_app, published_client, query):
    with published_app.test_request_context(f"/zoeken?{query}"):
        _, search, _ = run_search(request.args)  # what the result page shows
    assert search is not None
    api = get_json(published_client, f"/api/v1/providers?{query}")
    assert [p["id"] for p in api["data"]] == [p.id for p in search.providers]
    assert api["meta"]["total"] == search.total
    assert api["meta"]["facets"] == {name: f.counts for name, f in search.facets.items()}
    assert api["meta"]["sort"] == search.sort


def test_provider_fields(published_client):
    providers = get_json(published_client, "/api/v1/providers")["data"]
    t001 = next(p for p in providers if p["id"] == "T001")
    assert t001["contracten"] == [
        {
            "dienst": "AMB-DYS",
            "gemeenten": sorted(
                g["cbs"] for g in get_json(published_client, "/api/v1/gemeenten")["data"]
            ),
        }
    ]
    assert t001["cijfers"]["clienttevredenheid"]["waarde"] == 87.5
    # n=6 is below the minimum: the figure is there, its number is not.
    assert t001["cijfers"]["uitval"] == {
        "status": "te_weinig_gegevens",
        "aantal": 6,
        "periode_van": "2025-01-01",
        "periode_tot": "2025-12-31",
        "bron": "Contractrapportage 2025 (fictief)",
    }


@pytest.mark.slow
def test_pagination_covers_every_provider_exactly_once(demo_client):
    for query in ("", "w=jeugd&sort=naam", "g=enschede"):
        first = get_json(demo_client, f"/api/v1/providers?{query}")
        seen, url = [], f"/api/v1/providers?{query}"
        while url:
            page = get_json(demo_client, url)
            seen.extend(p["id"] for p in page["data"])
            url = page["links"]["next"]
        assert len(seen) == len(set(seen)) == first["meta"]["total"] > 20
        assert page["links"]["self"] == first["links"]["last"]


def test_links_and_last_page(demo_client):
    body = get_json(demo_client, "/api/v1/providers?w=wmo&sort=naam&p=2")
    assert body["links"]["prev"] == "/api/v1/providers?w=wmo&sort=naam"
    assert body["links"]["next"] == "/api/v1/providers?w=wmo&sort=naam&p=3"
    pages = body["meta"]["pages"]
    error = get_json(demo_client, f"/api/v1/providers?w=wmo&p={pages + 1}", 404)["error"]
    assert error["details"] == [{"parameter": "p", "value": str(pages + 1)}]


@pytest.mark.parametrize(
    "query,parameter",
    [
        ("g=atlantis", "g"),
        ("d=NOPE", "d"),
        ("t=sterren", "t"),
        ("l=-4", "l"),
        ("l=abc", "l"),
        ("wacht=9999", "wacht"),
        ("sort=random", "sort"),
        ("p=0", "p"),
        ("p=abc", "p"),
        ("lat=1&lon=1", "lat"),
        ("taal=x1", "taal"),
        ("kenmerk=vliegen", "kenmerk"),
        ("q=" + "x" * 300, "q"),
        ("foo=bar", "foo"),
        ("sort=", "sort"),
        ("d=&w=jeugd", "d"),
    ],
)
def test_bad_parameters_are_a_400_with_a_message(published_client, query, parameter):
    body = get_json(published_client, f"/api/v1/providers?{query}", 400)
    assert body["error"]["status"] == 400
    assert parameter in body["error"]["message"]
    assert parameter in [d["parameter"] for d in body["error"]["details"]]
    # The HTML search stays forgiving: it shows a notice instead.
    assert published_client.get(f"/zoeken?{query}", follow_redirects=True).status_code == 200


def test_lists_reject_parameters(published_client):
    error = get_json(published_client, "/api/v1/services?x=1", 400)["error"]
    assert error["details"][0]["parameter"] == "x"


def test_reference_lists(published_client, ref):
    services = get_json(published_client, "/api/v1/services")
    assert [s["code"] for s in services["data"]] == [d.code for d in ref.diensten]
    amb_beg = services["data"][0]
    assert {"gemeente": "0141", "soort": "lokaal"}.items() <= amb_beg["deelname_afwijkend"][
        0
    ].items()
    assert len(get_json(published_client, "/api/v1/gemeenten")["data"]) == 14
    themes = get_json(published_client, "/api/v1/themes")["data"]
    assert {t["code"] for t in themes} == ref.thema_codes
    indicators = get_json(published_client, "/api/v1/indicators")["data"]
    uitval = next(i for i in indicators if i["code"] == "uitval")
    assert uitval["hoger_is_beter"] is False


@pytest.mark.parametrize("url", ["/api/v1/nope", "/api/v1/providers/T999", "/api/v2/providers"])
def test_unknown_paths_are_a_json_404(published_client, url):
    response = published_client.get(url)
    assert response.status_code == 404 and response.is_json
    assert response.get_json()["error"]["status"] == 404
    assert response.headers["Access-Control-Allow-Origin"] == "*"


def test_read_only(published_client):
    response = published_client.post("/api/v1/providers")
    assert response.status_code == 405 and response.get_json()["error"]["status"] == 405


@pytest.mark.parametrize(
    "url",
    [
        "/api/v1/providers?g=hengelo",
        "/api/v1/services",
        "/api/v1/register",
        "/api/v1/export/kwaliteit.csv",
    ],
)
def test_conditional_requests(published_client, url):
    first = published_client.get(url)
    etag, modified = first.headers["ETag"], first.headers["Last-Modified"]
    again = published_client.get(url, headers={"If-None-Match": etag})
    assert again.status_code == 304 and again.data == b""
    assert published_client.get(url, headers={"If-Modified-Since": modified}).status_code == 304
    assert (
        published_client.get(url, headers={"If-None-Match": '"register-0-2000-01-01"'}).status_code
        == 200
    )
    assert (
        published_client.get(
            url, headers={"If-Modified-Since": "Sat, 01 Jan 2000 00:00:00 GMT"}
        ).status_code
        == 200
    )


def test_a_new_register_changes_the_etag(client, do_import, register_copy):
    from tests.conftest import set_cell

    do_import(VALID)
    etag = client.get("/api/v1/providers").headers["ETag"]
    set_cell(register_copy, "aanbieders", 2, "naam", "Testpraktijk De Eik (fictief)")
    do_import(register_copy)
    response = client.get("/api/v1/providers", headers={"If-None-Match": etag})
    assert response.status_code == 200 and response.headers["ETag"] != etag


def test_cors(published_client):
    assert published_client.get("/api/v1/themes").headers["Access-Control-Allow-Origin"] == "*"
    preflight = published_client.options(
        "/api/v1/providers",
        headers={
            "Origin": "https://example.org",
            "Access-Control-Request-Method": "GET",
            "Access-Control-Request-Headers": "If-None-Match",
        },
    )
    assert preflight.status_code == 200
    assert preflight.headers["Access-Control-Allow-Origin"] == "*"
    assert "GET" in preflight.headers["Access-Control-Allow-Methods"]
    assert preflight.headers["Access-Control-Allow-Headers"] == "If-None-Match"
    assert "ETag" in published_client.get("/api/v1/themes").headers["Access-Control-Expose-Headers"]
    # Pages stay same-origin.
    assert "Access-Control-Allow-Origin" not in published_client.get("/").headers


def test_json_keeps_the_privacy_headers(published_client):
    response = published_client.get("/api/v1/providers")
    assert response.is_json and "Set-Cookie" not in response.headers
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert "default-src 'self'" in response.headers["Content-Security-Policy"]
