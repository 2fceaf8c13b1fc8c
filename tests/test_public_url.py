"""PUBLIC_URL is the only source of absolute links; without it (development) they
follow the request. HSTS only for an https public address. (The forged Host header sent
to gunicorn: tests/test_server.py.)"""

from __future__ import annotations

from urllib.parse import quote

from tests.conftest import VALID

PROVIDER = "/aanbieder/T001/testpraktijk-de-beuk-fictief"


def test_with_a_public_url_no_request_header_reaches_a_link(app, client, do_import, monkeypatch):
    do_import(VALID)
    monkeypatch.setitem(app.config, "PUBLIC_URL", "https://kiezen.example.nl")
    html = client.get(
        f"{PROVIDER}?lang=en", headers={"Host": "evil.example", "X-Forwarded-Host": "evil2.example"}
    ).get_data(as_text=True)
    assert "evil" not in html
    assert f'rel="canonical" href="https://kiezen.example.nl{PROVIDER}?lang=en"' in html
    assert f'value="https://kiezen.example.nl{PROVIDER}?lang=en"' in html  # the share field
    assert quote(f"https://kiezen.example.nl{PROVIDER}", safe="") in html  # the report mail
    statement = client.get("/toegankelijkheid", headers={"Host": "evil.example"})
    assert "<dd>https://kiezen.example.nl</dd>" in statement.get_data(as_text=True)


def test_without_one_links_follow_the_request_as_in_development(client, do_import):
    do_import(VALID)
    html = client.get(PROVIDER, base_url="http://dev.local:5000").get_data(as_text=True)
    assert f'rel="canonical" href="http://dev.local:5000{PROVIDER}"' in html


def test_hsts_only_for_an_https_public_address(app, client, monkeypatch):
    assert "Strict-Transport-Security" not in client.get("/").headers
    monkeypatch.setitem(app.config, "PUBLIC_URL", "http://intranet.example.nl")
    assert "Strict-Transport-Security" not in client.get("/").headers
    monkeypatch.setitem(app.config, "PUBLIC_URL", "https://kiezen.example.nl")
    assert client.get("/").headers["Strict-Transport-Security"] == "max-age=31536000"
