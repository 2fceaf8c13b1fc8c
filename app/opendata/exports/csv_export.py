"""CSV exports made for Excel users: UTF-8 with a BOM (so Excel picks the encoding),
`;` as delimiter and decimal commas (what Dutch Excel expects), and every text cell
that a spreadsheet could run as a formula neutralised.

The rows come from chunked queries and leave as chunks of text, so memory stays flat
whatever the size of the register.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from collections.abc import Iterable, Iterator
from itertools import groupby
from typing import Any

from sqlalchemy import select

from app.domain.availability import Availability
from app.domain.figures import Figure, figure_json, show
from app.domain.models import (
    Aanbieder,
    Contract,
    ContractGemeente,
    Dienst,
    Gemeente,
    ImportRun,
    Kwaliteitscijfer,
)
from app.domain.queries import chunked, in_register, latest_check, run_dates
from app.extensions import DbSession
from app.opendata.availability import Scopes

CHUNK_ROWS = 500
# A cell starting with one of these is a formula (or becomes one) in Excel, LibreOffice
# and Google Sheets; a leading apostrophe makes it plain text (OWASP "CSV injection").
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")

CONTRACT_COLUMNS = [
    "aanbieder_id",
    "naam",
    "kvk",
    "agb",
    "website",
    "telefoon",
    "email",
    "dienst",
    "dienst_naam",
    "wet",
    "niveaus",
    "gemeenten",
    "gemeenten_cbs",
    "ingangsdatum",
    "einddatum",
    "status",
    "actief_vandaag",
    "gegevens_gewijzigd_op",
    "gegevens_gecontroleerd_op",
    # What counts for the contract's service over its gemeenten (app/domain/availability.py)
    "wachttijd_weken",
    "wachttijd_peildatum",
    "wachttijd_bron",
    "nieuwe_clienten",
    "nieuwe_clienten_peildatum",
    "nieuwe_clienten_bron",
    "beschikbaarheid_oud",
]
FIGURE_COLUMNS = [
    "aanbieder_id",
    "naam",
    "indicator",
    "dienst",
    "status",
    "waarde",
    "eenheid",
    "aantal",
    "periode_van",
    "periode_tot",
    "bron",
    "gewijzigd_op",
    "gecontroleerd_op",
]


def cell(value: Any) -> str:
    """One value as safe spreadsheet text."""
    if value is None:
        return ""
    if isinstance(value, bool):
        text = "ja" if value else "nee"
    elif isinstance(value, float):
        text = f"{value:f}".rstrip("0").rstrip(".").replace(".", ",")
    elif isinstance(value, (dt.date, dt.datetime)):
        text = value.isoformat()
    elif isinstance(value, (list, tuple)):
        text = ";".join(str(v) for v in value)  # the register's own list convention
    else:
        text = str(value)
    return "'" + text if text.startswith(FORMULA_STARTS) else text


def csv_stream(rows: Iterable[list[Any]]) -> Iterator[str]:
    """The BOM, then the rows as `;`-separated text in chunks."""
    yield "\ufeff"
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n")
    for number, row in enumerate(rows, start=1):
        writer.writerow([cell(v) for v in row])
        if number % CHUNK_ROWS == 0:
            yield buffer.getvalue()
            buffer.seek(0)
            buffer.truncate()
    yield buffer.getvalue()


def _run_dates(session: DbSession) -> dict[int, dt.date]:
    """The date of every import run (a small table): "gewijzigd op", "gecontroleerd op"."""
    return run_dates(session, session.scalars(select(ImportRun.id)))


def contract_rows(session: DbSession, today: dt.date) -> Iterator[list[Any]]:
    """Header, then one row per contract of every provider in the register."""
    yield CONTRACT_COLUMNS
    diensten = dict(session.execute(select(Dienst.code, Dienst)).all())
    dates = _run_dates(session)
    scopes = Scopes(session)
    query = (
        select(Aanbieder, Contract, Gemeente.naam, Gemeente.cbs)
        .join(Contract, Contract.aanbieder_id == Aanbieder.id)
        .outerjoin(ContractGemeente, ContractGemeente.contract_id == Contract.id)
        .outerjoin(Gemeente, Gemeente.cbs == ContractGemeente.gemeente_cbs)
        .order_by(Aanbieder.id, Contract.id, Gemeente.naam)
    )
    rows = chunked(session, in_register(query))
    for _, group in groupby(rows, key=lambda r: r[1].id):
        places = list(group)
        a, c = places[0][0], places[0][1]
        dienst = diensten.get(c.dienst_code)
        yield [
            a.id,
            a.naam,
            a.kvk,
            a.agb,
            a.website,
            a.telefoon,
            a.email,
            c.dienst_code,
            dienst.naam_nl if dienst else None,
            dienst.wet if dienst else None,
            list(c.niveaus),
            [p[2] for p in places if p[2]],
            [p[3] for p in places if p[3]],
            c.ingangsdatum,
            c.einddatum,
            c.status,
            c.is_actief_op(today),
            dates.get(a.gewijzigd_run_id or 0),
            dates.get(a.gecontroleerd_run_id or 0),
            *_availability(scopes.for_contract(a.id, c.id, c.dienst_code), today),
        ]


def _availability(found: Availability, today: dt.date) -> list[Any]:
    """The availability columns of a contract row."""
    cells: list[Any] = []
    for value in (found.wachttijd, found.nieuw):
        cells += [value.waarde, value.peildatum, value.bron] if value else [None, None, None]
    return [*cells, found.old(today) if found.wachttijd or found.nieuw else None]


def figure_rows(session: DbSession, minimum_n: int, today: dt.date) -> Iterator[list[Any]]:
    """Header, then one row per measured figure, shown by the one rule (below the
    minimum n without a value)."""
    yield FIGURE_COLUMNS
    dates = _run_dates(session)
    checked = latest_check(session)
    query = (
        select(Kwaliteitscijfer, Aanbieder.naam)
        .join(Aanbieder, Aanbieder.id == Kwaliteitscijfer.aanbieder_id)
        .order_by(
            Kwaliteitscijfer.aanbieder_id, Kwaliteitscijfer.indicator_code, Kwaliteitscijfer.id
        )
    )
    for f, naam in chunked(session, in_register(query)):
        shown = figure_json(show(Figure.from_row(f), minimum_n, today)) or {}
        yield [
            f.aanbieder_id,
            naam,
            f.indicator_code,
            f.dienst_code,
            shown["status"],
            shown.get("waarde"),
            shown.get("eenheid"),
            f.aantal,
            f.periode_van,
            f.periode_tot,
            f.bron,
            dates.get(f.ingevoerd_run_id or 0),
            dates.get(checked) if checked else None,
        ]
