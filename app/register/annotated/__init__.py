"""The problems of a run, marked in a copy of the keeper's own file (`--report OUT.xlsx`).

Every cell with a problem gets a fill (red for an error, yellow for a warning) and a
comment in Dutch that says what is wrong and what would be right; a first sheet
`problemen` lists every problem with a link to its cell. A small workbook is annotated
in place (openpyxl), which also takes off the marks of an earlier report; a large one has
only the XML of its marked rows edited (zip_edit.py: seconds for 20,000 providers, and the
keeper's formatting stays). What that edit does not handle (an earlier report in the file,
comments of the keeper's own on a marked sheet), a CSV folder and a CSV file are copied
row by row in openpyxl's write-only mode (values only). `marks` decides where each
problem goes, for all three.
"""

from __future__ import annotations

import zipfile
from collections.abc import Sequence
from pathlib import Path

from app.register.annotated.in_place import mark_in_place
from app.register.annotated.stream import stream_csv, stream_workbook
from app.register.annotated.zip_edit import Unsupported, edit_workbook
from app.register.problems import Problem

# Workbooks up to this size are annotated in place (all formatting kept, old marks taken
# off); larger ones are edited where the problems are.
IN_PLACE_LIMIT = 1_500_000  # bytes

__all__ = ["IN_PLACE_LIMIT", "write_annotated"]


def write_annotated(
    source: Path, problems: Sequence[Problem], target: Path, in_place_limit: int = IN_PLACE_LIMIT
) -> int:
    """Write the annotated copy of `source` (a workbook, a CSV folder or a CSV file) to
    `target`; returns the number of cells marked. A source that cannot be read at all
    gives a workbook with only the `problemen` sheet."""
    target.parent.mkdir(parents=True, exist_ok=True)
    if source.is_dir():
        return stream_csv(sorted(source.glob("*.csv")), problems, target)
    if source.suffix.lower() == ".csv" and source.is_file():
        return stream_csv([source], problems, target)
    if not _readable_workbook(source):
        return stream_csv([], problems, target)
    if source.stat().st_size <= in_place_limit:
        return mark_in_place(source, problems, target)
    try:
        return edit_workbook(source, problems, target)
    except Unsupported:
        return stream_workbook(source, problems, target)


def _readable_workbook(source: Path) -> bool:
    return source.is_file() and zipfile.is_zipfile(source)
