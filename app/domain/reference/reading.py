"""Reading reference data: the YAML files (what the next import publishes) or the
document published with a register, into ReferenceData."""

from __future__ import annotations

import copy
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import yaml

from app.domain.reference.records import (
    WETTEN,
    Dienst,
    Gemeente,
    Indicator,
    ReferenceData,
    Segment,
    Thema,
    Toegang,
    Uitzondering,
)


def _read_yaml(path: Path) -> Any:
    with path.open(encoding="utf-8") as handle:
        return yaml.safe_load(handle)


def read_document(directory: str | Path) -> dict[str, Any]:
    """The reference YAML files of a directory as one JSON-able document."""
    directory = Path(directory)
    diensten_file = _read_yaml(directory / "diensten.yaml")
    return {
        "gemeenten": _read_yaml(directory / "gemeenten.yaml"),
        "segmenten": diensten_file["segmenten"],
        "diensten": diensten_file["diensten"],
        "deelname": _read_yaml(directory / "deelname.yaml"),
        "themas": _read_yaml(directory / "themas.yaml"),
        "indicatoren": _read_yaml(directory / "indicatoren.yaml"),
    }


def _texts(value: Mapping[str, str] | None) -> dict[str, str]:
    return {lang: text for lang, text in (value or {}).items() if text}


def _toegang(block: dict[str, Any]) -> Toegang:
    return Toegang(**{name: str(block.get(name) or "") for name in Toegang.__dataclass_fields__})


def _teams(toegang: dict[str, Any]) -> dict[str, Toegang]:
    """Per law; a published document from before the split had one team for both."""
    if not any(wet in toegang for wet in WETTEN):
        return dict.fromkeys(WETTEN, _toegang(toegang))
    return {wet: _toegang(toegang.get(wet) or {}) for wet in WETTEN}


def _codes(thema: dict[str, Any]) -> tuple[str, ...]:
    return tuple(str(code) for code in thema.get("hulp") or ())


def _words(value: Mapping[str, list[Any]] | None) -> dict[str, tuple[str, ...]]:
    """Per language, the words as strings in file order (YAML may read `3m` or `24` as
    something else), without repeats and empty entries."""
    found: dict[str, tuple[str, ...]] = {}
    for lang, words in (value or {}).items():
        cleaned = (str(word).strip() for word in words or ())
        found[lang] = tuple(dict.fromkeys(word for word in cleaned if word))
    return found


def _gemeente(g: dict[str, Any]) -> Gemeente:
    return Gemeente(
        str(g["cbs"]).zfill(4),
        g["naam"],
        g["slug"],
        float(g["lat"]),
        float(g["lon"]),
        g.get("website") or "",
        _teams(g.get("toegang") or {}),
    )


def _dienst(d: dict[str, Any]) -> Dienst:
    return Dienst(
        d["code"],
        d["wet"],
        d["segment"],
        d["taxonomie"],
        tuple(d.get("niveaus") or ()),
        _texts(d["naam"]),
        _texts(d.get("uitleg")),
        _texts(d.get("voor_wie")),
        _words(d.get("zoekwoorden")),
    )


def _uitzondering(u: dict[str, Any]) -> Uitzondering:
    return Uitzondering(
        u["dienst"],
        str(u["gemeente"]).zfill(4),
        u["deelname"],
        _texts(u.get("toelichting")),
        u.get("bron") or "",
    )


def _indicator(i: dict[str, Any]) -> Indicator:
    return Indicator(
        i["code"],
        _texts(i["naam"]),
        tuple(i["eenheden"]),
        bool(i["hoger_is_beter"]),
        bool(i.get("landelijk")),
        _texts(i.get("uitleg")),
        _texts(i.get("kort")),
    )


def from_document(document: dict[str, Any]) -> ReferenceData:
    """The reference data of a document (as read from YAML, or as published)."""
    deelname = document["deelname"] or {}
    return ReferenceData(
        gemeenten=tuple(_gemeente(g) for g in document["gemeenten"]),
        segmenten=tuple(
            Segment(s["code"], s["wet"], _texts(s["naam"])) for s in document["segmenten"]
        ),
        diensten=tuple(_dienst(d) for d in document["diensten"]),
        deelname_standaard=deelname.get("standaard", "regionaal"),
        uitzonderingen=tuple(_uitzondering(u) for u in deelname.get("uitzonderingen") or []),
        themas=tuple(
            Thema(t["code"], _texts(t["label"]), _words(t.get("zoekwoorden")), _codes(t))
            for t in document["themas"]
        ),
        indicatoren=tuple(_indicator(i) for i in document["indicatoren"]),
        document=copy.deepcopy(document),
    )


def load_reference(directory: str | Path) -> ReferenceData:
    """Read the reference YAML files from a directory (what the next import publishes)."""
    return from_document(read_document(directory))
