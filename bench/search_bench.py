"""Search benchmark: latency per kind of search, index size and peak memory.

    python -m bench.search_bench                  # 300 and 20,000 providers
    python -m bench.search_bench --sizes 300 5000

For each size a child process generates a register (bench/make_register.py), imports it
into a fresh SQLite database, and then runs a fixed mix of searches in-process through
`finder.find` (text only, filters only, both, and every sort) twice: the first pass
starts with empty caches (what the first visitor after an import sees), the second pass
repeats the same mix (what later visitors see). It also times full HTML result pages
through the Flask test client, every one a different search, gzipped as a browser gets
them, after the warm-up a gunicorn worker does before its first request
(`app.server.warm_pages`: the start and empty search page in every language). Targets:
searches p95 <= 15 ms at 300 providers and <= 60 ms at 20,000 (issue 3);
full pages p95 <= 10 ms and <= 40 ms (issue 14), on a 2-core machine.
"""

from __future__ import annotations

import json
import resource
import statistics
import tempfile
import time
from pathlib import Path

from app.domain import clock
from bench.children import generate_register, parse_arguments, run_child

TEXTS = [
    "autisme",
    "ASS",
    "adhd",
    "dyslexie",
    "dislexie",
    "behandeling",
    "behandelingen",
    "begeleiding thuis",
    "gezin",
    "trauma",
    "verslaving",
    "cliënt",
    "dagbesteding",
    "huishoudelijke hulp",
    "Enschede",
    "Almelo begeleiding",
    "logeren",
    "jongeren",
    "hechting",
    "schulden",
    "rouw",
    "zorgboerderij",
    "autism",
    "pleegzorg",
]
FILTERS = [
    "g=enschede",
    "g=hengelo&d=AMB-BEH",
    "w=jeugd&l=12&t=adhd",
    "taal=tr&kenmerk=rolstoel",
    "w=wmo&g=almelo",
    "d=AMB-DYS&g=oldenzaal",
    "kenmerk=nieuw&wacht=4",
    "l=16&t=autisme&t=lvb",
    "g=twenterand&w=jeugd&kenmerk=afstand",
    "d=WMO-HO&d=WMO-DB&g=wierden",
    "taal=en&taal=de",
    "g=dinkelland&p=2",
]
BOTH = [
    "q=autisme&g=enschede",
    "q=gezin&w=jeugd&g=almelo",
    "q=begeleiding&l=15",
    "q=dyslexie&g=hengelo&kenmerk=afstand",
    "q=huishoudelijke+hulp&g=borne",
    "q=trauma&t=hechting",
    "q=jongeren&wacht=8&p=2",
    "q=behandeling&taal=ar",
]
SORTS = [
    "relevantie",
    "neutraal",
    "naam",
    "tevredenheid",
    "doelen",
    "uitval",
    "wachttijd",
    "afstand",
]
SORTED = [
    f"sort={s}&{base}" for s in SORTS for base in ("g=borne", "w=jeugd", "q=begeleiding&g=enschede")
]


def mix() -> list[tuple[str, str]]:
    """The fixed mix: (kind, query string); 240 searches."""
    searches = [("text", f"q={t}") for t in TEXTS] * 3
    searches += [("filters", f) for f in FILTERS] * 4
    searches += [("both", b) for b in BOTH] * 4
    searches += [("sort", s) for s in SORTED] * 2
    return searches


def _percentiles(times: list[float]) -> str:
    ordered = sorted(times)
    p95 = ordered[min(len(ordered) - 1, int(len(ordered) * 0.95))]
    return f"median {statistics.median(ordered):6.1f} ms  p95 {p95:6.1f} ms  (n={len(ordered)})"


def _run_mix(app, searches: list[tuple[str, str]]) -> dict[str, list[float]]:  # type: ignore[no-untyped-def]
    from urllib.parse import parse_qsl

    from werkzeug.datastructures import MultiDict

    from app.search import run_search

    times: dict[str, list[float]] = {}
    for kind, query in searches:
        with app.test_request_context(f"/zoeken?{query}"):
            start = time.perf_counter()
            run_search(MultiDict(parse_qsl(query)))
            times.setdefault(kind, []).append((time.perf_counter() - start) * 1000)
    return times


def _time_pages(app) -> list[float]:  # type: ignore[no-untyped-def]
    """Every page a different search (so no cache of any kind makes them fast), asked for
    as a browser asks (gzip)."""
    client = app.test_client()
    pages = []
    for query in dict.fromkeys(query for _, query in mix()):
        start = time.perf_counter()
        response = client.get(
            f"/zoeken?{query}", follow_redirects=True, headers={"Accept-Encoding": "gzip"}
        )
        assert response.status_code == 200
        pages.append((time.perf_counter() - start) * 1000)
    return pages


def _child(register: Path, database_url: str, index_dir: str) -> None:
    from flask_migrate import upgrade

    from app import create_app
    from app.domain.reference import load_reference
    from app.extensions import db
    from app.register.publish import run_register
    from app.server import warm_pages

    app = create_app({"SQLALCHEMY_DATABASE_URI": database_url, "SEARCH_INDEX_DIR": index_dir})
    report: dict = {}
    with app.app_context():
        upgrade()
        store = app.extensions["search_index"]
        result = run_register(
            db.session, register, load_reference(app.config["REFERENCE_DIR"]), store
        )
        report["outcome"] = result.outcome
        report["index_mb"] = (
            sum(
                p.stat().st_size for p in (store.root / store.live_name()).rglob("*") if p.is_file()
            )
            / 1e6
        )
        start = time.perf_counter()
        with app.test_request_context("/zoeken"):
            from app.search import live_catalog

            live_catalog()
        report["catalog_s"] = time.perf_counter() - start
        # As gunicorn's post_worker_init does before a worker takes requests: the first
        # pages' templates compiled and the search words made (not any search's page).
        warm_pages(app)
        report["cold"] = _run_mix(app, mix())
        report["warm"] = _run_mix(app, mix())
    # Outside any app context, so that every page has its own, as under gunicorn: within
    # one, Flask reuses it and its `g` (the publication read once per request) for all.
    report["pages"] = _time_pages(app)
    report["peak_rss_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(json.dumps(report))


def _measure(size: int, workdir: Path) -> dict:
    # Contracts must be active on the day the search runs, so the register is made for today.
    register = generate_register(size, workdir, today=clock.today())
    return run_child(
        "bench.search_bench",
        register,
        f"sqlite:///{workdir / f'bench-{size}.sqlite'}",
        workdir / f"index-{size}",
    )


def main() -> None:
    args = parse_arguments(__doc__.splitlines()[0])
    if args.child:
        _child(Path(args.child[0]), args.child[1], args.child[2])
        return
    with tempfile.TemporaryDirectory() as tmp:
        for size in args.sizes:
            r = _measure(size, Path(tmp))
            print(f"\n== {size} providers ({r['outcome']}) ==")
            print(
                f"index size {r['index_mb']:.1f} MB, catalog build {r['catalog_s']:.2f} s, "
                f"peak RSS {r['peak_rss_mb']:.0f} MB"
            )
            for kind in ("text", "filters", "both", "sort"):
                print(f"{kind:8} first pass  {_percentiles(r['cold'][kind])}")
                print(f"{'':8} second pass {_percentiles(r['warm'][kind])}")
            everything = [t for run in ("cold", "warm") for ts in r[run].values() for t in ts]
            print(f"{'all':8} both passes {_percentiles(everything)}")
            print(f"{'HTML':8} full page   {_percentiles(r['pages'])}")


if __name__ == "__main__":
    main()
