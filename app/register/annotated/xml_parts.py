"""The small XML parts of a workbook that the fast annotated copy (zip_edit.py) adds or
changes: the styles (a fill per marked cell, kept on top of the keeper's own style), the
comments with their drawing, relationships, content types, and the `problemen` sheet.
Written as text so that whatever else the keeper's parts hold is kept byte for byte."""

from __future__ import annotations

import re
from collections.abc import Sequence
from html import escape, unescape
from typing import Any

from openpyxl.comments.comment_sheet import AuthorList, CommentRecord, CommentSheet
from openpyxl.utils import get_column_letter
from openpyxl.xml.functions import tostring

from app.register.annotated.marks import AUTHOR, COLOURS, HEADERS, comment_for
from app.register.problems import FOUT, Problem


class Unsupported(Exception):
    """Something in the workbook the fast path does not handle; it is copied row by row."""


MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
ATTRIBUTE = re.compile(r'([\w:]+)="([^"]*)"')
CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")  # not allowed in XML
WIDTHS = (6, 14, 22, 16, 8, 22, 30, 90, 22)


def attributes(tag: str) -> dict[str, str]:
    return {name: unescape(value) for name, value in ATTRIBUTE.findall(tag)}


def _section(text: str, name: str) -> re.Match[str]:
    found = re.search(rf"<{name}\b[^>]*>(.*?)</{name}>", text, re.S)
    if found is None:
        raise Unsupported(f"styles.xml has no <{name}>")
    return found


class Styles:
    """styles.xml with the fills, fonts and cell formats the report needs, added at the
    end so that every style index the keeper's cells use stays what it was."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.xfs = re.findall(r"<xf\b[^>]*?(?:/>|>.*?</xf>)", _section(text, "cellXfs")[1], re.S)
        self.fills = len(re.findall(r"<fill\b", _section(text, "fills")[1]))
        self.fonts = len(re.findall(r"<font\b", _section(text, "fonts")[1]))
        self.new_fills: list[str] = []
        self.new_fonts: list[str] = []
        self.new_xfs: list[str] = []
        self.marked: dict[tuple[int, str], int] = {}
        self.fill_ids = {level: self._fill(rgb) for level, rgb in COLOURS.items()}
        self.bold = self._font_style('<font><b/><sz val="11"/></font>')
        self.link = self._font_style('<font><u/><sz val="11"/><color rgb="FF0563C1"/></font>')

    def _fill(self, rgb: str) -> int:
        self.new_fills.append(
            f'<fill><patternFill patternType="solid"><fgColor rgb="FF{rgb}"/>'
            f'<bgColor rgb="FF{rgb}"/></patternFill></fill>'
        )
        return self.fills + len(self.new_fills) - 1

    def _xf(self, xf: str) -> int:
        self.new_xfs.append(xf)
        return len(self.xfs) + len(self.new_xfs) - 1

    def _font_style(self, font: str) -> int:
        self.new_fonts.append(font)
        font_id = self.fonts + len(self.new_fonts) - 1
        return self._xf(
            f'<xf numFmtId="0" fontId="{font_id}" fillId="0" borderId="0" xfId="0" applyFont="1"/>'
        )

    def mark(self, style: int, problems: list[Problem]) -> int:
        """The style of a marked cell: the keeper's own one with the level's fill."""
        level = FOUT if any(p.niveau == FOUT for p in problems) else "waarschuwing"
        if (style, level) not in self.marked:
            if style >= len(self.xfs):
                raise Unsupported("a cell refers to a style that does not exist")
            tag = re.sub(r'\s(fillId|applyFill)="[^"]*"', "", self.xfs[style])
            fill = f' fillId="{self.fill_ids[level]}" applyFill="1"'
            self.marked[(style, level)] = self._xf(re.sub(r"^<xf\b", "<xf" + fill, tag))
        return self.marked[(style, level)]

    def serialise(self) -> str:
        text = self.text
        for name, added in (
            ("fills", self.new_fills),
            ("fonts", self.new_fonts),
            ("cellXfs", self.new_xfs),
        ):
            found = _section(text, name)
            count = len(re.findall(rf"<{'xf' if name == 'cellXfs' else name[:-1]}\b", found[1]))
            opening = re.sub(r'\scount="\d+"', "", found[0][: found[0].index(">")].rstrip("/"))
            body = f'{opening} count="{count + len(added)}">{found[1]}{"".join(added)}</{name}>'
            text = text[: found.start()] + body + text[found.end() :]
        return text


def comment_parts(cells: dict[str, list[Problem]]) -> tuple[bytes, bytes]:
    """The comments part and its VML drawing (what Excel shows) for one sheet's marks."""
    records = []
    for ref, problems in cells.items():
        comment = comment_for(problems)
        record = CommentRecord(ref=ref, authorId=0, height=comment.height, width=comment.width)
        record.text.t = comment.content
        records.append(record)
    sheet = CommentSheet(authors=AuthorList([AUTHOR]), commentList=records)
    return tostring(sheet.to_tree()), sheet.write_shapes(None)


def _cell(ref: str, value: Any, style: int = 0) -> str:
    styled = f' s="{style}"' if style else ""
    if value is None:
        return f'<c r="{ref}"{styled}/>' if style else ""
    if isinstance(value, int | float) and not isinstance(value, bool):
        return f'<c r="{ref}"{styled}><v>{value}</v></c>'
    text = escape(CONTROL.sub("", str(value)), quote=False)
    return f'<c r="{ref}"{styled} t="inlineStr"><is><t xml:space="preserve">{text}</t></is></c>'


def problems_sheet(rows: Sequence[tuple[list[Any], str | None]], styles: Styles) -> str:
    """The `problemen` sheet: a bold header, one line per problem, a link to its cell."""
    lines = [
        '<row r="1">'
        + "".join(
            _cell(f"{get_column_letter(i)}1", h, styles.bold) for i, h in enumerate(HEADERS, 1)
        )
        + "</row>"
    ]
    links = []
    for number, (row, target) in enumerate(rows, start=2):
        cells = [_cell(f"{get_column_letter(i)}{number}", v) for i, v in enumerate(row[:-1], 1)]
        if target:
            ref = f"{get_column_letter(len(HEADERS))}{number}"
            cells.append(_cell(ref, row[-1], styles.link))
            links.append(
                f'<hyperlink ref="{ref}" location="{escape(target)}" display="{escape(row[-1])}"/>'
            )
        lines.append(f'<row r="{number}">{"".join(cells)}</row>')
    cols = "".join(
        f'<col min="{i}" max="{i}" width="{w}" customWidth="1"/>' for i, w in enumerate(WIDTHS, 1)
    )
    pane = '<pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/>'
    return (
        f'<worksheet xmlns="{MAIN}" xmlns:r="{REL}"><sheetViews><sheetView tabSelected="1" '
        f'workbookViewId="0">{pane}<selection pane="bottomLeft" activeCell="A2" sqref="A2"/>'
        f"</sheetView></sheetViews><cols>{cols}</cols><sheetData>{''.join(lines)}</sheetData>"
        + (f"<hyperlinks>{''.join(links)}</hyperlinks>" if links else "")
        + "</worksheet>"
    )
