"""Cell parsers: turn one raw cell into a typed value or raise `Invalid` with a Dutch reason.

Each parser gets a non-empty cell value (empty cells are handled by the caller) and the
reference data; they are declared per column in app/register/columns.py.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Iterable
from typing import Any

from babel import Locale

from app.domain.geo import NL_LAT, NL_LON, dutch_number
from app.domain.reference import ReferenceData
from app.domain.text import fold

Parser = Callable[[Any, ReferenceData], Any]

TRUE_WORDS = {"ja", "j", "yes", "y", "1", "waar", "true"}
FALSE_WORDS = {"nee", "n", "no", "0", "onwaar", "false"}
ISO_639_1 = frozenset(str(code) for code in Locale("en").languages if len(str(code)) == 2)

_URL = re.compile(r"^https?://[^\s/$.?#][^\s]*\.[^\s]+$", re.IGNORECASE)
_EMAIL = re.compile(r"^[^@\s;,]+@[^@\s;,]+\.[A-Za-z]{2,}$")
_POSTCODE = re.compile(r"^([1-9][0-9]{3})\s*([A-Za-z]{2})$")
_ISO_DATE = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})$")
_DUTCH_DATE = re.compile(r"^(\d{1,2})[-/](\d{1,2})[-/](\d{4})$")


class Invalid(ValueError):
    """The cell value breaks a rule; the message says which, in plain Dutch."""


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
    """A website address starting with http:// or https://."""
    result = text(value, ref)
    if not _URL.match(result):
        raise Invalid(
            "Een website moet beginnen met http:// of https://, "
            "bijvoorbeeld https://www.voorbeeld.nl."
        )
    return result


def email(value: Any, ref: ReferenceData) -> str:
    """An e-mail address of the form naam@domein.nl."""
    result = text(value, ref)
    if not _EMAIL.match(result):
        raise Invalid("Dit is geen geldig e-mailadres (zoals info@voorbeeld.nl).")
    return result


def integer(low: int, high: int | None = None) -> Parser:
    """A whole number in [low, high]."""

    def parse(value: Any, ref: ReferenceData) -> int:
        if isinstance(value, bool):
            raise Invalid("Hier hoort een heel getal.")
        if isinstance(value, float) and value.is_integer():
            value = int(value)
        if isinstance(value, str) and re.fullmatch(r"\s*-?\d+\s*", value):
            value = int(value)
        if not isinstance(value, int):
            raise Invalid("Hier hoort een heel getal (zonder komma).")
        if value < low or (high is not None and value > high):
            limit = f"tussen {low} en {high}" if high is not None else f"{low} of meer"
            raise Invalid(f"Het getal moet {limit} zijn.")
        return value

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
    """A `;`-separated list whose items all pass `item`; duplicates are dropped."""

    def parse(value: Any, ref: ReferenceData) -> list[Any]:
        result: list[Any] = []
        for part in items(value):
            parsed = item(part, ref)
            if parsed not in result:
                result.append(parsed)
        return result

    return parse


def free_text_item(value: Any, ref: ReferenceData) -> str:
    return str(value).strip()


def code_in(
    allowed: Callable[[ReferenceData], Iterable[str]],
    message: str,
    normalise: Callable[[str], str] = fold,
) -> Parser:
    """A code from a list (`allowed` of the reference data), normalised first; `message`
    names the list and may use {value} (the cell) and {allowed} (the codes)."""

    def parse(value: Any, ref: ReferenceData) -> str:
        code = normalise(text(value, ref))
        codes = allowed(ref)
        if code not in codes:
            raise Invalid(message.format(value=value, allowed=", ".join(codes)))
        return code

    return parse


thema = code_in(
    lambda ref: ref.thema_codes,
    "Onbekende themacode '{value}'. Gebruik een code uit de referentielijst themas.",
)
taal = code_in(
    lambda ref: ISO_639_1,
    "Onbekende taalcode '{value}'. Gebruik codes van twee "
    "letters (ISO 639-1), zoals nl, en, tr, ar.",
)
dienst = code_in(
    lambda ref: ref.dienst_codes,
    "Onbekende dienstcode '{value}'. Gebruik een code "
    "uit de referentielijst diensten, zoals AMB-BEH.",
    normalise=str.upper,
)
indicator = code_in(
    lambda ref: ref.indicator_codes, "Onbekende indicator '{value}'. Kies uit: {allowed}."
)


def gemeente(value: Any, ref: ReferenceData) -> str:
    """One of the 14 gemeenten, by name or CBS code; returns the CBS code."""
    cbs = ref.gemeente_cbs(text(value, ref))
    if cbs is None:
        raise Invalid(
            f"Onbekende gemeente '{value}'. Gebruik de naam of CBS-code van "
            f"een van de 14 Twentse gemeenten."
        )
    return cbs


def gemeenten(value: Any, ref: ReferenceData) -> list[str]:
    """`alle`, or a `;`-separated list of gemeenten; returns sorted CBS codes."""
    if fold(text(value, ref)) == "alle":
        return sorted(ref.alle_gemeenten)
    return sorted(list_of(gemeente)(value, ref))


def niveau(value: Any, ref: ReferenceData) -> str:
    level = text(value, ref).upper()
    if not re.fullmatch(r"[A-E]", level):
        raise Invalid(f"Onbekend niveau '{value}'. Niveaus zijn A, B, C, D of E.")
    return level


def postcode(value: Any, ref: ReferenceData) -> str:
    """Dutch postcode, normalised to '1234 AB'."""
    match = _POSTCODE.match(text(value, ref))
    if not match:
        raise Invalid("Een postcode heeft 4 cijfers en 2 letters, zoals 7511 AB.")
    return f"{match[1]} {match[2].upper()}"


def coordinate(bounds: tuple[float, float], label: str) -> Parser:
    """A WGS84 coordinate inside the Netherlands' box (app/domain/geo.py)."""

    def parse(value: Any, ref: ReferenceData) -> float:
        result = decimal(value, ref)
        if not bounds[0] <= result <= bounds[1]:
            raise Invalid(
                f"Deze {label} ligt niet in Nederland (tussen "
                f"{dutch_number(bounds[0])} en {dutch_number(bounds[1])})."
            )
        return result

    return parse


latitude = coordinate(NL_LAT, "breedtegraad (lat)")
longitude = coordinate(NL_LON, "lengtegraad (lon)")
