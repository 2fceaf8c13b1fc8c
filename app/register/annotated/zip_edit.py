"""The annotated copy of a large workbook, made by editing its XML where the problems are:
only the rows with a problem are touched (a style with the fill, a comment), and every
other part of the file is copied as it is, so the keeper's formatting, widths, filters and
formulas stay, and 20,000 providers take seconds instead of a minute. Anything the edit
does not handle (an earlier report in the file, comments of the keeper's own, XML written
with prefixes) raises `Unsupported`, and the caller copies the workbook row by row."""

from __future__ import annotations

import posixpath
import re
import zipfile
from collections import defaultdict
from collections.abc import Sequence
from html import unescape
from pathlib import Path
from typing import Any
from xml.etree import ElementTree

from openpyxl.utils import column_index_from_string, get_column_letter

from app.domain.text import fold
from app.register.annotated.marks import SheetPlan, mark_plan, problem_rows
from app.register.annotated.package import (
    NEW_SHEET,
    book_with_report,
    new_types,
    rel_prefix,
    relate,
    relationships,
)
from app.register.annotated.xml_parts import (
    MAIN,
    Styles,
    Unsupported,
    attributes,
    comment_parts,
    problems_sheet,
)
from app.register.problems import Problem
from app.register.reader import REPORT_SHEET

ROW = re.compile(r"<row\b([^>]*?)(/?)>")
CELL = re.compile(r"<c\b([^>]*?)(/>|>.*?</c>)", re.S)
STYLE = re.compile(r'\ss="(\d+)"')
NUMBER = re.compile(r'\sr="(\d+)"')
COLUMN = re.compile(r'\sr="([A-Z]+)\d+"')
TEXT = re.compile(r"<t(?:\s[^>]*?)?(?<!/)>(.*?)</t>", re.S)
AFTER_DRAWING = re.compile(
    r"<(?:legacyDrawingHF|drawingHF|picture|oleObjects|controls|webPublishItems|tableParts|extLst)\b|</worksheet>"
)
BOOK, BOOK_RELS, TYPES = "xl/workbook.xml", "xl/_rels/workbook.xml.rels", "[Content_Types].xml"

__all__ = ["Unsupported", "edit_workbook"]


def _part(target: str, base: str = "xl") -> str:
    return target.lstrip("/") if target.startswith("/") else posixpath.normpath(f"{base}/{target}")


def _sheets(book: str, rels: str) -> list[tuple[str, str]]:
    """(title, part name) of every sheet, in the workbook's order."""
    found, targets = [], relationships(rels)
    for tag in re.findall(r"<sheet\b[^>]*>", book):
        sheet = attributes(tag)
        rid = next((v for k, v in sheet.items() if k.endswith(":id")), "")
        if rid not in targets or "name" not in sheet:
            raise Unsupported("a sheet without its part")
        found.append((sheet["name"], _part(targets[rid]["Target"])))
    return found


def _strings(archive: zipfile.ZipFile) -> list[str]:
    if "xl/sharedStrings.xml" not in archive.namelist():
        return []
    strings = []
    for _, element in ElementTree.iterparse(archive.open("xl/sharedStrings.xml")):
        if element.tag == f"{{{MAIN}}}si":
            strings.append("".join(t.text or "" for t in element.iter(f"{{{MAIN}}}t")))
            element.clear()
    return strings


def _column(tag: str) -> int:
    found = COLUMN.search(tag)
    if found is None:
        raise Unsupported("a cell without its reference")
    return int(column_index_from_string(found[1])) - 1


def _value(tag: str, body: str, strings: list[str]) -> Any:
    kind = attributes(tag).get("t")
    if kind == "inlineStr":
        return "".join(unescape(t) for t in TEXT.findall(body))
    value = re.search(r"<v>(.*?)</v>", body, re.S)
    if value is None:
        return None
    return strings[int(value[1])] if kind == "s" else unescape(value[1])


def _plan(title: str, xml: str, strings: list[str]) -> SheetPlan:
    """The sheet's header row: its first row with a value in it."""
    plan = SheetPlan(title)
    for row in ROW.finditer(xml):
        if row[2]:
            continue
        body = xml[row.end() : xml.index("</row>", row.end())]
        values: list[Any] = []
        for cell in CELL.finditer(body):
            index = _column(cell[1])
            values += [None] * (index - len(values))
            values.append(_value(cell[1], cell[2], strings))
        if any(v is not None and str(v).strip() for v in values):
            number = NUMBER.search(row[1])
            plan.learn_headers(int(number[1]) if number else 1, values)
            break
    return plan


def _restyle(tag: str, rest: str, problems: list[Problem], styles: Styles) -> str:
    style = STYLE.search(tag)
    new = styles.mark(int(style[1]) if style else 0, problems)
    return f'<c{STYLE.sub("", tag)} s="{new}"{rest}'


def _mark_cells(body: str, number: int, cells: dict[int, list[Problem]], styles: Styles) -> str:
    """A row's cells with the marked ones restyled (empty ones added, in column order)."""
    pending = sorted(cells)
    out, last = [], 0

    def empty(index: int) -> str:
        ref = f"{get_column_letter(index + 1)}{number}"
        return f'<c r="{ref}" s="{styles.mark(0, cells[index])}"/>'

    for cell in CELL.finditer(body):
        index = _column(cell[1])
        while pending and pending[0] < index:
            out += [body[last : cell.start()], empty(pending.pop(0))]
            last = cell.start()
        if pending and pending[0] == index:
            pending.pop(0)
            out += [body[last : cell.start()], _restyle(cell[1], cell[2], cells[index], styles)]
            last = cell.end()
    out.append(body[last:])
    return "".join(out + [empty(index) for index in pending])


def _mark_rows(xml: str, rows: dict[int, dict[int, list[Problem]]], styles: Styles) -> str:
    out, last, todo = [], 0, set(rows)
    for row in ROW.finditer(xml):
        number = NUMBER.search(row[1])
        if number is None:
            raise Unsupported("a row without its number")
        if int(number[1]) not in todo:
            continue
        todo.discard(n := int(number[1]))
        end = row.end() if row[2] else xml.index("</row>", row.end())
        tag = re.sub(r'\sspans="[^"]*"', "", row[1])  # a hint, and no longer right
        cells = _mark_cells(xml[row.end() : end], n, rows[n], styles)
        out += [xml[last : row.start()], f"<row{tag}>{cells}</row>"]
        last = end if row[2] else end + len("</row>")
        if not todo:
            break
    if todo:
        raise Unsupported("a marked row is not in the sheet")
    return "".join([*out, xml[last:]])


def _comments(
    archive: zipfile.ZipFile,
    part: str,
    xml: str,
    refs: dict[str, list[Problem]],
    changed: dict[str, Any],
) -> str:
    """The sheet with a comment on every marked cell (a comments part and its drawing)."""
    name = posixpath.join(posixpath.dirname(part), "_rels", posixpath.basename(part) + ".rels")
    rels = (
        archive.read(name).decode()
        if name in archive.namelist()
        else '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"></Relationships>'
    )
    kinds = {r.get("Type", "").rsplit("/", 1)[-1] for r in relationships(rels).values()}
    if "<legacyDrawing" in xml or kinds & {"comments", "vmlDrawing"}:
        raise Unsupported("the sheet has comments of its own")
    number = len([n for n in changed if n.startswith("xl/comments/")]) + 1
    comments, vml = f"xl/comments/rapport{number}.xml", f"xl/drawings/rapport{number}.vml"
    changed[comments], changed[vml] = comment_parts(refs)
    rels, _ = relate(rels, "comments", comments)
    rels, rid = relate(rels, "vmlDrawing", vml)
    changed[name] = rels
    xml, prefix = rel_prefix(xml, "worksheet")
    at = AFTER_DRAWING.search(xml, xml.index("</sheetData>"))
    if at is None:
        raise Unsupported("no end of the sheet")
    return f'{xml[: at.start()]}<legacyDrawing {prefix}:id="{rid}"/>{xml[at.start() :]}'


def _unselect(xml: str) -> str:
    """Not the selected tab any more: the `problemen` sheet is (two would group them)."""
    head = max(xml.find("<sheetData"), 0)
    return re.sub(r'\stabSelected="(?:1|true)"', "", xml[:head]) + xml[head:]


def _active(book: str) -> int:
    found = re.search(r'\sactiveTab="(\d+)"', book)
    return int(found[1]) if found else 0


def _annotate(archive: zipfile.ZipFile, problems: Sequence[Problem]) -> tuple[dict[str, Any], int]:
    """The parts that change (name -> new text), and the number of cells marked."""
    book, rels = archive.read(BOOK).decode(), archive.read(BOOK_RELS).decode()
    sheets = _sheets(book, rels)
    if any(fold(title) == REPORT_SHEET for title, _ in sheets):
        raise Unsupported("an earlier report is in the workbook")
    strings = _strings(archive)
    plans = {
        fold(title): _plan(title, archive.read(part).decode(), strings) for title, part in sheets
    }
    marks = mark_plan(problems, plans)
    by_sheet: dict[str, dict[int, dict[int, list[Problem]]]] = defaultdict(dict)
    for (key, row), cells in marks.items():
        by_sheet[key][row] = cells
    styles = Styles(archive.read("xl/styles.xml").decode())
    changed: dict[str, Any] = {}
    for position, (title, part) in enumerate(sheets):
        rows = by_sheet.get(fold(title))
        if not rows and position != _active(book):
            continue
        xml = _unselect(archive.read(part).decode())
        if rows:
            refs = {
                f"{get_column_letter(c + 1)}{r}": rows[r][c]
                for r in sorted(rows)
                for c in sorted(rows[r])
            }
            xml = _comments(archive, part, _mark_rows(xml, rows, styles), refs, changed)
        changed[part] = xml
    changed[NEW_SHEET] = problems_sheet(list(problem_rows(problems, plans)), styles)
    changed[BOOK], changed[BOOK_RELS] = book_with_report(book, rels)
    changed[TYPES] = new_types(archive.read(TYPES).decode(), changed)
    changed["xl/styles.xml"] = styles.serialise()
    return changed, sum(len(cells) for cells in marks.values())


def edit_workbook(source: Path, problems: Sequence[Problem], target: Path) -> int:
    """Write the annotated copy of `source` to `target`; returns the cells marked."""
    try:
        with zipfile.ZipFile(source) as archive:
            changed, marked = _annotate(archive, problems)
            with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as out:
                for info in archive.infolist():
                    data = changed.pop(info.filename, None)
                    out.writestr(info.filename, archive.read(info) if data is None else data)
                for name, data in changed.items():
                    out.writestr(name, data)
    except (KeyError, ValueError, IndexError, UnicodeDecodeError, ElementTree.ParseError) as exc:
        raise Unsupported(str(exc)) from exc
    return marked
