"""Writing HSDS 3.0 tabular JSON as a stream, and the ids of its records.

The document is one JSON object whose keys are HSDS tables and whose values are lists
of flat records. It leaves in chunks of text as the records arrive, so memory stays
bounded whatever the size of the register. Ids are UUIDs derived from our stable keys
(uuid5), so the same register always gives the same ids and links keep working.
"""

from __future__ import annotations

import json
import uuid
from collections.abc import Iterable, Iterator
from typing import Any

# Fixed for this project: changing it would change every id in the export.
NAMESPACE = uuid.UUID("4e0701fd-26d5-47db-94bb-de51c8596e23")
CHUNK_OBJECTS = 500


def hsds_id(*key: object) -> str:
    """The stable UUID of one of our records, e.g. hsds_id("organization", "T001")."""
    return str(uuid.uuid5(NAMESPACE, ":".join(str(k) for k in key)))


def compact(record: dict[str, Any], required: tuple[str, ...] = ()) -> dict[str, Any]:
    """Leave out unknown values: HSDS fields are typed (a string is never null), and an
    empty string is kept only for `required` fields."""
    return {k: v for k, v in record.items() if v is not None and (v != "" or k in required)}


def _dump(record: dict[str, Any]) -> str:
    return json.dumps(record, ensure_ascii=False, separators=(",", ":"))


def write_tables(tables: Iterable[tuple[str, Iterable[dict[str, Any]]]]) -> Iterator[str]:
    """Serialise (table name, records) pairs as one JSON object, in chunks."""
    yield "{"
    for number, (name, records) in enumerate(tables):
        yield ("," if number else "") + f"\n{json.dumps(name)}:["
        chunk: list[str] = []
        first = True
        for record in records:
            chunk.append(_dump(record))
            if len(chunk) == CHUNK_OBJECTS:
                yield ("" if first else ",") + "\n" + ",\n".join(chunk)
                chunk, first = [], False
        if chunk:
            yield ("" if first else ",") + "\n" + ",\n".join(chunk)
        yield "]"
    yield "\n}\n"
