"""Reference data: the gemeenten, services, participation, themes and indicators.

The YAML files in data/reference/ are what the maintainer edits (docs/reference-data.md).
An import checks the register against them and publishes them with it: the import run
keeps the whole reference document (`ImportRun.referentie`). Pages, the API and the
catalog all read that published copy (`PublishedReference`), so they change together,
when a new register is published, and never stay stale in a process that read the
files at start.
"""
from __future__ import annotations

import copy
import logging
import threading
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Any

import yaml
from sqlalchemy.orm import Session

from app.domain.models import ImportRun
from app.domain.text import fold

log = logging.getLogger(__name__)

DEELNAME_SOORTEN = ("regionaal", "lokaal", "deels")


@dataclass(frozen=True)
class ReferenceData:
    """Everything the register is checked against, indexed for fast look-ups."""

    gemeenten: list[dict[str, Any]]
    segmenten: list[dict[str, Any]]
    diensten: list[dict[str, Any]]
    deelname: dict[str, Any]
    themas: list[dict[str, Any]]
    indicatoren: list[dict[str, Any]]
    gemeente_by_key: dict[str, str] = field(default_factory=dict)
    # The document it was made from: what an import publishes with the register.
    document: dict[str, Any] = field(default_factory=dict, repr=False)

    @cached_property
    def dienst_codes(self) -> dict[str, dict[str, Any]]:
        return {d["code"]: d for d in self.diensten}

    @cached_property
    def thema_codes(self) -> set[str]:
        return {t["code"] for t in self.themas}

    @cached_property
    def themas_by_code(self) -> dict[str, dict[str, Any]]:
        return {t["code"]: t for t in self.themas}

    @cached_property
    def gemeenten_by_cbs(self) -> dict[str, dict[str, Any]]:
        return {g["cbs"]: g for g in self.gemeenten}

    @cached_property
    def deelname_by_pair(self) -> dict[tuple[str, str], dict[str, Any]]:
        """(dienst, CBS) -> the exception (lokaal or deels); absent pairs are regional."""
        return {(e["dienst"], str(e["gemeente"]).zfill(4)): e
                for e in self.deelname.get("uitzonderingen") or []}

    @cached_property
    def indicator_codes(self) -> dict[str, dict[str, Any]]:
        return {i["code"]: i for i in self.indicatoren}

    @cached_property
    def key_indicators(self) -> tuple[str, ...]:
        """The national outcome indicators (`landelijk: true`), in file order: every
        provider shows them, as "geen gegevens" when it has no figure."""
        return tuple(i["code"] for i in self.indicatoren if i.get("landelijk"))

    @cached_property
    def alle_gemeenten(self) -> list[str]:
        return [g["cbs"] for g in self.gemeenten]

    def gemeente_cbs(self, name_or_code: str) -> str | None:
        """The CBS code for a gemeente given by name, slug or CBS code (any case/accents)."""
        return self.gemeente_by_key.get(fold(name_or_code))


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


def from_document(document: dict[str, Any]) -> ReferenceData:
    """The reference data of a document (as read from YAML, or as published)."""
    document = copy.deepcopy(document)
    keys: dict[str, str] = {}
    for g in document["gemeenten"]:
        cbs = str(g["cbs"]).zfill(4)
        g["cbs"] = cbs
        for key in (cbs, cbs.lstrip("0"), g["naam"], g["slug"], f"GM{cbs}"):
            keys[fold(key)] = cbs
    return ReferenceData(
        gemeenten=document["gemeenten"], segmenten=document["segmenten"],
        diensten=document["diensten"], deelname=document["deelname"],
        themas=document["themas"], indicatoren=document["indicatoren"],
        gemeente_by_key=keys, document=document,
    )


def load_reference(directory: str | Path) -> ReferenceData:
    """Read the reference YAML files from a directory (what the next import publishes)."""
    return from_document(read_document(directory))


class PublishedReference:
    """The reference data published with the live register, read once per version.

    Before anything is published (or for a register published before the reference was
    stored with it) the files in `fallback_dir` are used, and the log says so once.
    """

    def __init__(self, fallback_dir: str | Path) -> None:
        self.fallback_dir = Path(fallback_dir)
        self._lock = threading.Lock()
        self._cached: tuple[int | None, ReferenceData] | None = None

    def get(self, session: Session, version: int | None) -> ReferenceData:
        """The reference of register `version` (None: nothing published yet)."""
        with self._lock:
            if self._cached is None or self._cached[0] != version:
                self._cached = (version, self._read(session, version))
            return self._cached[1]

    def _read(self, session: Session, version: int | None) -> ReferenceData:
        document = session.get(ImportRun, version).referentie if version is not None else None
        if document:
            return from_document(document)
        if version is not None:
            log.warning("register %s was published without its reference data; using the "
                        "files in %s until the next import", version, self.fallback_dir)
        return load_reference(self.fallback_dir)
