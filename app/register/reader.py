"""Read a register file (XLSX workbook or CSV folder) into raw tables.

Nothing is interpreted here except the file format: cells keep their Excel types
(text, number, date), formula cells become `Formula` text (never evaluated), and every
row keeps the row number the keeper sees in Excel.
"""

from __future__ import annotations

import csv
import hashlib
import io
import zipfile
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from openpyxl import load_workbook
from openpyxl.utils import range_boundaries
from openpyxl.worksheet._read_only import ReadOnlyWorksheet
from openpyxl.worksheet._reader import DATA_TAG, DIMENSION_TAG
from openpyxl.xml.functions import iterparse

from app.domain.text import fold
from app.register.problems import Report

SHEETS = ("aanbieders", "locaties", "contracten", "kwaliteit")
INFO_SHEET = "info"  # optional key/value sheet; `fictief = ja` marks a demo register
REGISTER_SHEETS = (*SHEETS, INFO_SHEET)
# The first sheet of an annotated copy (app/register/annotate.py): a keeper who fixes the
# copy and imports it again should not be told about it.
REPORT_SHEET = "problemen"


class Formula(str):
    """The text of a formula cell (formulas are never evaluated here); `cached` is the
    value Excel computed and stored with it, None when the file has none."""

    cached: Any = None


@dataclass
class RawTable:
    """One sheet (or CSV file): its header and its non-empty rows with Excel row numbers."""

    name: str
    source: str
    headers: list[str]
    header_row: int
    rows: list[tuple[int, list[Any]]] = field(default_factory=list)


@dataclass
class RawRegister:
    """The tables found in a register file, keyed by sheet name."""

    source: str
    tables: dict[str, RawTable]


def checksum(path: Path) -> str:
    """SHA-256 of a file, or of a folder's CSV files (by name, in order)."""
    digest = hashlib.sha256()
    files = sorted(path.glob("*.csv")) if path.is_dir() else [path]
    for file in files:
        if path.is_dir():
            digest.update(file.name.encode())
        with file.open("rb") as handle:
            for block in iter(lambda: handle.read(1 << 20), b""):
                digest.update(block)
    return digest.hexdigest()


def read_register(
    path: Path, report: Report, sheets: tuple[str, ...] = REGISTER_SHEETS
) -> RawRegister | None:
    """Read the `sheets` of a workbook, a CSV folder or (for a one-sheet file) a single
    CSV file; file-level problems go to the report."""
    if path.is_dir():
        return _read_csv_folder(path, report, sheets)
    if not path.is_file():
        report.error("Het bestand of de map bestaat niet.", path.name)
        return None
    if path.suffix.lower() == ".csv":
        return _read_csv_files(path.name, [path], report, sheets)
    return _read_workbook(path, report, sheets)


def _is_empty(values: Iterable[Any]) -> bool:
    return all(v is None or (isinstance(v, str) and not v.strip()) for v in values)


def _table_from_rows(
    name: str, source: str, numbered_rows: Iterable[tuple[int, list[Any]]]
) -> RawTable | None:
    """Split rows into header (the first non-empty row) and data rows; None if empty."""
    table: RawTable | None = None
    for number, values in numbered_rows:
        if _is_empty(values):
            continue
        if table is None:
            headers = ["" if v is None else str(v) for v in values]
            table = RawTable(name, source, headers, number)
        else:
            table.rows.append((number, values))
    return table


# --- XLSX ------------------------------------------------------------------------------


def _cell_value(cell: Any) -> Any:
    if cell.data_type == "f":
        return Formula(cell.value)
    return cell.value


def _size_from_head(sheet: ReadOnlyWorksheet) -> None:
    """openpyxl (3.1) looks for a sheet's <dimension> until the end of <sheetData>, so a
    sheet without one (openpyxl's own write-only files) is read twice: a third of the
    reading time of a big register. The element comes before <sheetData> when it is there
    at all, so look no further; the result is the same."""
    with sheet._get_source() as source:
        for _event, element in iterparse(source, events=("start",)):
            if element.tag == DIMENSION_TAG and element.get("ref"):
                bounds = range_boundaries(element.get("ref"))
                sheet._min_column, sheet._min_row, sheet._max_column, sheet._max_row = bounds
                return
            if element.tag == DATA_TAG:
                return


ReadOnlyWorksheet._get_size = _size_from_head


def sheet_rows(sheet: Any) -> Iterable[tuple[int, list[Any]]]:
    """A read-only sheet's rows with the row numbers Excel shows (formulas as Formula)."""
    for number, row in enumerate(sheet.iter_rows(), start=1):
        # In read-only mode openpyxl returns rows without their leading row number when
        # the sheet has gaps; the row attribute of the first real cell is authoritative.
        first = next((c for c in row if getattr(c, "row", None)), None)
        yield (first.row if first else number), [_cell_value(c) for c in row]


def _read_workbook(path: Path, report: Report, sheets: tuple[str, ...]) -> RawRegister | None:
    try:
        workbook = load_workbook(path, read_only=True, data_only=False)
    except (zipfile.BadZipFile, KeyError, OSError, ValueError, TypeError) as exc:
        report.error(
            "Dit bestand is geen Excel-werkmap (.xlsx) die gelezen kan worden. "
            "Sla het bestand in Excel op als 'Excel-werkmap (*.xlsx)'.",
            path.name,
            waarde=type(exc).__name__,
        )
        return None
    except Exception as exc:  # openpyxl raises its own types for damaged files
        report.error(
            "De Excel-werkmap is beschadigd en kan niet worden gelezen.",
            path.name,
            waarde=type(exc).__name__,
        )
        return None
    try:
        tables: dict[str, RawTable] = {}
        by_folded = {fold(name): name for name in workbook.sheetnames}
        for wanted in sheets:
            actual = by_folded.get(wanted)
            if actual is None:
                continue
            table = _table_from_rows(wanted, path.name, sheet_rows(workbook[actual]))
            if table is not None:
                tables[wanted] = table
        _warn_unknown_sheets(workbook.sheetnames, path.name, report, sheets)
    finally:
        workbook.close()
    _add_cached_values(path, tables, by_folded)
    return RawRegister(path.name, tables)


def _add_cached_values(path: Path, tables: dict[str, RawTable], names: dict[str, str]) -> None:
    """Give formula cells the value Excel stored with them. A second, value-only pass
    over the sheets that have formulas: most registers have none, and pay nothing."""
    formulas = {
        name: {
            (number, index): value
            for number, values in table.rows
            for index, value in enumerate(values)
            if isinstance(value, Formula)
        }
        for name, table in tables.items()
    }
    wanted = {name: found for name, found in formulas.items() if found}
    if not wanted:
        return
    workbook = load_workbook(path, read_only=True, data_only=True)
    try:
        for name, found in wanted.items():
            for number, values in sheet_rows(workbook[names[name]]):
                for index, value in enumerate(values):
                    if (number, index) in found:
                        found[(number, index)].cached = value
    finally:
        workbook.close()


def _warn_unknown_sheets(
    names: list[str], source: str, report: Report, sheets: tuple[str, ...]
) -> None:
    for name in names:
        if fold(name) not in (*sheets, REPORT_SHEET):
            report.warning("Onbekend blad; het wordt niet ingelezen.", source, blad=name)


# --- CSV -------------------------------------------------------------------------------


def _decode(data: bytes, source: str, report: Report) -> str | None:
    """UTF-8 (with or without BOM); otherwise Windows-1252 with a warning."""
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    try:
        text = data.decode("cp1252")
    except UnicodeDecodeError:
        report.error(
            "Het bestand is geen UTF-8 en ook geen Windows-1252 tekst. Sla het op als 'CSV UTF-8'.",
            source,
        )
        return None
    report.warning(
        "Het bestand is niet in UTF-8 opgeslagen; het is gelezen als "
        "Windows-1252. Controleer letters met accenten (é, ë). Sla het "
        "voortaan op als 'CSV UTF-8'.",
        source,
    )
    return text


def decode_quietly(data: bytes) -> str:
    """As `_decode`, for a copy of a file already checked: never fails, never warns."""
    for encoding in ("utf-8-sig", "cp1252"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    return data.decode("latin-1")


def _delimiter(text: str) -> str:
    """`;` or `,`: whichever occurs in the header line (headers contain neither)."""
    first_line = text.split("\n", 1)[0]
    return ";" if first_line.count(";") >= first_line.count(",") else ","


def csv_rows(text: str) -> Iterable[tuple[int, list[Any]]]:
    """A CSV text's records, numbered as Excel shows them; empty cells are None."""
    # Excel shows one CSV record per row, even when a quoted cell spans several lines,
    # so the record number is the row number the keeper sees.
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=_delimiter(text))
    for number, record in enumerate(reader, start=1):
        yield number, [value if value != "" else None for value in record]


def _read_csv_folder(path: Path, report: Report, sheets: tuple[str, ...]) -> RawRegister | None:
    files = sorted(f for f in path.iterdir() if f.suffix.lower() == ".csv")
    if not files:
        report.error("De map bevat geen CSV-bestanden.", path.name)
        return None
    return _read_csv_files(path.name, files, report, sheets)


def _read_csv_files(
    source: str, files: list[Path], report: Report, sheets: tuple[str, ...]
) -> RawRegister:
    """One table per CSV file whose name (without .csv) is one of `sheets`."""
    tables: dict[str, RawTable] = {}
    for file in files:
        wanted = fold(file.stem)
        if wanted not in sheets:
            report.warning("Onbekend bestand; het wordt niet ingelezen.", file.name)
            continue
        text = _decode(file.read_bytes(), file.name, report)
        if text is None:
            continue
        table = _table_from_rows(wanted, file.name, csv_rows(text))
        if table is not None:
            tables[wanted] = table
    return RawRegister(source, tables)
