"""Copy the reference data into the database tables that register rows point at,
inside the import transaction (the write side of app/domain/reference.py)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from sqlalchemy import select

from app.domain.models import Deelname, Dienst, Gemeente, Indicator, Segment, Thema
from app.domain.reference import ReferenceData, Words
from app.extensions import DbSession


def _nl_en(value: Mapping[str, str]) -> tuple[str, str]:
    return value.get("nl", ""), value.get("en", "")


def _nl_en_columns(prefix: str, texts: Mapping[str, str]) -> dict[str, str]:
    """A text as the table's Dutch and English columns: naam -> naam_nl, naam_en."""
    nl, en = _nl_en(texts)
    return {f"{prefix}_nl": nl, f"{prefix}_en": en}


def _word_lists(words: Words) -> dict[str, list[str]]:
    """The words per language as the JSON column keeps them."""
    return {lang: list(found) for lang, found in words.items()}


def _gemeente_rows(ref: ReferenceData) -> list[Any]:
    return [
        Gemeente(
            cbs=g.cbs,
            naam=g.naam,
            slug=g.slug,
            lat=g.lat,
            lon=g.lon,
            website=g.website,
            # The table keeps one team: the Wmo one (pages read both from the reference data).
            toegang_naam=g.team("wmo").naam,
            toegang_telefoon=g.team("wmo").telefoon,
            toegang_website=g.team("wmo").website,
        )
        for g in ref.gemeenten
    ]


def _service_rows(ref: ReferenceData) -> list[Any]:
    segments = [
        Segment(code=s.code, wet=s.wet, volgorde=i, **_nl_en_columns("naam", s.naam))
        for i, s in enumerate(ref.segmenten)
    ]
    services = [
        Dienst(
            code=d.code,
            wet=d.wet,
            segment_code=d.segment,
            taxonomie=d.taxonomie,
            niveaus=list(d.niveaus),
            volgorde=i,
            **_nl_en_columns("naam", d.naam),
            **_nl_en_columns("uitleg", d.uitleg),
            **_nl_en_columns("voor_wie", d.voor_wie),
            zoekwoorden=_word_lists(d.zoekwoorden),
        )
        for i, d in enumerate(ref.diensten)
    ]
    return [*segments, *services]


def _theme_and_indicator_rows(ref: ReferenceData) -> list[Any]:
    themes = [
        Thema(
            code=t.code, zoekwoorden=_word_lists(t.zoekwoorden), **_nl_en_columns("label", t.label)
        )
        for t in ref.themas
    ]
    indicators = [
        Indicator(
            code=i.code,
            eenheden=list(i.eenheden),
            hoger_is_beter=i.hoger_is_beter,
            landelijk=i.landelijk,
            **_nl_en_columns("naam", i.naam),
            **_nl_en_columns("uitleg", i.uitleg),
        )
        for i in ref.indicatoren
    ]
    return [*themes, *indicators]


def _reference_rows(ref: ReferenceData) -> list[Any]:
    """Build the ORM objects for all reference tables."""
    return [
        *_gemeente_rows(ref),
        *_service_rows(ref),
        *_deelname_rows(ref),
        *_theme_and_indicator_rows(ref),
    ]


def _deelname_rows(ref: ReferenceData) -> list[Deelname]:
    """One row per service x gemeente: the default, overridden by the listed exceptions."""
    rows = []
    for d in ref.diensten:
        for cbs in ref.alle_gemeenten:
            u = ref.deelname_by_pair.get((d.code, cbs))
            toelichting = _nl_en(u.toelichting) if u else ("", "")
            rows.append(
                Deelname(
                    dienst_code=d.code,
                    gemeente_cbs=cbs,
                    soort=ref.deelname(d.code, cbs),
                    toelichting_nl=toelichting[0],
                    toelichting_en=toelichting[1],
                    bron=u.bron if u else "",
                )
            )
    return rows


def sync_reference(session: DbSession, ref: ReferenceData) -> int:
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
