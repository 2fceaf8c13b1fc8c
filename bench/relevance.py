"""Relevance benchmark: do residents' own words find the help they mean?

    python -m bench.relevance                  # 300 and 20,000 providers
    python -m bench.relevance --sizes 300
    python -m bench.relevance --sizes 300 --show 20    # also list the 20 worst queries

The queries (bench/relevance_queries.yaml: 138 everyday queries in Dutch and English) were
written by someone who had not seen the site's vocabulary; each is labelled with the
services and themes a wijkteam worker would say it means. The vocabulary is built for
residents, not tuned to these queries.

For each size a child process generates a register (bench/make_register.py), imports it
into a fresh SQLite database and runs every query through the search seam, as the result
page does (no gemeente, no other filter). Per query:

- relevant: the providers in the search (an active contract today) that offer what the
  query means: one of the labelled services (a contract anywhere) and, when themes are
  labelled too, one of the labelled themes ("eetstoornis" help for a teenager is a
  treatment by a provider that knows eating disorders); when no provider has both, the
  ones with either;
- recall: the share of the relevant providers that the search finds (anywhere in the list);
- precision@10: the share of the first 10 results that are relevant; when fewer than 10
  are found, or fewer than 10 are relevant, of that many (so a perfect list scores 1);
  0 when nothing is found;
- empty: nothing found.

"either" gives the same figures for the looser reading of the queries labelled with a
service and a theme: relevant are the providers offering a labelled service *or* having a
labelled theme.

Targets (issue 12): recall >= 0.9, precision@10 >= 0.9 (means over the queries), no query
empty.
"""

from __future__ import annotations

import json
import statistics
import tempfile
from pathlib import Path
from typing import Any

import yaml

from app.domain import clock
from bench.children import ROOT, generate_register, run_child

QUERIES = ROOT / "bench" / "relevance_queries.yaml"
TOP = 10


def _queries() -> list[dict[str, Any]]:
    with QUERIES.open(encoding="utf-8") as handle:
        queries: list[dict[str, Any]] = yaml.safe_load(handle)
    return queries


def _relevant(catalog: Any, query: dict[str, Any]) -> tuple[int, int]:
    """Bitsets of the providers offering what the query means (a labelled service and, if
    themes are labelled, a labelled theme; either when none has both), and of those
    offering a labelled service or theme."""
    services = catalog.contract_mask(None, query["diensten"]) if query["diensten"] else 0
    themes = 0
    for code in query["themas"]:
        themes |= catalog.options.get("t", {}).get(code, 0)
    either = int(services | themes)
    if query["diensten"] and query["themas"] and services & themes:
        return int(services & themes), either
    return either, either


def _figures(relevant: int, bits: list[int]) -> tuple[float, float]:
    """Recall and precision@10 of the found positions `bits` against `relevant`."""
    hits = sum(1 for bit in bits if relevant >> bit & 1)
    top = bits[:TOP]
    recall = hits / relevant.bit_count() if relevant else 1.0
    if not top:
        return recall, 0.0
    shown = sum(1 for bit in top if relevant >> bit & 1)
    return recall, shown / min(len(top), relevant.bit_count() or 1)


def _score(catalog: Any, query: dict[str, Any], found: list[str]) -> dict[str, Any]:
    relevant, either = _relevant(catalog, query)
    bits = [catalog.position[pid] for pid in found]
    recall, precision = _figures(relevant, bits)
    score = {
        "q": query["q"],
        "lang": query["lang"],
        "relevant": relevant.bit_count(),
        "found": len(found),
        "recall": recall,
        "precision": precision,
    }
    if query["diensten"] and query["themas"]:
        score["either"] = _figures(either, bits)
    return score


def _search_all(app: Any, query: dict[str, Any]) -> tuple[Any, list[str]]:
    """Every provider the search finds, in its order (one page holds them all)."""
    from urllib.parse import urlencode

    from werkzeug.datastructures import MultiDict

    from app.search import finder, run_search

    finder.PAGE_SIZE = 1_000_000  # one page: the whole ranked list
    args = {"q": query["q"], "lang": query["lang"]}
    with app.test_request_context(f"/zoeken?{urlencode(args)}"):
        _, result, catalog = run_search(MultiDict({"q": query["q"]}))
        assert result is not None
        return catalog, [p.id for p in result.providers]


def _child(register: Path, database_url: str, index_dir: str) -> None:
    from flask_migrate import upgrade

    from app import create_app
    from app.domain.reference import load_reference
    from app.extensions import db
    from app.register.publish import run_register

    app = create_app({"SQLALCHEMY_DATABASE_URI": database_url, "SEARCH_INDEX_DIR": index_dir})
    with app.app_context():
        upgrade()
        store = app.extensions["search_index"]
        ref = load_reference(app.config["REFERENCE_DIR"])
        outcome = run_register(db.session, register, ref, store).outcome
        scores = []
        for query in _queries():
            catalog, found = _search_all(app, query)
            scores.append(_score(catalog, query, found))
    print(json.dumps({"outcome": outcome, "queries": scores}))


def _measure(size: int, workdir: Path) -> dict[str, Any]:
    # Contracts must be active on the day the search runs, so the register is made for today.
    register = generate_register(size, workdir, today=clock.today())
    return run_child(
        "bench.relevance",
        register,
        f"sqlite:///{workdir / f'relevance-{size}.sqlite'}",
        workdir / f"index-{size}",
    )


def _line(s: dict[str, Any]) -> str:
    return (
        f"  recall {s['recall']:4.2f}  p@10 {s['precision']:4.2f}  "
        f"found {s['found']:5}  relevant {s['relevant']:5}  [{s['lang']}] {s['q']}"
    )


def report(size: int, result: dict[str, Any], show: int) -> None:
    """Print the overall figures, the worst queries and (with --all) every query."""
    scores = result["queries"]
    recall = statistics.mean(s["recall"] for s in scores)
    precision = statistics.mean(s["precision"] for s in scores)
    empty = [s for s in scores if s["found"] == 0]
    print(f"\n== {size} providers ({result['outcome']}), {len(scores)} queries ==")
    for lang in ("nl", "en"):
        part = [s for s in scores if s["lang"] == lang]
        print(
            f"{lang}: recall {statistics.mean(s['recall'] for s in part):.3f}  "
            f"precision@10 {statistics.mean(s['precision'] for s in part):.3f}  (n={len(part)})"
        )
    print(f"all: recall {recall:.3f}  precision@10 {precision:.3f}  empty {len(empty)}")
    either = [s.get("either", (s["recall"], s["precision"])) for s in scores]
    print(
        f"either (a labelled service or theme is enough): "
        f"recall {statistics.mean(e[0] for e in either):.3f}  "
        f"precision@10 {statistics.mean(e[1] for e in either):.3f}"
    )
    worst = sorted(scores, key=lambda s: (s["recall"] + s["precision"], s["q"]))[:show]
    if worst:
        print(f"worst {len(worst)} (by recall + precision@10):")
        for s in worst:
            print(_line(s))


def main() -> None:
    import argparse

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[300, 20_000])
    parser.add_argument("--show", type=int, default=15, help="how many worst queries to list")
    parser.add_argument("--all", action="store_true", help="list every query")
    parser.add_argument("--child", nargs=3, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        _child(Path(args.child[0]), args.child[1], args.child[2])
        return
    with tempfile.TemporaryDirectory() as tmp:
        for size in args.sizes:
            result = _measure(size, Path(tmp))
            if args.all:
                print(f"\n-- every query, {size} providers --")
                for s in result["queries"]:
                    print(_line(s))
            report(size, result, args.show)


if __name__ == "__main__":
    main()
