"""Rules across cells and sheets: unique ids, providers that exist, ages, waiting time
with its date, contract periods and levels, figures with their unit and range."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from app.domain.reference import ReferenceData
from app.domain.text import fold
from app.register import parsers
from app.register.problems import Report, show_value
from app.register.reader import SHEETS, RawRegister

Record = dict[str, Any]


@dataclass
class Register:
    """The valid records of each sheet, plus whether the register says it is fictional."""

    tables: dict[str, list[Record]] = field(default_factory=dict)
    fictief: bool = False

    def counts(self) -> dict[str, int]:
        return {name: len(self.tables.get(name, [])) for name in SHEETS}


def check_cross_rules(
    register: Register, raw: RawRegister, ref: ReferenceData, report: Report
) -> None:
    source = {name: t.source for name, t in raw.tables.items()}
    aanbieders = register.tables.get("aanbieders", [])
    _check_unique_ids(aanbieders, source.get("aanbieders", raw.source), report)
    register.tables["aanbieders"] = [r for r in aanbieders if _aanbieder_ok(r, source, report)]
    all_ids = _all_provider_ids(raw)
    checks = {"locaties": None, "contracten": _contract_ok, "kwaliteit": _figure_ok}
    for name, check in checks.items():
        kept = []
        for record in register.tables.get(name, []):
            place = dict(blad=name, rij=record["_rij"])
            if record["aanbieder_id"] not in all_ids:
                report.error(
                    "Deze aanbieder_id staat niet op het blad aanbieders.",
                    source[name],
                    kolom="aanbieder_id",
                    waarde=show_value(record["aanbieder_id"]),
                    **place,
                )
            elif check is None or check(record, ref, source[name], place, report):
                kept.append(record)
        register.tables[name] = kept


def _all_provider_ids(raw: RawRegister) -> set[str]:
    """Every aanbieder_id on the aanbieders sheet, valid row or not, so that one bad
    provider row does not also flood the other sheets with 'unknown provider' errors."""
    table = raw.tables.get("aanbieders")
    if table is None:
        return set()
    index = next((i for i, h in enumerate(table.headers) if fold(h) == "aanbieder_id"), None)
    if index is None:
        return set()
    return {
        parsers.text(v[index]) for _, v in table.rows if index < len(v) and v[index] is not None
    }


def _check_unique_ids(records: list[Record], source: str, report: Report) -> None:
    counts = Counter(r["aanbieder_id"] for r in records)
    first_row: dict[str, int] = {}
    for record in records:
        key = record["aanbieder_id"]
        if counts[key] > 1 and key in first_row:
            report.error(
                f"Deze aanbieder_id komt vaker voor (ook op rij {first_row[key]}). "
                f"Elke aanbieder heeft een eigen, vaste aanbieder_id.",
                source,
                blad="aanbieders",
                rij=record["_rij"],
                kolom="aanbieder_id",
                waarde=key,
            )
        first_row.setdefault(key, record["_rij"])
    # Keep only the first row of a duplicated id; the import is refused anyway.
    records[:] = [r for r in records if first_row[r["aanbieder_id"]] == r["_rij"]]


def _aanbieder_ok(record: Record, source: dict[str, str], report: Report) -> bool:
    place = dict(blad="aanbieders", rij=record["_rij"])
    ok = True
    low, high = record.get("leeftijd_min"), record.get("leeftijd_max")
    if low is not None and high is not None and low > high:
        report.error(
            "leeftijd_min is hoger dan leeftijd_max.",
            source["aanbieders"],
            kolom="leeftijd_min",
            waarde=f"{low} > {high}",
            **place,
        )
        ok = False
    if record.get("wachttijd_weken") is not None and record.get("wachttijd_peildatum") is None:
        report.error(
            "Bij een wachttijd hoort een peildatum: vul wachttijd_peildatum in.",
            source["aanbieders"],
            kolom="wachttijd_peildatum",
            **place,
        )
        ok = False
    return ok


def _contract_ok(
    record: Record, ref: ReferenceData, source: str, place: dict[str, Any], report: Report
) -> bool:
    ok = True
    start, end = record["ingangsdatum"], record.get("einddatum")
    if end is not None and end < start:
        report.error(
            "De einddatum ligt vóór de ingangsdatum.",
            source,
            kolom="einddatum",
            waarde=f"{end.isoformat()} < {start.isoformat()}",
            **place,
        )
        ok = False
    _check_levels(record, ref, source, place, report)
    record["niveaus"] = record.get("niveaus") or []
    return ok


def _check_levels(
    record: Record, ref: ReferenceData, source: str, place: dict[str, Any], report: Report
) -> None:
    """REGISTER.md allows levels A-E on a contract; which levels a service has is the
    reference data's knowledge, not the contract: a level it does not list is a
    warning, and the levels are kept."""
    allowed = ref.dienst_codes[record["dienst"]].niveaus
    other = [n for n in record.get("niveaus") or [] if n not in allowed]
    if other:
        known = (
            f"De referentielijst noemt voor {record['dienst']} de niveaus {', '.join(allowed)}."
            if allowed
            else f"De referentielijst noemt voor {record['dienst']} geen niveaus."
        )
        report.warning(
            f"Niveau {', '.join(other)} bij {record['dienst']}: {known} De niveaus zijn "
            f"overgenomen; controleer ze, of laat de referentielijst aanvullen.",
            source,
            kolom="niveaus",
            waarde=";".join(other),
            **place,
        )


# The indicators REGISTER.md names itself, with the units it allows for them; other
# indicators follow the reference data, and a unit it does not list is a warning.
CONTRACT_UNITS = {
    "clienttevredenheid": ("procent", "cijfer"),
    "doelrealisatie": ("procent",),
    "uitval": ("procent",),
}


def _figure_ok(
    record: Record, ref: ReferenceData, source: str, place: dict[str, Any], report: Report
) -> bool:
    ok = True
    ok = _unit_ok(record, ref, source, place, report)
    unit, value = record["eenheid"], record["waarde"]
    low, high = (0, 100) if unit == "procent" else (1, 10)
    if not low <= value <= high:
        label = "percentage" if unit == "procent" else "cijfer"
        report.error(
            f"Een {label} ligt tussen {low} en {high}.",
            source,
            kolom="waarde",
            waarde=show_value(value),
            **place,
        )
        ok = False
    if record["periode_tot"] < record["periode_van"]:
        report.warning(
            "periode_tot ligt vóór periode_van. Het cijfer is overgenomen; waarschijnlijk "
            "zijn de twee datums verwisseld.",
            source,
            kolom="periode_tot",
            waarde=record["periode_tot"].isoformat(),
            **place,
        )
    return ok


def _unit_ok(
    record: Record, ref: ReferenceData, source: str, place: dict[str, Any], report: Report
) -> bool:
    """The unit must fit the indicator: an error for the indicators REGISTER.md names,
    a warning (the figure kept) for the others."""
    code, unit = record["indicator"], record["eenheid"]
    strict = code in CONTRACT_UNITS
    allowed = CONTRACT_UNITS.get(code) or ref.indicator_codes[code].eenheden
    if unit in allowed:
        return True
    message = f"De eenheid '{unit}' past niet bij {code}. Toegestaan: {', '.join(allowed)}."
    place = dict(kolom="eenheid", waarde=unit, **place)
    if strict:
        report.error(message, source, **place)
        return False
    report.warning(message + " Het cijfer is overgenomen.", source, **place)
    return True
