"""A visitor's words as Whoosh queries: analysed exactly as the documents were, and only
ever as Term objects, so that no query syntax typed by a visitor reaches Whoosh."""

from __future__ import annotations

from typing import Any

from whoosh.query import FuzzyTerm, Or, Term

from app.search.analysis import dutch_analyzer

_ANALYZER = dutch_analyzer()

MAX_QUERY_LENGTH = 200
MAX_WORDS = 12


def query_words(text: str) -> list[str]:
    """The query's words, analysed exactly as the documents were (stems, accents folded)."""
    words = [token.text for token in _ANALYZER(text[:MAX_QUERY_LENGTH])]
    return list(dict.fromkeys(words))[:MAX_WORDS]


def word_query(word: str, fuzzy: bool = False) -> Any:
    """One analysed word, in the name or the text. With `fuzzy`, the word may differ by
    one or two letters (typos: dislexie -> dyslexie). Only Term objects are built, so no
    query syntax from user input ever reaches Whoosh."""

    def term(fieldname: str) -> Any:
        if fuzzy and len(word) >= 4:
            return FuzzyTerm(fieldname, word, maxdist=2 if len(word) > 6 else 1, prefixlength=1)
        return Term(fieldname, word)

    return Or([term("naam"), term("tekst")])
