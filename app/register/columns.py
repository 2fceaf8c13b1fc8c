"""The register format, declared once: sheets, columns, whether required, how parsed.

docs/register-format.md describes the same format for the people who keep the file;
tests/test_reference_and_docs.py checks that every column here is documented there.
"""

from __future__ import annotations

from dataclasses import dataclass

from app.register import parsers as p


@dataclass(frozen=True)
class Column:
    """One column of a sheet."""

    name: str
    parse: p.Parser
    required: bool = False
    # A longer cell is kept, with a warning: it is almost always a paste gone wrong, but
    # REGISTER.md sets no length, so it is never an error.
    max_length: int = 300


LONG = 5000
# Ids longer than this do not fit in the site's links (shortlist, comparison).
ID_LENGTH = 200

COLUMNS: dict[str, tuple[Column, ...]] = {
    "aanbieders": (
        Column("aanbieder_id", p.text, required=True, max_length=ID_LENGTH),
        Column("naam", p.text, required=True),
        Column("kvk", p.kvk, required=True),
        Column("agb", p.agb),
        Column("website", p.url, max_length=500),
        Column("telefoon", p.text, max_length=40),
        Column("email", p.email),
        Column("omschrijving", p.text, max_length=LONG),
        Column("omschrijving_en", p.text, max_length=LONG),
        Column("leeftijd_min", p.age(round_up=False)),
        Column("leeftijd_max", p.age(round_up=True)),
        Column("themas", p.list_of(p.thema), max_length=LONG),
        Column("talen", p.list_of(p.taal)),
        Column("hulp_op_afstand", p.boolean),
        Column("huisbezoek", p.boolean),
        Column("rolstoeltoegankelijk", p.boolean),
        Column("keuze_hulpverlener", p.boolean),
        Column("nieuwe_clienten", p.one_of("ja", "nee", "wachtlijst")),
        Column("wachttijd_weken", p.integer(0)),
        Column("wachttijd_peildatum", p.date),
        Column("kit_datum", p.date),
        Column("keurmerken", p.list_of(p.free_text_item), max_length=LONG),
    ),
    "locaties": (
        Column("aanbieder_id", p.text, required=True, max_length=ID_LENGTH),
        Column("naam", p.text),
        Column("straat", p.text),
        Column("huisnummer", p.text, max_length=20),
        Column("postcode", p.postcode),
        Column("plaats", p.text, max_length=100),
        Column("gemeente", p.gemeente),
        Column("lat", p.latitude),
        Column("lon", p.longitude),
        Column("rolstoeltoegankelijk", p.boolean),
    ),
    "contracten": (
        Column("aanbieder_id", p.text, required=True, max_length=ID_LENGTH),
        Column("dienst", p.dienst, required=True),
        Column("niveaus", p.list_of(p.niveau)),
        Column("gemeenten", p.gemeenten, required=True, max_length=LONG),
        Column("ingangsdatum", p.date, required=True),
        Column("einddatum", p.date),
        Column("status", p.one_of("actief", "opgeschort", "beeindigd"), required=True),
    ),
    "kwaliteit": (
        Column("aanbieder_id", p.text, required=True, max_length=ID_LENGTH),
        Column("indicator", p.indicator, required=True),
        Column("dienst", p.dienst),
        Column("waarde", p.decimal, required=True),
        Column("eenheid", p.one_of("procent", "cijfer"), required=True),
        Column("aantal", p.integer(0), required=True),
        Column("periode_van", p.date, required=True),
        Column("periode_tot", p.date, required=True),
        Column("bron", p.text, required=True, max_length=LONG),
    ),
}
