"""The HSDS 3.0 export: every object checked, links intact, streamed, stable ids.

The official HSDS 3.0 JSON schemas are not available at test time (no package ships
them; see docs/open-data.md), so every object is checked here against the fields of
HSDS 3.0 as our mapping uses them — required fields (including the tabular form's
`tabular_required`), no other fields, UUID ids — and against the links between records.
`python -m tools.check_hsds --schemas SPEC/schema` checks the same export against the
official schemas wherever a copy of the specification is at hand.
"""

from __future__ import annotations

import json

from app.opendata.exports.hsds.writer import hsds_id
from tools.check_hsds import UUID, link_errors, official_validators, schema_errors

# table -> (required fields, fields our mapping may fill)
PROFILE = {
    "taxonomy": ({"id", "name", "description"}, set()),
    "taxonomy_term": (
        {"id", "name", "description"},
        {"code", "parent_id", "taxonomy", "language", "taxonomy_id"},
    ),
    "organization": ({"id", "name", "description"}, {"email", "website"}),
    "organization_identifier": (
        {"id", "organization_id", "identifier_type", "identifier"},
        {"identifier_scheme"},
    ),
    "phone": ({"id", "number"}, {"organization_id"}),
    "contact": ({"id"}, {"organization_id", "email"}),
    "location": ({"id", "location_type"}, {"organization_id", "name", "latitude", "longitude"}),
    "address": (
        {"id", "address_1", "city", "state_province", "postal_code", "country", "address_type"},
        {"location_id"},
    ),
    "service": (
        {"id", "name", "status", "organization_id"},
        {
            "alternate_name",
            "description",
            "url",
            "email",
            "application_process",
            "wait_time",
            "accreditations",
            "eligibility_description",
            "minimum_age",
            "maximum_age",
        },
    ),
    "service_area": ({"id"}, {"service_id", "name", "description"}),
    "service_at_location": ({"id", "service_id", "location_id"}, set()),
    "language": ({"id"}, {"service_id", "code", "name"}),
    "attribute": ({"id", "link_id", "taxonomy_term_id", "link_entity"}, {"link_type", "value"}),
    "metadata": (
        {
            "id",
            "resource_id",
            "resource_type",
            "last_action_date",
            "last_action_type",
            "field_name",
            "previous_value",
            "replacement_value",
            "updated_by",
        },
        set(),
    ),
}
STRING_NUMBERS = {"latitude", "longitude", "minimum_age", "maximum_age"}


def export(client):
    response = client.get("/api/v1/export/hsds.json")
    assert response.status_code == 200 and response.is_streamed
    assert response.mimetype == "application/json"
    return json.loads(response.get_data(as_text=True))


def profile_errors(document):
    for table, records in document.items():
        required, optional = PROFILE[table]
        for record in records:
            keys = set(record)
            if not required <= keys or not keys <= required | optional:
                yield (
                    table,
                    record["id"],
                    sorted(required - keys),
                    sorted(keys - required - optional),
                )
            for key, value in record.items():
                expected = (int, float) if key in STRING_NUMBERS else str
                if not isinstance(value, expected) or (
                    key.endswith("id") and not UUID.match(value)
                ):
                    yield table, record["id"], key, value


def test_every_object_has_the_hsds_fields_and_every_link_holds(demo_client):
    document = export(demo_client)
    assert set(document) == set(PROFILE)
    assert sum(map(len, document.values())) > 10_000
    assert list(profile_errors(document)) == []
    assert list(link_errors(document)) == []


def test_mapping(published_client):
    doc = export(published_client)
    org = next(o for o in doc["organization"] if o["id"] == hsds_id("organization", "T001"))
    assert org["name"] == "Testpraktijk De Beuk (fictief)"
    kvk = [
        i["identifier"]
        for i in doc["organization_identifier"]
        if i["organization_id"] == org["id"] and i["identifier_type"] == "KvK-nummer"
    ]
    assert kvk == ["12345678"]
    statuses = sorted(s["status"] for s in doc["service"])
    assert statuses == ["active"] * 4 + ["inactive", "temporarily closed"]
    # T004's WMO-OB2 contract covers Almelo and Borne: two service areas.
    ob2 = next(
        a
        for a in doc["attribute"]
        if a["link_entity"] == "service"
        and a["link_type"] == "diensten"
        and a["taxonomy_term_id"] == _term("WMO-OB2", doc)
    )
    areas = sorted(a["name"] for a in doc["service_area"] if a["service_id"] == ob2["link_id"])
    assert areas == ["Almelo", "Borne"]
    languages = {lang["code"]: lang["name"] for lang in doc["language"]}
    assert languages == {"nl": "Nederlands", "tr": "Turks"}


def _term(code, doc):
    return next(t["id"] for t in doc["taxonomy_term"] if t["code"] == code)


def test_figures_below_the_minimum_n_have_no_number(published_client):
    doc = export(published_client)
    figures = [
        json.loads(a["value"])
        for a in doc["attribute"]
        if a["taxonomy_term_id"] == _term("cijfer:uitval", doc)
    ]
    assert figures == [
        {
            "dienst": None,
            "status": "te_weinig_gegevens",
            "aantal": 6,
            "periode_van": "2025-01-01",
            "periode_tot": "2025-12-31",
            "bron": "Contractrapportage 2025 (fictief)",
        }
    ]


def test_ids_are_stable_and_the_export_is_written_in_chunks(published_client, published_db):
    from app.domain import clock
    from app.extensions import db
    from app.opendata.exports.hsds import hsds_stream

    first = published_client.get("/api/v1/export/hsds.json")
    assert first.get_data() == published_client.get("/api/v1/export/hsds.json").get_data()
    # The file is written from many chunks, not from one document built in memory.
    assert len(list(hsds_stream(db.session, clock.today(), 10))) > 20


def test_the_official_schema_check_is_strict(tmp_path):
    """tools/check_hsds.py on a stand-in schema written here (the official ones are not
    available to the suite): unknown fields, tabular_required and enums are enforced."""
    compiled = tmp_path / "compiled"
    compiled.mkdir()
    item = {
        "type": "object",
        "required": ["id", "name"],
        "tabular_required": ["organization_id"],
        "properties": {
            "id": {"type": "string", "format": "uuid"},
            "name": {"type": "string"},
            "organization_id": {"type": "string"},
            "status": {"type": "string", "enum": ["active"]},
        },
    }
    (compiled / "tabular.json").write_text(
        json.dumps({"type": "object", "properties": {"service": {"type": "array", "items": item}}})
    )
    validators = official_validators(tmp_path)
    good = {"id": hsds_id("x"), "name": "a", "organization_id": "o", "status": "active"}
    assert list(schema_errors({"service": [good]}, validators)) == []
    bad = {"id": "nope", "name": "a", "status": "open", "extra": 1}
    problems = " ".join(schema_errors({"service": [bad], "servic": []}, validators))
    for expected in (
        "not a 'uuid'",
        "'organization_id' is a required",
        "'extra' was unexpected",
        "is not one of",
        "servic: not an HSDS 3.0 table",
    ):
        assert expected in problems
