"""Problems found in a register file, worded for the contract manager who keeps it."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any

FOUT = "fout"
WAARSCHUWING = "waarschuwing"
# A broken 20,000-row file can have 100,000 problems; the run record keeps the first ones.
STORED_PROBLEMS_LIMIT = 500
SHOWN_VALUE_LENGTH = 60


def show_value(value: Any) -> str:
    """The cell value as the keeper would recognise it, shortened for the report."""
    text = "" if value is None else str(value)
    if len(text) > SHOWN_VALUE_LENGTH:
        return text[:SHOWN_VALUE_LENGTH] + f"… ({len(text)} tekens)"
    return text


@dataclass(frozen=True)
class Problem:
    """One problem with a place (file, sheet, Excel row, column) and a Dutch message."""

    niveau: str
    melding: str
    bestand: str
    blad: str | None = None
    rij: int | None = None
    kolom: str | None = None
    waarde: str | None = None

    def __str__(self) -> str:
        place = [self.bestand]
        if self.blad:
            place.append(f"blad {self.blad}")
        if self.rij is not None:
            place.append(f"rij {self.rij}")
        if self.kolom:
            place.append(f"kolom {self.kolom}")
        value = f" (waarde: '{self.waarde}')" if self.waarde not in (None, "") else ""
        return f"{self.niveau.upper()}: {', '.join(place)}{value}: {self.melding}"


@dataclass
class Report:
    """All problems of one run; errors block publishing, warnings do not."""

    problems: list[Problem] = field(default_factory=list)

    def error(self, melding: str, bestand: str, **place: Any) -> None:
        self.problems.append(Problem(FOUT, melding, bestand, **place))

    def warning(self, melding: str, bestand: str, **place: Any) -> None:
        self.problems.append(Problem(WAARSCHUWING, melding, bestand, **place))

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.niveau == FOUT]

    @property
    def warnings(self) -> list[Problem]:
        return [p for p in self.problems if p.niveau == WAARSCHUWING]

    @property
    def ok(self) -> bool:
        return not self.errors

    def stored(self, niveau: str) -> list[dict[str, Any]]:
        """The first problems of one level as dicts, for the import-run record."""
        chosen = [p for p in self.problems if p.niveau == niveau]
        return [asdict(p) for p in chosen[:STORED_PROBLEMS_LIMIT]]
