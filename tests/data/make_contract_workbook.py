"""Write tests/data/contract.xlsx: the CSV folder tests/data/contract/ as an Excel
workbook with typed cells, the way Excel itself stores what a keeper types (dates as
date cells, ja/nee as WAAR/ONWAAR, numbers as numbers, KvK and AGB as text).

    python -m tests.data.make_contract_workbook

Together, the folder and the workbook use every optional column of REGISTER.md and every
allowed way of writing a value; tests/test_register_contract.py imports both.
"""

from __future__ import annotations

import csv
import datetime as dt
from pathlib import Path
from typing import Any

from openpyxl import Workbook

HERE = Path(__file__).parent
FOLDER = HERE / "contract"
TARGET = HERE / "contract.xlsx"
DATES = {"wachttijd_peildatum", "kit_datum", "ingangsdatum", "einddatum", "periode_van"}
BOOLEANS = {"hulp_op_afstand", "huisbezoek", "rolstoeltoegankelijk", "keuze_hulpverlener"}
NUMBERS = {"leeftijd_min", "leeftijd_max", "wachttijd_weken", "waarde", "aantal", "lat", "lon"}


def _date(text: str) -> Any:
    if "-" in text and len(text.split("-")[0]) == 4:
        return dt.date.fromisoformat(text)
    day, month, year = (int(part) for part in text.split("-"))
    return dt.datetime(year, month, day)  # Excel date cells read back as datetimes


def _typed(column: str, text: str) -> Any:
    """A CSV cell as Excel would store it; some cells stay text on purpose."""
    name = column.strip().lower()
    if text == "":
        return None
    if name in DATES:
        return _date(text)
    if name in BOOLEANS and text.lower() in ("ja", "waar", "1", "nee", "onwaar", "0"):
        return text.lower() in ("ja", "waar", "1")
    if name in NUMBERS:
        number = float(text.replace(",", "."))
        return int(number) if number.is_integer() else number
    if name == "gemeente" and text.isdigit():
        return int(text)  # a CBS code typed into a number cell loses its leading zero
    return text


def main() -> None:
    workbook = Workbook()
    workbook.remove(workbook.active)
    for file in sorted(FOLDER.glob("*.csv")):
        with file.open(encoding="utf-8-sig", newline="") as handle:
            text = handle.read()
        delimiter = ";" if text.splitlines()[0].count(";") else ","
        rows = list(csv.reader(text.splitlines(), delimiter=delimiter))
        sheet = workbook.create_sheet(file.stem.capitalize())  # sheet names: any case
        sheet.append(rows[0])
        for row in rows[1:]:
            sheet.append(
                [_typed(column, value) for column, value in zip(rows[0], row, strict=True)]
            )
    workbook.save(TARGET)


if __name__ == "__main__":
    main()
