"""Every language of the site is complete: every message of the catalogue template in
every language's catalogue (with the same placeholders), every reference text and every
list of search words in every language. The lists of languages and messages are read, not
written here: a message or a language added later is checked too."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
from babel.messages.pofile import read_po

from app.config import PROJECT_ROOT, Config
from app.domain.reference import load_reference
from app.domain.reference.reading import read_document

TRANSLATIONS = PROJECT_ROOT / "app" / "translations"
PLACEHOLDER = re.compile(r"%\((\w+)\)s")
LANGUAGES = pytest.mark.parametrize("language", Config.LANGUAGES)


def _catalog(path: Path, locale: str | None = None) -> Any:
    with path.open("rb") as handle:
        return read_po(handle, locale=locale)


def _msgid(message: Any) -> str:
    return message.id if isinstance(message.id, str) else message.id[0]


def _strings(message: Any) -> tuple[str, ...]:
    return message.string if isinstance(message.string, tuple) else (message.string,)


def _problems(message: Any, expected_forms: int) -> list[str]:
    """What is wrong with one translated message (empty when it is right)."""
    ids = (message.id,) if isinstance(message.id, str) else message.id
    wanted = set().union(*(PLACEHOLDER.findall(i) for i in ids))
    strings = _strings(message)
    problems = []
    if "fuzzy" in message.flags:
        problems.append("fuzzy")
    if not all(s.strip() for s in strings):
        problems.append("not translated")
    if message.pluralizable and len(strings) != expected_forms:
        problems.append(f"{len(strings)} plural forms, not {expected_forms}")
    for text in strings:
        found = set(PLACEHOLDER.findall(text))
        # A plural form may leave out the number ("one provider"), never add a name.
        if not found <= wanted or (not message.pluralizable and found != wanted):
            problems.append(f"placeholders {sorted(found)} instead of {sorted(wanted)}")
    return problems


@LANGUAGES
def test_every_message_is_translated(language):
    """A message in the template that a language lacks, leaves empty, marks fuzzy or
    translates with other placeholders fails here, whichever branch added it."""
    template = {_msgid(m) for m in _catalog(TRANSLATIONS / "messages.pot") if m.id}
    catalog = _catalog(TRANSLATIONS / language / "LC_MESSAGES" / "messages.po", language)
    messages = {_msgid(m): m for m in catalog if m.id}
    assert sorted(template - set(messages)) == [], f"{language}: messages missing"
    wrong = {
        msgid[:60]: found
        for msgid in sorted(template)
        if (found := _problems(messages[msgid], catalog.num_plurals))
    }
    assert wrong == {}, language


def test_the_check_finds_an_untranslated_or_broken_message():
    """The check itself: an empty translation and a lost placeholder are caught."""
    catalog = _catalog(TRANSLATIONS / "pl" / "LC_MESSAGES" / "messages.po", "pl")
    message = next(m for m in catalog if m.id and m.pluralizable)
    message.string = ("%(num)s", "", "x")
    assert "not translated" in _problems(message, 3)
    single = next(m for m in catalog if m.id == "Hulp in %(gemeente)s")
    single.string = "Gmina"
    assert _problems(single, 3) == ["placeholders [] instead of ['gemeente']"]


def _texts(document: Any, path: str = "") -> list[tuple[str, dict[str, Any]]]:
    """Every {nl: ..., en: ...} text of the reference files, with where it is."""
    found = []
    if isinstance(document, dict):
        if "nl" in document and isinstance(document["nl"], str | list):
            return [(path, document)]
        for key, value in document.items():
            found += _texts(value, f"{path}.{key}")
    elif isinstance(document, list):
        for i, value in enumerate(document):
            found += _texts(value, f"{path}[{i}]")
    return found


@LANGUAGES
def test_every_reference_text_and_search_word_list_is_in_every_language(language):
    """Names, explanations, labels, notes and the words residents type, per language."""
    texts = _texts(read_document(Config.REFERENCE_DIR))
    assert len(texts) > 140  # names, explanations, labels, notes and word lists
    missing = [where for where, text in texts if not text.get(language)]
    assert missing == []


def test_every_service_and_theme_has_search_words_in_every_language():
    ref = load_reference(Config.REFERENCE_DIR)
    for item in (*ref.diensten, *ref.themas):
        for language in Config.LANGUAGES:
            assert len(item.zoekwoorden.get(language, ())) >= 2, (item.code, language)
