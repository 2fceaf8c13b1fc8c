"""Import benchmark: wall time and peak memory for generated registers, their weekly
availability files, and the annotated reports (`--report`).

    python -m bench.import_bench            # 300 and 20,000 providers
    python -m bench.import_bench --sizes 300 5000

Per size, each step runs in a fresh child process (so its peak RSS is its own) on one
SQLite database (or the database in BENCH_DATABASE_URL, emptied first):
1. import the register, then the same file again (issue 2: 300 <= 3 s, 20,000 <= 60 s);
2. import its availability, 10 weekly files one after the other (so the last one meets
   9 weeks of history), the last again, then a copy of it with a problem in every 50th
   row validated with --report (issue 15: each <= 10 s at 20,000 providers); and the
   time the search catalog then takes to build (what the first page waits for);
3. validate a copy of the register with problems in every 50th provider and contract and
   write the annotated report, as `flask register validate --report` does (<= 30 s).
Peak RSS target: <= 500 MB for each. Each line also gives the CPU seconds of all its
steps together: on a busy machine wall time grows, CPU time hardly.
"""

from __future__ import annotations

import json
import os
import resource
import tempfile
import time
from pathlib import Path

from bench.children import parse_arguments, run_child

WEEKS = 10
EVERY = 50  # one row in EVERY gets a problem in the broken copies


def _peak_mb() -> float:
    """Peak RSS of this process and its children (the index writer's helpers count)."""
    usage = (
        resource.getrusage(w).ru_maxrss for w in (resource.RUSAGE_SELF, resource.RUSAGE_CHILDREN)
    )
    return max(usage) / 1024


def _cpu() -> float:
    """CPU seconds of this process and its children: unlike wall time, not inflated when
    other work shares the machine."""
    usage = [resource.getrusage(w) for w in (resource.RUSAGE_SELF, resource.RUSAGE_CHILDREN)]
    return sum(u.ru_utime + u.ru_stime for u in usage)


def _timed(step):  # type: ignore[no-untyped-def]
    start = time.perf_counter()
    result = step()
    return result, time.perf_counter() - start


def _child(mode: str, register: Path, database_url: str, index_dir: str) -> None:
    """Run one step in this process and print its figures as JSON."""
    from flask_migrate import upgrade

    from app import create_app
    from app.domain.reference import load_reference
    from app.extensions import db

    app = create_app({"SQLALCHEMY_DATABASE_URI": database_url, "SEARCH_INDEX_DIR": index_dir})
    with app.app_context():
        if mode == "register" and database_url.startswith("postgresql"):
            db.session.execute(db.text("DROP SCHEMA public CASCADE; CREATE SCHEMA public"))
            db.session.commit()
        upgrade()
        ref = load_reference(app.config["REFERENCE_DIR"])
        cpu = _cpu()
        figures = STEPS[mode](db.session, register, ref, app.extensions["search_index"])
    print(json.dumps({**figures, "cpu_seconds": _cpu() - cpu, "peak_rss_mb": _peak_mb()}))


def _register_step(session, register, ref, store):  # type: ignore[no-untyped-def]
    from app.register.publish import run_register

    result, seconds = _timed(lambda: run_register(session, register, ref, store))
    again, again_seconds = _timed(lambda: run_register(session, register, ref, store))
    return {
        "outcome": result.outcome,
        "seconds": seconds,
        "again_outcome": again.outcome,
        "again_seconds": again_seconds,
        "counts": result.counts,
    }


def _validate_with_report(run, source: Path) -> tuple[dict, float]:  # type: ignore[no-untyped-def]
    """Validate `source` with `run` and write its annotated copy, as --report does."""
    from app.register.annotated import write_annotated

    result, check_seconds = _timed(run)
    target = source.with_name(source.stem + "-rapport.xlsx")
    marked, write_seconds = _timed(lambda: write_annotated(source, result.report.problems, target))
    return {
        "report_outcome": result.outcome,
        "report_problems": len(result.report.problems),
        "report_marked": marked,
        "report_check_seconds": check_seconds,
        "report_write_seconds": write_seconds,
    }, check_seconds + write_seconds


def _availability_step(session, register, ref, store):  # type: ignore[no-untyped-def]
    """The weekly files one after the other (the history grows), the last one again, a
    broken copy of it with --report, and the catalog the pages then build."""
    from app.register.availability import run_availability

    weeks = sorted(register.parent.glob(f"{register.stem}-week-[0-9]*.xlsx"))
    times, outcomes, rows = [], set(), 0
    for week in weeks:
        result, seconds = _timed(lambda week=week: run_availability(session, week, ref))
        times.append(seconds)
        outcomes.add(result.outcome)
        rows += result.counts.get("beschikbaarheid", 0)
    again, again_seconds = _timed(lambda: run_availability(session, weeks[-1], ref))
    broken = register.with_name(register.stem + "-week-fout.xlsx")
    report, report_seconds = _validate_with_report(
        lambda: run_availability(session, broken, ref, dry_run=True), broken
    )
    return {
        "outcome": "/".join(sorted(outcomes)),
        "weeks": len(weeks),
        "rows": rows,
        "first_seconds": times[0],
        "last_seconds": times[-1],
        "seconds": max(times),
        "again_outcome": again.outcome,
        "again_seconds": again_seconds,
        "report_seconds": report_seconds,
        "catalog_seconds": _catalog_seconds(session, ref),
        **report,
    }


def _catalog_seconds(session, ref) -> float:  # type: ignore[no-untyped-def]
    """Building the search catalog (what the first page after an import waits for)."""
    from app.domain import clock
    from app.domain.queries import current_publication
    from app.search.catalog import build_catalog

    live = current_publication(session)
    _, seconds = _timed(
        lambda: build_catalog(session, live.version, clock.today(), 10, ref, live.state)
    )
    return seconds


def _report_step(session, register, ref, store):  # type: ignore[no-untyped-def]
    from app.register.publish import run_register

    broken = register.with_name(register.stem + "-fout.xlsx")
    report, seconds = _validate_with_report(
        lambda: run_register(session, broken, ref, store, dry_run=True), broken
    )
    return {"seconds": seconds, **report}


STEPS = {"register": _register_step, "availability": _availability_step, "report": _report_step}


# --- the parent: files, children, the table -------------------------------------------


def _break(rows: list[dict], column: str, value: object) -> None:
    for row in rows[::EVERY]:
        row[column] = value


def _files(size: int, workdir: Path) -> Path:
    """The register and a broken copy; its availability as one file per week (WEEKS
    weeks, as the keeper publishes them), and a broken copy of the last week."""
    from bench import make_register as mr
    from bench.availability_data import generate_availability

    reference = mr.load_reference(mr.DEFAULT_REFERENCE)
    sheets = mr.generate_register(size, 1, mr.DEFAULT_TODAY, reference)
    register = workdir / f"register-{size}.xlsx"
    mr.write_xlsx(sheets, register)
    layout = {"beschikbaarheid": mr.AVAILABILITY["beschikbaarheid"]}
    weeks: dict = {}
    for row in generate_availability(sheets, 1, mr.DEFAULT_TODAY, WEEKS, reference):
        weeks.setdefault(row["peildatum"], []).append(row)
    for number, day in enumerate(sorted(weeks), start=1):
        target = register.with_name(f"{register.stem}-week-{number:02}.xlsx")
        mr.write_xlsx({"beschikbaarheid": weeks[day]}, target, layout=layout)
    last = weeks[max(weeks)]
    _break(last, "wachttijd_weken", 200)
    target = register.with_name(f"{register.stem}-week-fout.xlsx")
    mr.write_xlsx({"beschikbaarheid": last}, target, layout=layout)
    _break(sheets["aanbieders"], "kvk", "12AB")
    _break(sheets["contracten"], "gemeenten", "Atlantis")
    mr.write_xlsx(sheets, register.with_name(f"register-{size}-fout.xlsx"))
    return register


def _measure(size: int, workdir: Path) -> dict:
    register = _files(size, workdir)
    database_url = os.environ.get(
        "BENCH_DATABASE_URL", f"sqlite:///{workdir / f'bench-{size}.sqlite'}"
    )
    index = workdir / f"index-{size}"
    return {
        mode: run_child("bench.import_bench", register, database_url, index, mode) for mode in STEPS
    }


def _print(size: int, r: dict) -> None:
    reg, avail, report = r["register"], r["availability"], r["report"]
    print(
        f"{size:>9} register    {reg['seconds']:>7.2f} s  again {reg['again_seconds']:>6.2f} s  "
        f"(CPU {reg['cpu_seconds']:.1f} s)  peak {reg['peak_rss_mb']:>4.0f} MB  "
        f"{reg['outcome']} / {reg['again_outcome']} "
        f"{reg['counts']}"
    )
    print(
        f"{'':>9} availability: {avail['weeks']} weekly files ({avail['rows']} rows), "
        f"each <= {avail['seconds']:.2f} s (first {avail['first_seconds']:.2f} s, "
        f"last {avail['last_seconds']:.2f} s), last again {avail['again_seconds']:.2f} s "
        f"(CPU all {avail['cpu_seconds']:.1f} s)  peak {avail['peak_rss_mb']:>4.0f} MB  "
        f"{avail['outcome']} / {avail['again_outcome']}; catalog after: "
        f"{avail['catalog_seconds']:.2f} s; last week with --report: "
        f"{avail['report_seconds']:.2f} s ({avail['report_problems']} problems, "
        f"{avail['report_marked']} cells)"
    )
    print(
        f"{'':>9} --report    {report['seconds']:>7.2f} s  "
        f"(check {report['report_check_seconds']:.2f} s, "
        f"write {report['report_write_seconds']:.2f} s)  CPU {report['cpu_seconds']:.1f} s  "
        f"peak {report['peak_rss_mb']:>4.0f} MB  "
        f"{report['report_problems']} problems, {report['report_marked']} cells marked"
    )


def main() -> None:
    args = parse_arguments(__doc__.splitlines()[0])
    if args.child:
        _child(args.mode, Path(args.child[0]), args.child[1], args.child[2])
        return
    print(
        "targets: register 300 <= 3 s, 20,000 <= 60 s; availability 20,000 <= 10 s; "
        "report <= 30 s; peak RSS <= 500 MB"
    )
    with tempfile.TemporaryDirectory() as tmp:
        for size in args.sizes:
            _print(size, _measure(size, Path(tmp)))


if __name__ == "__main__":
    main()
