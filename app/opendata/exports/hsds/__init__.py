"""The published register as Open Referral HSDS 3.0 (tabular JSON), streamed.

Mapping (see docs/open-data.md): aanbieder -> organization (+ organization_identifier
for KvK and AGB, phone, contact); locatie -> location (+ address); contract ->
service, its gemeenten -> service_area, the provider's locations in those gemeenten ->
service_at_location, the provider's languages -> language per service; services and
themes -> taxonomy_term; everything else -> attribute; what each import changed per
provider -> metadata (HSDS's change history). Every table is one chunked query, so
nothing holds the whole register in memory.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator
from typing import Any

from babel import Locale
from sqlalchemy import and_, select

from app.domain.availability import Availability
from app.domain.models import (
    Aanbieder,
    AanbiederTaal,
    Contract,
    ContractGemeente,
    Dienst,
    Gemeente,
    Locatie,
)
from app.domain.queries import chunked, in_register
from app.extensions import DbSession
from app.opendata.availability import Scopes
from app.opendata.exports.hsds.attributes import attributes
from app.opendata.exports.hsds.metadata import metadata
from app.opendata.exports.hsds.taxonomy import taxonomy_records, term_records
from app.opendata.exports.hsds.writer import compact, hsds_id, write_tables

# How a resident gets the help (DESIGN.md §3, "Wet" and "Toegang").
APPLICATION = {
    "jeugd": "Via het wijkteam (toegang) van uw gemeente, met een beschikking. Voor jeugdhulp "
    "kan ook een huisarts, medisch specialist of gecertificeerde instelling verwijzen.",
    "wmo": "Via het wijkteam (toegang) van uw gemeente, met een beschikking.",
}
# All 14 Twente gemeenten lie in the province of Overijssel.
PROVINCE = "Overijssel"


# --- organizations ---------------------------------------------------------------------


def organizations(session: DbSession) -> Iterator[dict[str, Any]]:
    query = in_register(
        select(
            Aanbieder.id, Aanbieder.naam, Aanbieder.omschrijving, Aanbieder.email, Aanbieder.website
        ).order_by(Aanbieder.id)
    )
    for aid, naam, omschrijving, email, website in chunked(session, query):
        yield compact(
            {
                "id": hsds_id("organization", aid),
                "name": naam,
                "description": omschrijving or "",
                "email": email,
                "website": website,
            },
            required=("description",),
        )


def identifiers(session: DbSession) -> Iterator[dict[str, Any]]:
    query = in_register(select(Aanbieder.id, Aanbieder.kvk, Aanbieder.agb).order_by(Aanbieder.id))
    for aid, kvk, agb in chunked(session, query):
        org = hsds_id("organization", aid)
        yield {
            "id": hsds_id("organization_identifier", aid, "kvk"),
            "organization_id": org,
            "identifier_scheme": "NL-KVK",
            "identifier_type": "KvK-nummer",
            "identifier": kvk,
        }
        if agb:
            yield {
                "id": hsds_id("organization_identifier", aid, "agb"),
                "organization_id": org,
                "identifier_type": "AGB-code",
                "identifier": agb,
            }


def phones_and_contacts(session: DbSession, table: str) -> Iterator[dict[str, Any]]:
    column = Aanbieder.telefoon if table == "phone" else Aanbieder.email
    query = in_register(
        select(Aanbieder.id, column).where(column.is_not(None)).order_by(Aanbieder.id)
    )
    for aid, value in chunked(session, query):
        field = "number" if table == "phone" else "email"
        yield {
            "id": hsds_id(table, aid),
            "organization_id": hsds_id("organization", aid),
            field: value,
        }


# --- locations -------------------------------------------------------------------------


def _location_query() -> Any:
    return in_register(select(Locatie).join(Aanbieder).order_by(Locatie.id))


def locations(session: DbSession) -> Iterator[dict[str, Any]]:
    for (loc,) in chunked(session, _location_query()):
        yield compact(
            {
                "id": hsds_id("location", loc.id),
                "location_type": "physical",
                "organization_id": hsds_id("organization", loc.aanbieder_id),
                "name": loc.naam,
                "latitude": loc.lat,
                "longitude": loc.lon,
            }
        )


def addresses(session: DbSession) -> Iterator[dict[str, Any]]:
    """Only complete addresses: HSDS requires street, city, province and postcode."""
    for (loc,) in chunked(session, _location_query()):
        if loc.straat and loc.plaats and loc.postcode and loc.gemeente_cbs:
            street = f"{loc.straat} {loc.huisnummer or ''}".strip()
            yield {
                "id": hsds_id("address", loc.id),
                "location_id": hsds_id("location", loc.id),
                "address_1": street,
                "city": loc.plaats,
                "state_province": PROVINCE,
                "postal_code": loc.postcode,
                "country": "NL",
                "address_type": "physical",
            }


# --- services (one per contract) -------------------------------------------------------


def _status(contract: Contract, today: dt.date) -> str:
    if contract.is_actief_op(today):
        return "active"
    return "temporarily closed" if contract.status == "opgeschort" else "inactive"


def _wait_time(found: Availability) -> str | None:
    """The waiting time that counts for a contract, with its date and source."""
    wait = found.wachttijd
    if wait is None:
        return None
    day = f"gemeten op {wait.peildatum.isoformat()}, " if wait.peildatum else ""
    return f"{wait.waarde} weken ({day}bron: {wait.bron})"


def services(session: DbSession, today: dt.date) -> Iterator[dict[str, Any]]:
    diensten = {d.code: d for d in session.scalars(select(Dienst))}
    scopes = Scopes(session)
    query = in_register(select(Contract, Aanbieder).join(Aanbieder).order_by(Contract.id))
    for c, a in chunked(session, query):
        d = diensten[c.dienst_code]
        yield compact(
            {
                "id": hsds_id("service", c.id),
                "organization_id": hsds_id("organization", a.id),
                "name": d.naam_nl,
                "alternate_name": d.naam_en,
                "description": d.uitleg_nl,
                "url": a.website,
                "email": a.email,
                "status": _status(c, today),
                "application_process": APPLICATION.get(d.wet),
                "wait_time": _wait_time(scopes.for_contract(a.id, c.id, c.dienst_code)),
                "accreditations": "; ".join(a.keurmerken) or None,
                "eligibility_description": d.voor_wie_nl,
                "minimum_age": a.leeftijd_min,
                "maximum_age": a.leeftijd_max,
            }
        )


def service_areas(session: DbSession) -> Iterator[dict[str, Any]]:
    query = in_register(
        select(ContractGemeente.contract_id, Gemeente.cbs, Gemeente.naam)
        .join(Gemeente)
        .join(Contract)
        .join(Aanbieder)
        .order_by(ContractGemeente.contract_id, Gemeente.cbs)
    )
    for contract_id, cbs, naam in chunked(session, query):
        yield {
            "id": hsds_id("service_area", contract_id, cbs),
            "service_id": hsds_id("service", contract_id),
            "name": naam,
            "description": f"Gemeente {naam} (CBS-code {cbs})",
        }


def services_at_locations(session: DbSession) -> Iterator[dict[str, Any]]:
    """A provider's locations in the gemeenten its contract covers."""
    query = in_register(
        select(Contract.id, Locatie.id)
        .select_from(Contract)
        .join(Aanbieder, Aanbieder.id == Contract.aanbieder_id)
        .join(Locatie, Locatie.aanbieder_id == Contract.aanbieder_id)
        .join(
            ContractGemeente,
            and_(
                ContractGemeente.contract_id == Contract.id,
                ContractGemeente.gemeente_cbs == Locatie.gemeente_cbs,
            ),
        )
        .order_by(Contract.id, Locatie.id)
    )
    for contract_id, location_id in chunked(session, query):
        yield {
            "id": hsds_id("service_at_location", contract_id, location_id),
            "service_id": hsds_id("service", contract_id),
            "location_id": hsds_id("location", location_id),
        }


def languages(session: DbSession) -> Iterator[dict[str, Any]]:
    """The provider's languages, per service (HSDS links languages to services)."""
    names = Locale.parse("nl").languages
    query = in_register(
        select(Contract.id, AanbiederTaal.taal)
        .select_from(Contract)
        .join(Aanbieder, Aanbieder.id == Contract.aanbieder_id)
        .join(AanbiederTaal, AanbiederTaal.aanbieder_id == Contract.aanbieder_id)
        .order_by(Contract.id, AanbiederTaal.taal)
    )
    for contract_id, taal in chunked(session, query):
        yield compact(
            {
                "id": hsds_id("language", contract_id, taal),
                "service_id": hsds_id("service", contract_id),
                "code": taal,
                "name": names.get(taal),
            }
        )


# --- the document ----------------------------------------------------------------------


def tables(
    session: DbSession, today: dt.date, minimum_n: int
) -> Iterable[tuple[str, Iterable[dict[str, Any]]]]:
    """(HSDS table, records) in document order; every records iterator is lazy."""
    return [
        ("taxonomy", taxonomy_records()),
        ("taxonomy_term", term_records(session)),
        ("organization", organizations(session)),
        ("organization_identifier", identifiers(session)),
        ("phone", phones_and_contacts(session, "phone")),
        ("contact", phones_and_contacts(session, "contact")),
        ("location", locations(session)),
        ("address", addresses(session)),
        ("service", services(session, today)),
        ("service_area", service_areas(session)),
        ("service_at_location", services_at_locations(session)),
        ("language", languages(session)),
        ("attribute", attributes(session, minimum_n, today)),
        ("metadata", metadata(session)),
    ]


def hsds_stream(session: DbSession, today: dt.date, minimum_n: int) -> Iterator[str]:
    """The whole HSDS 3.0 document for the published register, as text chunks."""
    return write_tables(tables(session, today, minimum_n))
