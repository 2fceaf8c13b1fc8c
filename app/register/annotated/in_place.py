"""The annotated copy of a small workbook, made by loading it whole: the keeper's
formatting, column widths, filters and formulas all stay. Marks of an earlier report
(a keeper who fixes the annotated copy and checks it again) are taken off first."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

from openpyxl import load_workbook
from openpyxl.styles import PatternFill
from openpyxl.utils import get_column_letter

from app.domain.text import fold
from app.register.annotated.marks import (
    AUTHOR,
    COLOURS,
    HEADER_FONT,
    HEADERS,
    LINK_FONT,
    SheetPlan,
    comment_for,
    fill_for,
    hyperlink,
    mark_plan,
    problem_rows,
)
from app.register.problems import Problem
from app.register.reader import REPORT_SHEET

OUR_COLOURS = {f"00{rgb}" for rgb in COLOURS.values()} | set(COLOURS.values())


def _plan(sheet: Any) -> SheetPlan:
    plan = SheetPlan(sheet.title)
    for number, values in enumerate(sheet.iter_rows(values_only=True), start=1):
        if any(v is not None and str(v).strip() for v in values):
            plan.learn_headers(number, values)
            break
    return plan


def _unmark(sheet: Any) -> None:
    """Take off the fills and comments an earlier report put on this sheet."""
    for row in sheet.iter_rows():
        for cell in row:
            if cell.comment is not None and cell.comment.author == AUTHOR:
                cell.comment = None
                if cell.fill is not None and cell.fill.start_color.rgb in OUR_COLOURS:
                    cell.fill = PatternFill()


def _problems_sheet(book: Any, problems: Sequence[Problem], plans: dict[str, SheetPlan]) -> None:
    sheet = book.create_sheet(REPORT_SHEET, 0)
    sheet.append(list(HEADERS))
    for cell in sheet[1]:
        cell.font = HEADER_FONT
    for number, (row, target) in enumerate(problem_rows(problems, plans), start=2):
        sheet.append(row)
        if target:
            cell = sheet.cell(row=number, column=len(HEADERS))
            cell.hyperlink = hyperlink(cell.coordinate, target)
            cell.font = LINK_FONT
    for index, width in enumerate((6, 14, 22, 16, 8, 22, 30, 90, 22), start=1):
        sheet.column_dimensions[get_column_letter(index)].width = width
    sheet.freeze_panes = "A2"
    book.active = 0


def mark_in_place(source: Path, problems: Sequence[Problem], target: Path) -> int:
    """Load the whole workbook, mark the problem cells, save it as `target`."""
    book = load_workbook(source)
    for title in list(book.sheetnames):
        if fold(title) == REPORT_SHEET:
            del book[title]
    plans = {fold(sheet.title): _plan(sheet) for sheet in book.worksheets}
    for sheet in book.worksheets:
        _unmark(sheet)
    marks = mark_plan(problems, plans)
    for (key, row), cells in marks.items():
        sheet = book[plans[key].title]
        for index, found in cells.items():
            cell = sheet.cell(row=row, column=index + 1)
            cell.fill = fill_for(found)
            cell.comment = comment_for(found)
    _problems_sheet(book, problems, plans)
    book.save(target)
    return sum(len(cells) for cells in marks.values())
