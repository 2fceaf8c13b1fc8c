"""The annotated copy written row by row (openpyxl write-only mode): for a CSV folder
or file, and for a large workbook the XML edit (zip_edit.py) does not handle. Values are
copied (formulas stay formulas, text that starts with '=' stays text); the keeper's
formatting is not."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

from openpyxl import Workbook, load_workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.cell.cell import Cell
from openpyxl.utils import get_column_letter

from app.domain.text import fold
from app.register.annotated.marks import (
    HEADER_FONT,
    HEADERS,
    LINK_FONT,
    Marks,
    SheetPlan,
    comment_for,
    fill_for,
    hyperlink,
    mark_plan,
    problem_rows,
)
from app.register.problems import Problem
from app.register.reader import REPORT_SHEET, Formula, csv_rows, decode_quietly, sheet_rows

Rows = Iterable[tuple[int, list[Any]]]


def _first_filled(rows: Rows) -> tuple[int, list[Any]] | None:
    for number, values in rows:
        if any(v is not None and str(v).strip() for v in values):
            return number, values
    return None


def _plan(title: str, rows: Rows) -> SheetPlan:
    plan = SheetPlan(title)
    header = _first_filled(rows)
    if header is not None:
        plan.learn_headers(*header)
    return plan


def _cell(sheet: Any, value: Any) -> WriteOnlyCell:
    """A cell with the value as the keeper wrote it: a formula stays a formula, text that
    starts with '=' (a CSV cell, an Excel text cell) stays text."""
    cell = WriteOnlyCell(sheet, value=str(value) if isinstance(value, Formula) else value)
    if isinstance(value, str) and value.startswith("=") and not isinstance(value, Formula):
        cell.data_type = "s"
    return cell


def _needs_cell(value: Any) -> bool:
    return isinstance(value, str) and value.startswith("=") and not isinstance(value, Formula)


def _marked(sheet: Any, values: list[Any], marks: dict[int, list[Problem]]) -> list[Any]:
    width = max(len(values), max(marks) + 1)
    row: list[Any] = [*values, *([None] * (width - len(values)))]
    row = [_cell(sheet, v) if _needs_cell(v) else v for v in row]
    for index, problems in marks.items():
        cell = row[index] if isinstance(row[index], Cell) else _cell(sheet, row[index])
        cell.fill = fill_for(problems)
        cell.comment = comment_for(problems)
        row[index] = cell
    return row


def _copy(sheet: Any, rows: Rows, key: str, marks: Marks) -> int:
    """Append every row, keeping Excel's row numbers; returns the cells marked."""
    expected, marked = 1, 0
    for number, values in rows:
        while expected < number:
            sheet.append([])
            expected += 1
        found = marks.get((key, number))
        if found:
            sheet.append(_marked(sheet, values, found))
            marked += len(found)
        elif any(map(_needs_cell, values)):
            sheet.append([_cell(sheet, v) if _needs_cell(v) else v for v in values])
        else:
            sheet.append([str(v) if isinstance(v, Formula) else v for v in values])
        expected += 1
    return marked


def _problems_sheet(
    book: Workbook, problems: Sequence[Problem], plans: dict[str, SheetPlan]
) -> None:
    sheet = book.create_sheet(REPORT_SHEET)
    sheet.freeze_panes = "A2"
    for index, width in enumerate((6, 14, 22, 16, 8, 22, 30, 90, 22), start=1):
        sheet.column_dimensions[get_column_letter(index)].width = width
    header = []
    for text in HEADERS:
        cell = WriteOnlyCell(sheet, value=text)
        cell.font = HEADER_FONT
        header.append(cell)
    sheet.append(header)
    for row, target in problem_rows(problems, plans):
        if target:
            cell = WriteOnlyCell(sheet, value=row[-1])
            cell.hyperlink = hyperlink("", target)
            cell.font = LINK_FONT
            row[-1] = cell
        sheet.append([_cell(sheet, v) if _needs_cell(v) else v for v in row])


def _write(target: Path, problems: Sequence[Problem], sources: list[tuple[str, Any]]) -> int:
    """`sources`: (sheet title, a callable that yields its numbered rows afresh)."""
    plans = {fold(title): _plan(title, rows()) for title, rows in sources}
    marks = mark_plan(problems, plans)
    book = Workbook(write_only=True)
    _problems_sheet(book, problems, plans)
    marked = 0
    for title, rows in sources:
        sheet = book.create_sheet(title)
        for header, index in plans[fold(title)].by_text.items():
            width = min(max(len(header) + 4, 12), 40)
            sheet.column_dimensions[get_column_letter(index + 1)].width = width
        marked += _copy(sheet, rows(), fold(title), marks)
    book.save(target)
    return marked


def stream_workbook(source: Path, problems: Sequence[Problem], target: Path) -> int:
    """Copy a workbook row by row, marking the problem cells; returns the cells marked."""
    book = load_workbook(source, read_only=True, data_only=False)
    try:
        titles = [t for t in book.sheetnames if fold(t) != REPORT_SHEET]
        sources = [(t, lambda t=t: sheet_rows(book[t])) for t in titles]
        return _write(target, problems, sources)
    finally:
        book.close()


def stream_csv(files: list[Path], problems: Sequence[Problem], target: Path) -> int:
    """A CSV folder (or one CSV file) as a workbook, one sheet per file, marked."""
    texts = {file.stem: decode_quietly(file.read_bytes()) for file in sorted(files)}
    sources: list[tuple[str, Any]] = [
        (stem, lambda text=text: csv_rows(text)) for stem, text in texts.items()
    ]
    return _write(target, problems, sources)
