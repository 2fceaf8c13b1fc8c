"""Cells that hold a code from the reference data or a place: themes, languages,
services, indicators, gemeenten, levels, postcodes and coordinates."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from typing import Any

from babel import Locale

from app.domain.geo import NL_LAT, NL_LON, dutch_number
from app.domain.reference import ReferenceData
from app.domain.text import fold
from app.register.parsers.values import Doubtful, Invalid, Parser, decimal, list_of, text

ISO_639_1 = frozenset(str(code) for code in Locale("en").languages if len(str(code)) == 2)
_POSTCODE = re.compile(r"^([0-9]{4})\s*([A-Za-z]{2})$")


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
    result = f"{match[1]} {match[2].upper()}"
    if result.startswith("0"):
        raise Doubtful(
            result, "Nederlandse postcodes beginnen niet met 0. Overgenomen; controleer hem."
        )
    return result


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
