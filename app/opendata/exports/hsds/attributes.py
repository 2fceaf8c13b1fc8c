"""HSDS attributes: everything in the register that HSDS has no field for, as
(record, taxonomy term, value) links — the service each contract is for, the themes,
provider and location features, contract details and the quality figures.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterator
from itertools import chain
from typing import Any

from sqlalchemy import select

from app.domain.figures import Figure, figure_json, show
from app.domain.models import Aanbieder, AanbiederThema, Contract, Kwaliteitscijfer, Locatie
from app.domain.queries import chunked, in_register
from app.extensions import DbSession
from app.opendata.availability import Scopes
from app.opendata.exports.hsds.taxonomy import term_id
from app.opendata.exports.hsds.writer import hsds_id

# Provider columns published as "kenmerken" attributes of the organization.
PROVIDER_FEATURES = (
    "hulp_op_afstand",
    "huisbezoek",
    "rolstoeltoegankelijk",
    "keuze_hulpverlener",
    "nieuwe_clienten",
    "wachttijd_weken",
    "wachttijd_peildatum",
    "kit_datum",
    "keurmerken",
)


def _text(value: Any) -> str | None:
    """A value as attribute text (HSDS attribute values are strings); None when unknown."""
    if value is None or value == [] or value == "":
        return None
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    if isinstance(value, list):
        return ";".join(value)
    return str(value)


def attribute(
    entity: str, key: object, taxonomy: str, code: str, value: str | None = None
) -> dict[str, Any]:
    """One link from our record (`entity`, `key`) to a taxonomy term, with a value."""
    record = {
        "id": hsds_id("attribute", entity, key, taxonomy, code),
        "link_id": hsds_id(entity, key),
        "taxonomy_term_id": term_id(taxonomy, code),
        "link_type": taxonomy,
        "link_entity": entity,
    }
    if value is not None:
        record["value"] = value
    return record


def _features(entity: str, key: object, values: dict[str, Any]) -> Iterator[dict[str, Any]]:
    for code, value in values.items():
        text = _text(value)
        if text is not None:
            yield attribute(entity, key, "kenmerken", code, text)


def service_attributes(session: DbSession) -> Iterator[dict[str, Any]]:
    """Per contract: which service it is for, its status, period and levels, and the
    availability that counts for it (the newest measurement, as on the site)."""
    scopes = Scopes(session)
    query = in_register(select(Contract).join(Aanbieder).order_by(Contract.id))
    for (c,) in chunked(session, query):
        yield attribute("service", c.id, "diensten", c.dienst_code)
        found = scopes.for_contract(c.aanbieder_id, c.id, c.dienst_code)
        wait, new = found.wachttijd, found.nieuw
        yield from _features(
            "service",
            c.id,
            {
                "contract_status": c.status,
                "ingangsdatum": c.ingangsdatum,
                "einddatum": c.einddatum,
                "niveaus": list(c.niveaus),
                "nieuwe_clienten": new.waarde if new else None,
                "wachttijd_weken": wait.waarde if wait else None,
                "wachttijd_peildatum": wait.peildatum if wait else None,
            },
        )


def organization_attributes(session: DbSession) -> Iterator[dict[str, Any]]:
    """Per provider: its features (only the known ones)."""
    columns = [getattr(Aanbieder, name) for name in PROVIDER_FEATURES]
    query = in_register(select(Aanbieder.id, *columns).order_by(Aanbieder.id))
    for aid, *values in chunked(session, query):
        yield from _features("organization", aid, dict(zip(PROVIDER_FEATURES, values, strict=True)))


def theme_attributes(session: DbSession) -> Iterator[dict[str, Any]]:
    query = in_register(
        select(AanbiederThema.aanbieder_id, AanbiederThema.thema_code)
        .join(Aanbieder)
        .order_by(AanbiederThema.aanbieder_id, AanbiederThema.thema_code)
    )
    for aid, code in chunked(session, query):
        yield attribute("organization", aid, "themas", code)


def location_attributes(session: DbSession) -> Iterator[dict[str, Any]]:
    query = in_register(
        select(Locatie.id, Locatie.rolstoeltoegankelijk, Locatie.gemeente_cbs)
        .join(Aanbieder)
        .order_by(Locatie.id)
    )
    for location_id, accessible, cbs in chunked(session, query):
        yield from _features(
            "location", location_id, {"rolstoeltoegankelijk": accessible, "gemeente": cbs}
        )


def figure_attributes(
    session: DbSession, minimum_n: int, today: dt.date
) -> Iterator[dict[str, Any]]:
    """Per measured figure: a JSON value with n, period and source — and no number when
    it rests on fewer clients than the minimum, exactly as on the site."""
    query = in_register(select(Kwaliteitscijfer).join(Aanbieder).order_by(Kwaliteitscijfer.id))
    for (f,) in chunked(session, query):
        shown = show(Figure.from_row(f), minimum_n, today)
        value = {"dienst": f.dienst_code, **(figure_json(shown) or {})}
        record = attribute(
            "organization",
            f.aanbieder_id,
            "kenmerken",
            f"cijfer:{f.indicator_code}",
            json.dumps(value, ensure_ascii=False),
        )
        # Several figures per provider and indicator (periods, services): own id each.
        record["id"] = hsds_id("attribute", "kwaliteitscijfer", f.id)
        yield record


def attributes(session: DbSession, minimum_n: int, today: dt.date) -> Iterator[dict[str, Any]]:
    """All attributes, one source after the other."""
    return chain(
        service_attributes(session),
        organization_attributes(session),
        theme_attributes(session),
        location_attributes(session),
        figure_attributes(session, minimum_n, today),
    )
