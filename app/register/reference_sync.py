"""Copy the reference data into the database tables that register rows point at,
inside the import transaction (the write side of app/domain/reference.py)."""
from __future__ import annotations

from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.domain.models import Deelname, Dienst, Gemeente, Indicator, Segment, Thema
from app.domain.reference import ReferenceData


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
