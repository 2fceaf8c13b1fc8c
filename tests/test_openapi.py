"""The OpenAPI description: valid OpenAPI 3.1, complete, and true — schemathesis sends
generated requests (valid and invalid) to every operation and checks every answer."""

from __future__ import annotations

import re

import pytest
import schemathesis
from hypothesis import settings
from openapi_spec_validator import validate


def test_the_description_is_valid_openapi_3_1(published_client):
    response = published_client.get("/api/v1/openapi.json")
    assert response.status_code == 200
    document = response.get_json()
    assert document["openapi"].startswith("3.1")
    validate(document)


def _openapi_path(rule) -> str:  # type: ignore[no-untyped-def]
    """Flask writes path parameters as <converter:name>, OpenAPI as {name}."""
    return re.sub(r"<(?:\w+:)?(\w+)>", r"{\1}", rule.rule)


def _answers_json(client, rule) -> bool:  # type: ignore[no-untyped-def]
    """Ask a GET route once (path parameters filled with a placeholder) and see whether
    it answers JSON: an unknown id still answers in the route's own format."""
    url = re.sub(r"<(?:\w+:)?\w+>", "T001", rule.rule)
    response = client.get(url, headers={"Accept-Encoding": "identity"})
    mimetype = response.mimetype or ""
    return mimetype == "application/json" or mimetype.endswith("+json")


# The health checks answer JSON to a load balancer, not to open-data users: they are
# described in docs/deploy.md instead (checked here too).
OPERATIONS = {"/healthz", "/readyz"}


def test_every_json_route_is_described(published_app, published_client):
    """Every route of the whole app that answers JSON is in the OpenAPI description (not
    only the api blueprint), and every described path is a route."""
    from app.config import PROJECT_ROOT

    described = set(published_client.get("/api/v1/openapi.json").get_json()["paths"])
    routes = [rule for rule in published_app.url_map.iter_rules() if "GET" in (rule.methods or ())]
    json_routes = {_openapi_path(rule) for rule in routes if _answers_json(published_client, rule)}
    assert json_routes - described == OPERATIONS, "JSON routes missing from the OpenAPI paths"
    deploy = (PROJECT_ROOT / "docs" / "deploy.md").read_text(encoding="utf-8")
    assert all(f"`{path}`" in deploy for path in OPERATIONS)
    assert described <= {_openapi_path(rule) for rule in routes}
    assert "/api/v1/providers" in json_routes and "/zoeken" not in json_routes


@pytest.fixture
def api_schema(published_app):  # type: ignore[no-untyped-def]
    return schemathesis.openapi.from_wsgi("/api/v1/openapi.json", published_app)


schema = schemathesis.pytest.from_fixture("api_schema")


@schema.parametrize()
@settings(max_examples=30, derandomize=True, deadline=None)
def test_api_answers_match_the_description(case):  # type: ignore[no-untyped-def]
    """No 5xx; status, content type, headers and body as described."""
    # Plain bodies: the WSGI transport does not undo gzip as an HTTP client would
    # (compression has its own tests in test_compression.py).
    case.call_and_validate(headers={"Accept-Encoding": "identity"})
