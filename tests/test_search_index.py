"""The search index is derived from the database and swapped in whole."""

from __future__ import annotations

import re
from typing import Any

import pytest
from flask import Flask
from whoosh.query import And

from app.extensions import db
from app.register.publish import rebuild_index
from app.search.index import IndexStore
from app.search.words import query_words, word_query
from tests.conftest import VALID, read_csv, write_csv


def _live_index(store: IndexStore) -> Any:
    """The live Whoosh index of a store, or None."""
    live = store.open_live()
    return live.index if live else None


def query_ids(searcher: Any, text: str) -> tuple[list[str], int]:
    """Ranked provider ids for plain words (every word must match) and the total: one
    Whoosh query, the reference the search's word cache is checked against."""
    words = query_words(text)
    if not words:
        return [], 0
    results = searcher.search(And([word_query(w) for w in words]), limit=None)
    return [hit["id"] for hit in results], len(results)


@pytest.fixture(scope="session")
def published_store(published_app: Flask) -> IndexStore:
    """The index of the shared valid register (read only)."""
    return published_app.extensions["search_index"]


def test_index_finds_stems_accents_and_theme_names(published_store):
    with _live_index(published_store).searcher() as searcher:
        # "Behandelingen" (T001) and "behandeling" (T003) share a stem.
        assert sorted(query_ids(searcher, "behandeling")[0]) == ["T001", "T003"]
        assert query_ids(searcher, "clienten")[0] == ["T002"]
        assert query_ids(searcher, "autism")[0] == ["T002"]  # the theme's English name
        assert query_ids(searcher, "Hengelo")[0] == ["T002"]
        # The words residents type for a theme or service are not in the index: the
        # search recognises them in the query (tests/test_search_words.py).
        assert query_ids(searcher, "ASS") == ([], 0)
        # English function words and apostrophes: "won't" is not the stem of "wonen".
        assert query_words("the child won't listen") == ["child", "wont", "list"]


# Whoosh query syntax as a visitor might type it, and what it must find in the valid
# register: what its plain words find (AND, OR and NOT are dropped as stop words, every
# other word must match), never what the syntax means (in the comments), never an error.
ODD_QUERIES = [
    ("AND OR (", []),
    ('"unclosed', []),
    ("NOT NOT", []),
    ("*", []),  # as syntax: every provider
    ("naam:", []),
    ("x" * 10_000, []),
    ("\x00\x07", []),
    ('"behandeling', ["T001", "T003"]),  # an unclosed phrase is just its word
    ("(dyslexie)", ["T001"]),
    ("behandeling OR autisme", []),  # as syntax: T001, T002 and T003
    ("NOT autisme", ["T002"]),  # as syntax: every provider but T002
    ("naam:beuk", []),  # as syntax: T001, by its name
    ("tekst:dyslexie", []),  # as syntax: T001
    ("autis*", []),  # as syntax: T002
]


def test_query_syntax_is_treated_as_words(published_store):
    with _live_index(published_store).searcher() as searcher:
        for text, expected in ODD_QUERIES:
            ids, total = query_ids(searcher, text)
            assert (sorted(ids), total) == (expected, len(expected)), repr(text[:20])
            words = " ".join(re.findall(r"\w+", text)).lower()
            assert query_ids(searcher, words) == (ids, total), repr(text[:20])


def test_rebuild_while_a_searcher_is_open_shows_exactly_the_new_documents(
    do_import, register_copy, store
):
    do_import(VALID)
    old_searcher = _live_index(store).searcher()
    try:
        assert sorted(query_ids(old_searcher, "fictief")[0]) == ["T001", "T002", "T003", "T004"]
        for name in ("aanbieders", "locaties", "contracten", "kwaliteit"):
            path = register_copy / f"{name}.csv"
            write_csv(path, [r for r in read_csv(path) if r[0] != "T002"])
        assert do_import(register_copy).outcome == "gepubliceerd"
        rebuild_index(db.session, store)  # and once more, explicitly
        with _live_index(store).searcher() as new_searcher:
            assert sorted(query_ids(new_searcher, "fictief")[0]) == ["T001", "T003", "T004"]
            assert query_ids(new_searcher, "autisme") == ([], 0)
            assert new_searcher.doc_count() == 3
        # The searcher opened before the swap still answers from the old index.
        assert "T002" in query_ids(old_searcher, "fictief")[0]
    finally:
        old_searcher.close()


def test_store_without_index(store):
    assert _live_index(store) is None
    assert store.live_version() is None


def test_word_cache_scores_each_word_as_whoosh_does_and_keeps_it(demo_app, demo_db):
    """text_match looks each word up once and keeps its scores; they must be the scores of
    a Whoosh query for that word, for the providers in the catalog."""
    from app.search import live_snapshot
    from app.search.catalog import positions
    from app.search.word_hits import WordCache

    app, store = demo_app, demo_app.extensions["search_index"]  # the shared demo register
    with app.test_request_context("/zoeken"):
        snapshot = live_snapshot()
    assert snapshot is not None
    catalog = snapshot.catalog
    cache = WordCache(catalog)
    with _live_index(store).searcher() as searcher:
        for text in ["begeleiding", "gezin", "Enschede", "jongeren", "dislexie"]:
            fuzzy = text == "dislexie"  # not in the index: only near misses
            word = query_words(text)[0]
            hits = cache.hits(searcher, word, fuzzy)
            expected = {
                hit["id"]: hit.score
                for hit in searcher.search(word_query(word, fuzzy), limit=None)
                if hit["id"] in catalog.position
            }
            got = {catalog.providers[i].id: hits.scores[i] for i in positions(hits.mask)}
            assert got.keys() == expected.keys() and got, text
            for aid, score in expected.items():
                assert abs(got[aid] - score) <= 1e-5 * max(1.0, score), (text, aid)
            assert hits.top == max(got.values())
            assert cache.hits(searcher, word, fuzzy) is hits  # kept
