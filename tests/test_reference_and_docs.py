"""Reference data, documentation and schema stay in step with the code."""

from __future__ import annotations

import re
from pathlib import Path

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext

from app.config import PROJECT_ROOT
from app.extensions import db
from app.register.columns import COLUMNS

CBS = {
    "Almelo": "0141",
    "Borne": "0147",
    "Dinkelland": "1774",
    "Enschede": "0153",
    "Haaksbergen": "0158",
    "Hellendoorn": "0163",
    "Hengelo": "0164",
    "Hof van Twente": "1735",
    "Losser": "0168",
    "Oldenzaal": "0173",
    "Rijssen-Holten": "1742",
    "Tubbergen": "0183",
    "Twenterand": "1700",
    "Wierden": "0189",
}
SERVICES = (
    "AMB-BEG AMB-BEH AMB-DYS AMB-MED AE CRI-CT CRI-INT WON-PLZ WON-GZH WON-WG WON-KHW "
    "VBL-BG VBL-3M VBL-JZP VBL-DTV WMO-OB1 WMO-OB2 WMO-HO WMO-DB WMO-WV"
).split()


def test_the_14_gemeenten_with_their_cbs_codes(ref):
    assert {g.naam: g.cbs for g in ref.gemeenten} == CBS
    for g in ref.gemeenten:
        assert 52.0 < g.lat < 52.6 and 6.3 < g.lon < 7.1, g.naam
        assert g.website.startswith("https://")


def test_every_service_with_names_and_plain_explanations_in_both_languages(ref):
    assert [d.code for d in ref.diensten] == SERVICES
    segments = {s.code for s in ref.segmenten}
    for d in ref.diensten:
        assert d.segment in segments and d.wet in ("jeugd", "wmo")
        for field in ("naam", "uitleg", "voor_wie"):
            texts = getattr(d, field)
            assert texts["nl"].strip() and texts["en"].strip(), (d.code, field)
    assert all(d.wet == "wmo" for d in ref.diensten if d.code.startswith("WMO"))


def test_participation_from_the_sources(ref):
    exceptions = {(u.dienst, u.gemeente): u.deelname for u in ref.uitzonderingen}
    assert exceptions[("AMB-BEG", "0141")] == "lokaal"
    assert exceptions[("AMB-BEG", "0164")] == "deels"
    assert all(u.bron and u.toelichting["nl"] for u in ref.uitzonderingen)


def test_services_and_themes_have_the_words_residents_use(ref):
    themes = {t.code: t.zoekwoorden for t in ref.themas}
    assert "ass" in themes["autisme"]["nl"] and "asd" in themes["autisme"]["en"]
    assert "licht verstandelijke beperking" in themes["lvb"]["nl"]
    assert "leesproblemen" in themes["dyslexie"]["nl"]
    services = {d.code: d.zoekwoorden for d in ref.diensten}
    assert {"hulp in huis", "thuiszorg"} <= set(services["WMO-HO"]["nl"])
    assert "help in the house" in services["WMO-HO"]["en"]
    assert "pleeggezin" in services["WON-PLZ"]["nl"]
    assert {"psycholoog", "therapie"} <= set(services["AMB-BEH"]["nl"])
    assert "leesproblemen" in services["AMB-DYS"]["nl"]


def test_every_theme_names_the_help_usually_asked_for_with_it(ref):
    """Each theme's `hulp` are existing service codes (they order a theme search)."""
    for thema in ref.themas:
        assert thema.hulp and set(thema.hulp) <= set(ref.dienst_codes), thema.code
    assert ref.themas_by_code["depressie"].hulp == ("AMB-BEH", "WMO-OB2")


def test_every_word_is_a_lower_case_string_that_the_search_can_read(ref):
    """Each entry has words the analyser keeps (not only stop words such as "de was"),
    is written in lower case, and appears once per language."""
    from app.search.index import dutch_analyzer

    analyzer = dutch_analyzer()
    for code, words in [(d.code, d.zoekwoorden) for d in ref.diensten] + [
        (t.code, t.zoekwoorden) for t in ref.themas
    ]:
        assert set(words) >= {"nl", "en"} and all(words.values()), code
        for lang, found in words.items():
            assert len(found) == len(set(found)), (code, lang)
            for phrase in found:
                assert phrase == phrase.lower().strip(), (code, phrase)
                assert [t.text for t in analyzer(phrase)], (code, phrase)


def test_indicators(ref):
    by_code = {i.code: i for i in ref.indicatoren}
    assert by_code["uitval"].hoger_is_beter is False
    assert by_code["clienttevredenheid"].eenheden == ("procent", "cijfer")


def test_every_register_column_is_documented():
    doc = (PROJECT_ROOT / "docs" / "register-format.md").read_text(encoding="utf-8")
    for sheet, columns in COLUMNS.items():
        section = doc.split(f"## Blad `{sheet}`", 1)[1].split("\n## ", 1)[0]
        for column in columns:
            assert re.search(rf"^\| {column.name} \|", section, re.M), (sheet, column.name)


def test_migrations_match_the_models(app):
    with db.engine.connect() as connection:
        diff = compare_metadata(MigrationContext.configure(connection), db.metadata)
    assert diff == []


TRANSLATIONS = PROJECT_ROOT / "app" / "translations"


def _catalog(path: Path):  # type: ignore[no-untyped-def]
    from babel.messages.pofile import read_po

    with path.open("rb") as handle:
        return read_po(handle)


def _msgid(message) -> str:  # type: ignore[no-untyped-def]
    return message.id if isinstance(message.id, str) else message.id[0]


def test_catalogue_template_is_up_to_date(tmp_path):
    """A string added to a template or module without `make messages` fails here."""
    from babel.messages.frontend import CommandLineInterface

    fresh_pot = tmp_path / "fresh.pot"
    CommandLineInterface().run(
        [
            "pybabel",
            "-q",
            "extract",
            "-F",
            str(PROJECT_ROOT / "babel.cfg"),
            "-k",
            "_l",
            "-o",
            str(fresh_pot),
            "--no-location",
            str(PROJECT_ROOT),
        ]
    )
    fresh = {_msgid(m) for m in _catalog(fresh_pot) if m.id}
    committed = {_msgid(m) for m in _catalog(TRANSLATIONS / "messages.pot") if m.id}
    assert fresh == committed
