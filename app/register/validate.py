"""Check a raw register against every rule of the format; collect all problems at once.

The result is a `Register` of clean records (plain dicts keyed by column name) that
app/register/publish.py writes to the database, or None when a sheet is unusable.
"""

from __future__ import annotations

from typing import Any

from app.domain.reference import ReferenceData
from app.domain.text import fold
from app.register import parsers
from app.register.columns import COLUMNS, Column
from app.register.cross_rules import Record, Register, check_cross_rules
from app.register.problems import Report, show_value
from app.register.reader import INFO_SHEET, SHEETS, Formula, RawRegister, RawTable


def validate(raw: RawRegister | None, ref: ReferenceData, report: Report) -> Register:
    """Parse every cell and check every cross-row rule; problems go to the report."""
    register = Register()
    if raw is None:
        return register
    for name in SHEETS:
        table = raw.tables.get(name)
        if table is None:
            report.error(
                f"Het blad '{name}' ontbreekt of is helemaal leeg. Elk registerbestand "
                f"heeft de bladen {', '.join(SHEETS)} (met ten minste de kopregel).",
                raw.source,
                blad=name,
            )
            continue
        register.tables[name] = parse_table(table, COLUMNS[name], ref, report)
    if "aanbieders" in raw.tables and not raw.tables["aanbieders"].rows:
        report.error(
            "Het blad bevat geen aanbieders. Een leeg register wordt niet gepubliceerd.",
            raw.tables["aanbieders"].source,
            blad="aanbieders",
        )
    register.fictief = _is_fictional(raw.tables.get(INFO_SHEET), ref)
    check_cross_rules(register, raw, ref, report)
    return register


# --- one sheet -------------------------------------------------------------------------


def _map_headers(table: RawTable, columns: tuple[Column, ...], report: Report) -> dict[int, Column]:
    """Column index -> Column, reporting unknown, duplicate and missing headers."""
    known = {col.name: col for col in columns}
    mapping: dict[int, Column] = {}
    seen: set[str] = set()
    for index, header in enumerate(table.headers):
        key = fold(header).replace(" ", "_")
        place = dict(blad=table.name, rij=table.header_row, kolom=header)
        if not key:
            continue
        if key in seen:
            report.warning(
                "Deze kolom staat twee keer in de kopregel. Alleen de eerste wordt "
                "ingelezen; deze wordt overgeslagen.",
                table.source,
                **place,
            )
        elif key in known:
            mapping[index] = known[key]
        else:
            report.warning("Onbekende kolom; deze wordt niet ingelezen.", table.source, **place)
        seen.add(key)
    for col in columns:
        if col.required and col.name not in seen:
            report.error(
                f"De verplichte kolom '{col.name}' ontbreekt in de kopregel.",
                table.source,
                blad=table.name,
                rij=table.header_row,
                kolom=col.name,
            )
    return mapping


def parse_table(
    table: RawTable, columns: tuple[Column, ...], ref: ReferenceData, report: Report
) -> list[Record]:
    """The records of a sheet whose every cell is valid (also for the availability file)."""
    mapping = _map_headers(table, columns, report)
    missing_required = any(c.required and c not in mapping.values() for c in columns)
    records = []
    for number, values in table.rows:
        record = _parse_row(table, number, values, mapping, ref, report)
        if record is not None and not missing_required:
            records.append(record)
    return records


def _parse_row(
    table: RawTable,
    number: int,
    values: list[Any],
    mapping: dict[int, Column],
    ref: ReferenceData,
    report: Report,
) -> Record | None:
    """A record for one row, or None when any cell in it is wrong."""
    record: Record = {"_rij": number}
    valid = True
    for index, column in mapping.items():
        value = values[index] if index < len(values) else None
        place = dict(blad=table.name, rij=number, kolom=column.name, waarde=show_value(value))
        try:
            record[column.name] = _parse_cell(value, column, ref, table.source, place, report)
        except parsers.Doubtful as doubt:
            report.warning(str(doubt), table.source, **place)
            record[column.name] = doubt.value
        except parsers.Invalid as problem:
            report.error(str(problem), table.source, **place)
            valid = False
    for column in mapping.values():
        record.setdefault(column.name, None)
    return record if valid else None


def _parse_cell(
    value: Any,
    column: Column,
    ref: ReferenceData,
    source: str,
    place: dict[str, Any],
    report: Report,
) -> Any:
    if isinstance(value, Formula):
        value = _formula_value(value, source, place, report)
    if value is None or (isinstance(value, str) and not value.strip()):
        if column.required:
            raise parsers.Invalid("Dit veld is verplicht, maar de cel is leeg.")
        return None
    if len(str(value)) > column.max_length:
        report.warning(
            f"De cel is erg lang: {len(str(value))} tekens (meestal hoogstens "
            f"{column.max_length}). Vaak is dat een plakfout; de tekst is wel overgenomen.",
            source,
            **place,
        )
    return column.parse(value, ref)


def _formula_value(value: Formula, source: str, place: dict[str, Any], report: Report) -> Any:
    """Formulas are never evaluated here: the value Excel stored with the formula is used
    when there is one, otherwise the formula's text (both with a warning)."""
    if value.cached is not None:
        report.warning(
            f"Deze cel bevat een formule ({value}). De waarde die Excel ervoor heeft "
            "opgeslagen is overgenomen. Plak liever de waarde in plaats van de formule.",
            source,
            **place,
        )
        return value.cached
    report.warning(
        "Deze cel bevat een formule. Formules worden niet uitgerekend en Excel heeft er "
        "geen waarde bij opgeslagen; de tekst van de formule is overgenomen. Plak de "
        "waarde in plaats van de formule.",
        source,
        **place,
    )
    return str(value)


def _is_fictional(table: RawTable | None, ref: ReferenceData) -> bool:
    """True when the optional info sheet says `fictief = ja` (the demo register)."""
    if table is None:
        return False
    for _, values in table.rows:
        if len(values) >= 2 and values[0] and fold(str(values[0])) == "fictief":
            try:
                return bool(values[1]) and parsers.boolean(values[1], ref)
            except parsers.Invalid:
                return False
    return False
