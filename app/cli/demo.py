"""The demo availability, made current. Its fictional weekly measurements carry the dates
of the week they were generated (bench/make_register.py); a demo started months later
would call every one of them "oud". So the demo import moves them forward by whole weeks,
until the newest lies within the last week. Only the demo file is ever moved."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from openpyxl import load_workbook

from app.register.availability.rules import SHEET

DATE_COLUMN = "peildatum"


def brought_forward(path: Path, today: dt.date, folder: Path) -> Path:
    """`path` itself when its newest measurement is less than a week old, else a copy in
    `folder` (same file name) with every measurement date moved forward by whole weeks."""
    book = load_workbook(path)
    sheet = book[SHEET]
    header = [cell.value for cell in sheet[1]]
    cells = [row[0] for row in sheet.iter_rows(min_row=2, min_col=header.index(DATE_COLUMN) + 1)]
    dated = [cell for cell in cells if isinstance(cell.value, dt.date)]
    if not dated:
        return path
    newest = max(_day(cell.value) for cell in dated)
    weeks = (today - newest).days // 7
    if weeks <= 0:
        return path
    for cell in dated:
        cell.value = _day(cell.value) + dt.timedelta(weeks=weeks)
        cell.number_format = "yyyy-mm-dd"
    copy = folder / path.name
    book.save(copy)
    return copy


def _day(value: dt.date) -> dt.date:
    return value.date() if isinstance(value, dt.datetime) else value
