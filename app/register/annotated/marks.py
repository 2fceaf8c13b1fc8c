"""Where each problem goes: its cell (from the sheet's header row), its fill and comment,
and its line with a link on the `problemen` sheet. Shared by both ways of writing the
annotated copy (app/register/annotated/in_place.py and stream.py)."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from openpyxl.comments import Comment
from openpyxl.styles import Font, PatternFill
from openpyxl.utils import get_column_letter, quote_sheetname
from openpyxl.worksheet.hyperlink import Hyperlink

from app.domain.text import fold
from app.register.problems import FOUT, Problem

AUTHOR = "Kies je zorgaanbieder Twente"
COLOURS = {FOUT: "FFC7CE", "waarschuwing": "FFEB9C"}
FILLS = {
    level: PatternFill("solid", start_color=rgb, end_color=rgb) for level, rgb in COLOURS.items()
}
HEADERS = ("nr", "soort", "bestand", "blad", "rij", "kolom", "waarde", "melding", "ga naar")
HEADER_FONT = Font(bold=True)
LINK_FONT = Font(color="0563C1", underline="single")


def column_key(header: Any) -> str:
    """A header as the import matches it: case, spaces and accents do not count."""
    return fold("" if header is None else str(header)).replace(" ", "_")


@dataclass
class SheetPlan:
    """Where the problems of one sheet go: its title, header row and columns."""

    title: str
    header_row: int = 1
    by_key: dict[str, int] = field(default_factory=dict)  # column key -> first index
    by_text: dict[str, int] = field(default_factory=dict)  # header text -> last index

    def learn_headers(self, number: int, values: Sequence[Any]) -> None:
        self.header_row = number
        for index, header in enumerate(values):
            if header is None or not str(header).strip():
                continue
            self.by_key.setdefault(column_key(header), index)
            self.by_text[str(header)] = index

    def column(self, problem: Problem) -> int:
        """The column (0-based) of a problem; the first one for a row or a missing column."""
        if problem.kolom is None:
            return 0
        if problem.rij == self.header_row and problem.kolom in self.by_text:
            return self.by_text[problem.kolom]  # an unknown or doubled header
        found = self.by_key.get(column_key(problem.kolom), self.by_text.get(problem.kolom))
        return 0 if found is None else found


# (sheet key, row) -> column index -> problems
Marks = dict[tuple[str, int], dict[int, list[Problem]]]


def mark_plan(problems: Iterable[Problem], plans: dict[str, SheetPlan]) -> Marks:
    """Every problem that has a sheet and a row, placed in its cell."""
    marks: Marks = defaultdict(lambda: defaultdict(list))
    for problem in problems:
        plan = plans.get(fold(problem.blad or ""))
        if plan is not None and problem.rij is not None:
            marks[(fold(problem.blad or ""), problem.rij)][plan.column(problem)].append(problem)
    return marks


def comment_for(problems: list[Problem]) -> Comment:
    """One comment for every problem in a cell: what is wrong and what would be right."""
    lines = [f"{p.niveau.upper()}: {p.melding}" for p in problems]
    text = "\n\n".join(lines)
    height = 40 + 15 * sum(1 + len(line) // 45 for line in lines)
    return Comment(text, AUTHOR, width=320, height=min(height, 600))


def fill_for(problems: list[Problem]) -> PatternFill:
    return FILLS[FOUT if any(p.niveau == FOUT for p in problems) else "waarschuwing"]


def link(plan: SheetPlan | None, problem: Problem) -> str | None:
    """The cell a problem is about, as an in-workbook link target ('aanbieders'!C8)."""
    if plan is None or problem.rij is None:
        return None
    cell = f"{get_column_letter(plan.column(problem) + 1)}{problem.rij}"
    return f"{quote_sheetname(plan.title)}!{cell}"


def problem_rows(
    problems: Sequence[Problem], plans: dict[str, SheetPlan]
) -> Iterable[tuple[list[Any], str | None]]:
    """The rows of the `problemen` sheet, each with its link target (or None)."""
    for number, p in enumerate(problems, start=1):
        target = link(plans.get(fold(p.blad or "")), p)
        row = [number, p.niveau, p.bestand, p.blad, p.rij, p.kolom, p.waarde, p.melding]
        yield [*row, target.replace("'", "") if target else None], target


def hyperlink(coordinate: str, target: str) -> Hyperlink:
    """An internal link (no relationship, so it also works in write-only mode)."""
    return Hyperlink(ref=coordinate, location=target)
