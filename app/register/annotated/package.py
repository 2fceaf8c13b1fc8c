"""The package parts of a workbook the fast annotated copy (zip_edit.py) changes: the
relationships, the content types and workbook.xml, which gets the `problemen` sheet first.
Edited as text, so that whatever else they hold stays as the keeper's program wrote it."""

from __future__ import annotations

import re
from typing import Any

from app.register.annotated.xml_parts import REL, Unsupported, attributes
from app.register.reader import REPORT_SHEET

TYPE = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/"
CONTENT = "application/vnd.openxmlformats-officedocument."
NEW_SHEET = "xl/worksheets/problemen_rapport.xml"


def relationships(text: str) -> dict[str, dict[str, str]]:
    return {a["Id"]: a for a in map(attributes, re.findall(r"<Relationship\b[^>]*>", text))}


def rel_prefix(xml: str, root: str) -> tuple[str, str]:
    """The prefix the root element gives the relationships namespace (declared if not)."""
    start = xml.find(f"<{root}")
    if start < 0:
        raise Unsupported(f"no <{root}> root element")
    head = xml[start : xml.index(">", start)]
    found = re.search(rf'xmlns:(\w+)="{re.escape(REL)}"', head)
    if found:
        return xml, found[1]
    at = start + len(root) + 1
    return f'{xml[:at]} xmlns:r="{REL}"{xml[at:]}', "r"


def _new_id(rels: str, stem: str) -> str:
    taken, number = set(relationships(rels)), 1
    while f"{stem}{number}" in taken:
        number += 1
    return f"{stem}{number}"


def relate(rels: str, kind: str, target: str) -> tuple[str, str]:
    if "</Relationships>" not in rels:
        raise Unsupported("relationships without a closing tag")
    rid = _new_id(rels, "rIdRapport")
    tag = f'<Relationship Id="{rid}" Type="{TYPE}{kind}" Target="/{target}"/>'
    return rels.replace("</Relationships>", tag + "</Relationships>"), rid


def new_types(types: str, changed: dict[str, Any]) -> str:
    added = [
        f'<Override PartName="/{NEW_SHEET}" ContentType="{CONTENT}spreadsheetml.worksheet+xml"/>'
    ]
    for name in changed:
        if name.startswith("xl/comments/rapport"):
            added.append(
                f'<Override PartName="/{name}" ContentType="{CONTENT}spreadsheetml.comments+xml"/>'
            )
    if not re.search(r'Extension="vml"', types, re.I):
        added.append(f'<Default Extension="vml" ContentType="{CONTENT}vmlDrawing"/>')
    if "</Types>" not in types:
        raise Unsupported("content types without a closing tag")
    return types.replace("</Types>", "".join(added) + "</Types>")


def book_with_report(book: str, rels: str) -> tuple[str, str]:
    """workbook.xml and its relationships with the `problemen` sheet first and active."""
    rels, rid = relate(rels, "worksheet", NEW_SHEET)
    book, prefix = rel_prefix(book, "workbook")
    ids = [int(n) for n in re.findall(r'<sheet\b[^>]*\ssheetId="(\d+)"', book)]
    new = f'<sheet name="{REPORT_SHEET}" sheetId="{max(ids, default=0) + 1}" {prefix}:id="{rid}"/>'
    if "<sheets>" not in book:
        raise Unsupported("no <sheets>")
    book = book.replace("<sheets>", "<sheets>" + new, 1)
    book = re.sub(r'localSheetId="(\d+)"', lambda m: f'localSheetId="{int(m[1]) + 1}"', book)
    return re.sub(r'\s(?:activeTab|firstSheet)="\d+"', "", book), rels
