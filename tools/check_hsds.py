"""Check an HSDS export: against the official Open Referral HSDS 3.0 JSON schemas, and
for the links between its records.

    python -m tools.check_hsds --schemas SPEC/schema --register data/demo/register.xlsx
    python -m tools.check_hsds --schemas SPEC/schema --export hsds.json

SPEC is a copy of github.com/openreferral/specification at tag v3.0 (its `schema/`
folder). The schemas are not part of this project and no package on PyPI ships them,
so this runs where a copy is at hand (see docs/open-data.md); the test suite checks the
links and our own field rules on every object instead (tests/test_hsds.py).

Like the specification's own example check, every object schema is made strict
(`additionalProperties: false`), and the tabular form's `tabular_required` fields are
required too.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from app.domain import clock

UUID = re.compile(r"^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$")
# field -> table its value must be an id of
LINKS = {
    "organization_id": "organization",
    "service_id": "service",
    "location_id": "location",
    "taxonomy_id": "taxonomy",
    "parent_id": "taxonomy_term",
    "taxonomy_term_id": "taxonomy_term",
    "contact_id": "contact",
    "phone_id": "phone",
    "service_at_location_id": "service_at_location",
}


def strict(schema: Any) -> Any:
    """A copy of `schema` in which objects allow no unknown properties and the tabular
    form's extra required fields are required."""
    if isinstance(schema, list):
        return [strict(item) for item in schema]
    if not isinstance(schema, dict):
        return schema
    result = {key: strict(value) for key, value in schema.items()}
    if "properties" in result:
        result["additionalProperties"] = False
        result["required"] = sorted(
            set(result.get("required", [])) | set(result.get("tabular_required", []))
        )
    return result


def official_validators(schema_dir: Path) -> dict[str, Any]:
    """One validator per HSDS table, from the official compiled/tabular.json."""
    from jsonschema import Draft202012Validator, FormatChecker

    tabular = json.loads((schema_dir / "compiled" / "tabular.json").read_text(encoding="utf-8"))
    return {
        table: Draft202012Validator(strict(spec["items"]), format_checker=FormatChecker())
        for table, spec in tabular["properties"].items()
    }


def schema_errors(
    document: dict[str, list[dict[str, Any]]], validators: dict[str, Any]
) -> Iterator[str]:
    """Every violation of the table schemas, object by object."""
    for table, records in document.items():
        validator = validators.get(table)
        if validator is None:
            yield f"{table}: not an HSDS 3.0 table"
            continue
        for number, record in enumerate(records):
            for error in validator.iter_errors(record):
                where = "/".join(str(p) for p in error.absolute_path)
                yield f"{table}[{number}] {record.get('id')} {where}: {error.message}"


def link_errors(document: dict[str, list[dict[str, Any]]]) -> Iterator[str]:
    """Ids that are not unique UUIDs, and references to records that are not there."""
    ids: dict[str, set[str]] = {}
    for table, records in document.items():
        seen = ids.setdefault(table, set())
        for record in records:
            if not UUID.match(str(record.get("id", ""))) or record["id"] in seen:
                yield f"{table}: id {record.get('id')!r} is not a unique UUID"
            seen.add(record["id"])
    for table, records in document.items():
        for record in records:
            for field, target in LINKS.items():
                if field in record and record[field] not in ids.get(target, set()):
                    yield f"{table} {record['id']}: {field} points at no {target}"
            if table == "attribute" and record["link_id"] not in ids.get(record["link_entity"], ()):
                yield f"attribute {record['id']}: link_id points at no {record['link_entity']}"


def _export_of(register: Path) -> dict[str, Any]:

    from app.extensions import db
    from app.opendata.exports.hsds import hsds_stream
    from tools.published import published_app

    with tempfile.TemporaryDirectory() as tmp:
        app = published_app(register, Path(tmp))
        with app.app_context():
            text = "".join(hsds_stream(db.session, clock.today(), app.config["MINIMUM_N"]))
            db.engine.dispose()
    return json.loads(text)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--schemas", type=Path, required=True, help="the specification's schema/")
    source = parser.add_mutually_exclusive_group(required=True)
    source.add_argument("--register", type=Path, help="import this register and export it")
    source.add_argument("--export", type=Path, help="an hsds.json downloaded from the API")
    args = parser.parse_args()
    document = (
        _export_of(args.register)
        if args.register
        else json.loads(args.export.read_text(encoding="utf-8"))
    )
    validators = official_validators(args.schemas)
    errors = [*schema_errors(document, validators), *link_errors(document)]
    counts = ", ".join(f"{table} {len(records)}" for table, records in document.items())
    print(f"checked {sum(map(len, document.values()))} objects ({counts})")
    for error in errors[:50]:
        print("  " + error)
    print(f"{len(errors)} problem(s)")
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
