"""Cell values in general: text, numbers, ja/nee, dates, lists, and the two outcomes
of a cell that is not quite right: `Invalid` (an error, the contract is broken) and
`Doubtful` (a warning: accepted, but stricter than the site would like).

Each parser gets a non-empty cell value (empty cells are handled by the caller) and the
reference data; they are declared per column in app/register/columns.py.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from collections.abc import Callable
from typing import Any

from app.domain.geo import dutch_number
from app.domain.reference import ReferenceData
from app.domain.text import fold

Parser = Callable[[Any, ReferenceData], Any]

TRUE_WORDS = {"ja", "j", "yes", "y", "1", "waar", "true"}
FALSE_WORDS = {"nee", "n", "no", "0", "onwaar", "false"}

_URL = re.compile(r"^https?://[^\s/$.?#][^\s]*\.[^\s]+$", re.IGNORECASE)
_EMAIL = re.compile(r"^[^@\s;,]+@[^@\s;,]+\.[A-Za-z]{2,}$")
_LOOKS_LIKE_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+$")
# A date, optionally followed by a midnight time (how some programs export date cells).
_ISO_DATE = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})(?:[ T]00:00(?::00)?)?$")
_WHOLE = re.compile(r"^\s*-?\d+(?:[.,]0+)?\s*$")
_DUTCH_DATE = re.compile(r"^(\d{1,2})[-/](\d{1,2})[-/](\d{4})$")


class Invalid(ValueError):
    """The cell value breaks a rule; the message says which, in plain Dutch."""


class Doubtful(Exception):  # noqa: N818  (not an error: the value is accepted)
    """The cell is accepted as `value`, but it is stricter than the site would like:
    the import warns (in plain Dutch) and goes on. REGISTER.md is the contract; what
    the site prefers beyond it is never an error."""

    def __init__(self, value: Any, message: str) -> None:
        super().__init__(message)
        self.value = value


def text(value: Any, ref: ReferenceData | None = None) -> str:
    """Any value as trimmed text (numbers keep their Excel form); needs no reference data."""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return str(value).strip()


def _digits(value: Any, length: int, label: str) -> str:
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        digits = str(int(value))
        if len(digits) < length:
            raise Invalid(
                f"{label} moet precies {length} cijfers hebben. Excel heeft waarschijnlijk "
                f"een voorloopnul weggehaald: zet de kolom op 'Tekst'."
            )
    else:
        digits = re.sub(r"[\s.]", "", str(value))
    if not re.fullmatch(rf"\d{{{length}}}", digits):
        raise Invalid(f"{label} moet precies {length} cijfers hebben.")
    return digits


def kvk(value: Any, ref: ReferenceData) -> str:
    """KvK number: exactly 8 digits."""
    return _digits(value, 8, "Een KvK-nummer")


def agb(value: Any, ref: ReferenceData) -> str:
    """AGB code: 8 digits."""
    return _digits(value, 8, "Een AGB-code")


def url(value: Any, ref: ReferenceData) -> str:
    """A website address starting with http:// or https:// (the contract's rule); an
    address without a domain name is accepted with a warning."""
    result = text(value, ref)
    if not re.match(r"^https?://", result, re.IGNORECASE):
        raise Invalid(
            "Een website moet beginnen met http:// of https://, "
            "bijvoorbeeld https://www.voorbeeld.nl."
        )
    if not _URL.match(result):
        raise Doubtful(
            result,
            "Dit webadres heeft geen gewone domeinnaam (zoals www.voorbeeld.nl) of bevat een "
            "spatie. Het is overgenomen; controleer of de link werkt.",
        )
    return result


def email(value: Any, ref: ReferenceData) -> str:
    """An e-mail address naam@domein; one without a domain like .nl gets a warning."""
    result = text(value, ref)
    if not _LOOKS_LIKE_EMAIL.match(result):
        raise Invalid("Dit is geen geldig e-mailadres (zoals info@voorbeeld.nl).")
    if not _EMAIL.match(result):
        raise Doubtful(
            result,
            "Dit e-mailadres ziet er ongewoon uit (zoals info@voorbeeld.nl verwacht). Het is "
            "overgenomen; controleer het.",
        )
    return result


def integer(low: int, high: int | None = None) -> Parser:
    """A whole number in [low, high]."""

    def parse(value: Any, ref: ReferenceData) -> int:
        if isinstance(value, bool):
            raise Invalid("Hier hoort een heel getal.")
        if isinstance(value, float) and value.is_integer():
            value = int(value)
        if isinstance(value, str) and _WHOLE.match(value):
            value = int(re.split(r"[.,]", value.strip())[0])
        if not isinstance(value, int):
            raise Invalid("Hier hoort een heel getal (zonder komma).")
        if value < low or (high is not None and value > high):
            limit = f"tussen {low} en {high}" if high is not None else f"{low} of meer"
            raise Invalid(f"Het getal moet {limit} zijn.")
        return value

    return parse


def age(round_up: bool) -> Parser:
    """An age in years, 0-120. REGISTER.md does not say whole years, so a fraction
    (2,5) is accepted with a warning and rounded to whole years: a minimum down, a
    maximum up, so that nobody the register includes falls outside."""
    whole = integer(0, 120)

    def parse(value: Any, ref: ReferenceData) -> int:
        try:
            return int(whole(value, ref))
        except Invalid:
            years = decimal(value, ref)
            if not 0 <= years <= 120:
                raise Invalid("Het getal moet tussen 0 en 120 zijn.") from None
        rounded = math.ceil(years) if round_up else math.floor(years)
        raise Doubtful(
            rounded,
            f"De site kent alleen hele jaren; {dutch_number(years)} is afgerond op {rounded}.",
        )

    return parse


def decimal(value: Any, ref: ReferenceData) -> float:
    """A number; a decimal comma is allowed (87,5)."""
    if isinstance(value, bool):
        raise Invalid("Hier hoort een getal.")
    if isinstance(value, (int, float)):
        return float(value)
    candidate = str(value).strip().replace(" ", "")
    if re.fullmatch(r"-?\d+([.,]\d+)?", candidate):
        return float(candidate.replace(",", "."))
    raise Invalid("Hier hoort een getal, zoals 87,5.")


def boolean(value: Any, ref: ReferenceData) -> bool:
    """ja/nee (also j/n, yes/no, 1/0, waar/onwaar)."""
    if isinstance(value, bool):
        return value
    word = fold(text(value, ref))
    if word in TRUE_WORDS:
        return True
    if word in FALSE_WORDS:
        return False
    raise Invalid("Vul 'ja' of 'nee' in (of laat de cel leeg als het onbekend is).")


def date(value: Any, ref: ReferenceData) -> dt.date:
    """An Excel date cell, 2025-01-01 or 1-1-2025 / 01-01-2025."""
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    candidate = text(value, ref)
    iso, dutch = _ISO_DATE.match(candidate), _DUTCH_DATE.match(candidate)
    try:
        if iso:
            return dt.date(int(iso[1]), int(iso[2]), int(iso[3]))
        if dutch:
            return dt.date(int(dutch[3]), int(dutch[2]), int(dutch[1]))
    except ValueError:
        raise Invalid("Deze datum bestaat niet.") from None
    raise Invalid("Dit is geen datum. Schrijf bijvoorbeeld 2025-01-31 of 31-1-2025.")


def one_of(*allowed: str) -> Parser:
    """One of a fixed set of words (case and accents ignored)."""

    def parse(value: Any, ref: ReferenceData) -> str:
        word = fold(text(value, ref))
        if word not in allowed:
            raise Invalid(f"Kies uit: {', '.join(allowed)}.")
        return word

    return parse


def items(value: Any) -> list[str]:
    """Split a `;`-separated list cell into trimmed, non-empty items."""
    return [part.strip() for part in str(value).split(";") if part.strip()]


def list_of(item: Parser) -> Parser:
    """A `;`-separated list whose items all pass `item`; duplicates are dropped. Items
    accepted with a warning keep the list accepted, with their warnings."""

    def parse(value: Any, ref: ReferenceData) -> list[Any]:
        result: list[Any] = []
        doubts: list[str] = []
        for part in items(value):
            try:
                parsed = item(part, ref)
            except Doubtful as doubt:
                parsed = doubt.value
                doubts.append(str(doubt))
            if parsed not in result:
                result.append(parsed)
        if doubts:
            raise Doubtful(result, " ".join(dict.fromkeys(doubts)))
        return result

    return parse


def free_text_item(value: Any, ref: ReferenceData) -> str:
    return str(value).strip()
