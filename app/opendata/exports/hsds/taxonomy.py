"""Our vocabularies as HSDS taxonomies: the services (with their segments as parents),
the themes, and "kenmerken" — the terms that name everything else we publish as HSDS
attributes (provider features, contract details, quality figures).
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from sqlalchemy import select

from app.domain.models import Dienst, Indicator, Segment, Thema
from app.extensions import DbSession
from app.opendata.exports.hsds.writer import compact, hsds_id

TAXONOMIES = {
    "diensten": (
        "Kies je zorgaanbieder Twente: soorten hulp",
        "Jeugdhulp en Wmo-ondersteuning die de 14 Twentse gemeenten inkopen, "
        "gegroepeerd in segmenten (reference data: diensten.yaml).",
    ),
    "themas": (
        "Kies je zorgaanbieder Twente: thema's",
        "Specialisaties van aanbieders, met de woorden die inwoners ervoor gebruiken.",
    ),
    "kenmerken": (
        "Kies je zorgaanbieder Twente: kenmerken",
        "Overige gegevens uit het contractregister, gepubliceerd als HSDS-attributen: "
        "kenmerken van aanbieders en locaties, contractgegevens en kwaliteitscijfers.",
    ),
}

# code -> (name, description) of the attribute terms that are not reference data.
KENMERKEN = {
    "hulp_op_afstand": (
        "Hulp op afstand",
        "De aanbieder biedt hulp online of op afstand (true/false).",
    ),
    "huisbezoek": ("Huisbezoek", "De aanbieder komt bij de cliënt thuis (true/false)."),
    "rolstoeltoegankelijk": (
        "Rolstoeltoegankelijk",
        "Bij een aanbieder: minstens één locatie is "
        "rolstoeltoegankelijk; bij een locatie: deze locatie (true/false).",
    ),
    "keuze_hulpverlener": (
        "Keuze hulpverlener",
        "De cliënt kan om een man of een vrouw als hulpverlener vragen (true/false).",
    ),
    "nieuwe_clienten": (
        "Nieuwe cliënten",
        "Neemt de aanbieder nieuwe cliënten aan: ja, nee of wachtlijst.",
    ),
    "wachttijd_weken": ("Wachttijd in weken", "Wachttijd tot de start van de hulp, in hele weken."),
    "wachttijd_peildatum": ("Peildatum wachttijd", "Datum waarop de wachttijd is gemeten."),
    "kit_datum": (
        "KIT-screening",
        "Datum waarop de regionale kwaliteits- en integriteitstoets (KIT) is gehaald.",
    ),
    "keurmerken": ("Keurmerken", "Keurmerken en certificaten, gescheiden door ';'."),
    "contract_status": (
        "Contractstatus",
        "Status in het register: actief, opgeschort of beeindigd.",
    ),
    "ingangsdatum": ("Ingangsdatum contract", "Eerste dag van het contract."),
    "einddatum": ("Einddatum contract", "Laatste dag van het contract (leeg: geen einddatum)."),
    "niveaus": (
        "Niveaus",
        "Niveaus (Twents model) waarvoor het contract geldt, gescheiden door ';'.",
    ),
    "gemeente": ("Gemeente", "CBS-code van de gemeente waarin een locatie ligt."),
}


def taxonomy_id(key: str) -> str:
    return hsds_id("taxonomy", key)


def term_id(taxonomy: str, code: str) -> str:
    """The id of a term, e.g. term_id("diensten", "AMB-BEG")."""
    return hsds_id("taxonomy_term", taxonomy, code)


def taxonomy_records() -> Iterator[dict[str, Any]]:
    """The three taxonomies."""
    for key, (name, description) in TAXONOMIES.items():
        yield {"id": taxonomy_id(key), "name": name, "description": description}


def _term(
    taxonomy: str, code: str, name: str, description: str, parent: str | None = None
) -> dict[str, Any]:
    return compact(
        {
            "id": term_id(taxonomy, code),
            "code": code,
            "name": name,
            "description": description,
            "parent_id": parent,
            "taxonomy": TAXONOMIES[taxonomy][0],
            "language": "nl",
            "taxonomy_id": taxonomy_id(taxonomy),
        },
        required=("description",),
    )


def term_records(session: DbSession) -> Iterator[dict[str, Any]]:
    """Every term: segments and services, themes, kenmerken and one per indicator."""
    for s in session.scalars(select(Segment).order_by(Segment.volgorde)):
        wet = "Jeugdwet" if s.wet == "jeugd" else "Wmo 2015"
        yield _term("diensten", s.code, s.naam_nl, f"Segment ({wet}): {s.naam_nl}.")
    for d in session.scalars(select(Dienst).order_by(Dienst.volgorde)):
        yield _term(
            "diensten",
            d.code,
            d.naam_nl,
            d.uitleg_nl or d.naam_nl,
            parent=term_id("diensten", d.segment_code),
        )
    for t in session.scalars(select(Thema).order_by(Thema.code)):
        words = ", ".join((t.zoekwoorden or {}).get("nl", []))  # the terms are in Dutch
        yield _term("themas", t.code, t.label_nl, f"Zoekwoorden: {words}." if words else t.label_nl)
    for code, (name, description) in KENMERKEN.items():
        yield _term("kenmerken", code, name, description)
    for i in session.scalars(select(Indicator).order_by(Indicator.code)):
        yield _term("kenmerken", f"cijfer:{i.code}", i.naam_nl, i.uitleg_nl or i.naam_nl)
