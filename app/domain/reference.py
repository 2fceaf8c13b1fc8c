"""Reference data: the gemeenten, services, participation, themes and indicators.

The YAML files in data/reference/ are the single source (see docs/reference-data.md).
`load_reference` reads them for the register validator; `sync_reference` copies them
into the database, inside the import transaction, so pages and queries can join on them.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Any

import yaml
from sqlalchemy import select
from sqlalchemy.orm import Session

from app.domain.models import Deelname, Dienst, Gemeente, Indicator, Segment, Thema
from app.domain.text import fold

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


def load_reference(directory: str | Path) -> ReferenceData:
    """Read the reference YAML files from a directory."""
    directory = Path(directory)
    gemeenten = _read_yaml(directory / "gemeenten.yaml")
    diensten_file = _read_yaml(directory / "diensten.yaml")
    keys: dict[str, str] = {}
    for g in gemeenten:
        cbs = str(g["cbs"]).zfill(4)
        g["cbs"] = cbs
        for key in (cbs, cbs.lstrip("0"), g["naam"], g["slug"], f"GM{cbs}"):
            keys[fold(key)] = cbs
    return ReferenceData(
        gemeenten=gemeenten,
        segmenten=diensten_file["segmenten"],
        diensten=diensten_file["diensten"],
        deelname=_read_yaml(directory / "deelname.yaml"),
        themas=_read_yaml(directory / "themas.yaml"),
        indicatoren=_read_yaml(directory / "indicatoren.yaml"),
        gemeente_by_key=keys,
    )


def _nl_en(value: dict[str, str] | None) -> tuple[str, str]:
    value = value or {}
    return value.get("nl", ""), value.get("en", "")


def _reference_rows(ref: ReferenceData) -> list[Any]:
    """Build the ORM objects for all reference tables."""
    rows: list[Any] = []
    for g in ref.gemeenten:
        toegang = g.get("toegang") or {}
        rows.append(Gemeente(
            cbs=g["cbs"], naam=g["naam"], slug=g["slug"], lat=g["lat"], lon=g["lon"],
            website=g.get("website") or "", toegang_naam=toegang.get("naam") or "",
            toegang_telefoon=toegang.get("telefoon") or "",
            toegang_website=toegang.get("website") or "",
        ))
    for i, s in enumerate(ref.segmenten):
        naam_nl, naam_en = _nl_en(s["naam"])
        rows.append(Segment(code=s["code"], wet=s["wet"], naam_nl=naam_nl, naam_en=naam_en,
                            volgorde=i))
    for i, d in enumerate(ref.diensten):
        naam_nl, naam_en = _nl_en(d["naam"])
        uitleg_nl, uitleg_en = _nl_en(d.get("uitleg"))
        voor_nl, voor_en = _nl_en(d.get("voor_wie"))
        rows.append(Dienst(
            code=d["code"], wet=d["wet"], segment_code=d["segment"], taxonomie=d["taxonomie"],
            niveaus=list(d.get("niveaus") or []), naam_nl=naam_nl, naam_en=naam_en,
            uitleg_nl=uitleg_nl, uitleg_en=uitleg_en, voor_wie_nl=voor_nl,
            voor_wie_en=voor_en, volgorde=i,
        ))
    rows.extend(_deelname_rows(ref))
    for t in ref.themas:
        label_nl, label_en = _nl_en(t["label"])
        rows.append(Thema(code=t["code"], label_nl=label_nl, label_en=label_en,
                          synoniemen=list(t.get("synoniemen") or [])))
    for ind in ref.indicatoren:
        naam_nl, naam_en = _nl_en(ind["naam"])
        uitleg_nl, uitleg_en = _nl_en(ind.get("uitleg"))
        rows.append(Indicator(
            code=ind["code"], naam_nl=naam_nl, naam_en=naam_en,
            eenheden=list(ind["eenheden"]), hoger_is_beter=bool(ind["hoger_is_beter"]),
            landelijk=bool(ind.get("landelijk")), uitleg_nl=uitleg_nl, uitleg_en=uitleg_en,
        ))
    return rows


def _deelname_rows(ref: ReferenceData) -> list[Deelname]:
    """One row per service x gemeente: the default, overridden by the listed exceptions."""
    exceptions = {
        (u["dienst"], str(u["gemeente"]).zfill(4)): u
        for u in ref.deelname.get("uitzonderingen") or []
    }
    standaard = ref.deelname.get("standaard", "regionaal")
    rows = []
    for d in ref.diensten:
        for cbs in ref.alle_gemeenten:
            u = exceptions.get((d["code"], cbs), {})
            toel_nl, toel_en = _nl_en(u.get("toelichting"))
            rows.append(Deelname(
                dienst_code=d["code"], gemeente_cbs=cbs, soort=u.get("deelname", standaard),
                toelichting_nl=toel_nl, toelichting_en=toel_en, bron=u.get("bron", ""),
            ))
    return rows


def sync_reference(session: Session, ref: ReferenceData) -> int:
    """Make the reference tables equal to the YAML files; returns the number of rows changed.

    Runs inside the caller's transaction. `merge` updates existing rows in place, so
    register rows that point at them stay valid; reference rows that disappeared from
    the files are left alone because old register rows may still refer to them.
    """
    for model in (Gemeente, Segment, Dienst, Deelname, Thema, Indicator):
        session.scalars(select(model)).all()  # one query per table fills the identity map
    changed = 0
    for row in _reference_rows(ref):
        merged = session.merge(row)
        if merged in session.new or session.is_modified(merged):
            changed += 1
    session.flush()
    return changed
