"""Import benchmark: wall time and peak memory for generated registers.

    python -m bench.import_bench            # 300 and 20,000 providers
    python -m bench.import_bench --sizes 300 5000

Each import runs in a fresh child process against a fresh SQLite database (or the
database in BENCH_DATABASE_URL, emptied first) so its peak RSS is its own.
Targets (issue 2): 300 providers <= 3 s, 20,000 <= 60 s, peak RSS <= 500 MB.
"""

from __future__ import annotations

import json
import os
import resource
import tempfile
import time
from pathlib import Path

from bench.children import generate_register, parse_arguments, run_child


def _child(register: Path, database_url: str, index_dir: str) -> None:
    """Run one import in this process and print its figures as JSON."""
    from flask_migrate import upgrade

    from app import create_app
    from app.domain.reference import load_reference
    from app.extensions import db
    from app.register.publish import run_register

    app = create_app({"SQLALCHEMY_DATABASE_URI": database_url, "SEARCH_INDEX_DIR": index_dir})
    with app.app_context():
        if database_url.startswith("postgresql"):
            db.session.execute(db.text("DROP SCHEMA public CASCADE; CREATE SCHEMA public"))
            db.session.commit()
        upgrade()
        ref = load_reference(app.config["REFERENCE_DIR"])
        start = time.perf_counter()
        result = run_register(db.session, register, ref, app.extensions["search_index"])
        seconds = time.perf_counter() - start
        again_start = time.perf_counter()
        again = run_register(db.session, register, ref, app.extensions["search_index"])
        again_seconds = time.perf_counter() - again_start
    # The index writer's helper processes count too.
    peak_mb = (
        max(
            resource.getrusage(who).ru_maxrss
            for who in (resource.RUSAGE_SELF, resource.RUSAGE_CHILDREN)
        )
        / 1024
    )
    print(
        json.dumps(
            {
                "outcome": result.outcome,
                "seconds": seconds,
                "peak_rss_mb": peak_mb,
                "reimport_outcome": again.outcome,
                "reimport_seconds": again_seconds,
                "counts": result.counts,
            }
        )
    )


def _measure(size: int, workdir: Path) -> dict:
    register = generate_register(size, workdir)
    database_url = os.environ.get(
        "BENCH_DATABASE_URL", f"sqlite:///{workdir / f'bench-{size}.sqlite'}"
    )
    return run_child("bench.import_bench", register, database_url, workdir / f"index-{size}")


def main() -> None:
    args = parse_arguments(__doc__.splitlines()[0])
    if args.child:
        _child(Path(args.child[0]), args.child[1], args.child[2])
        return
    print(f"{'providers':>10} {'import s':>9} {'peak RSS MB':>12} {'re-import s':>12}  outcome")
    with tempfile.TemporaryDirectory() as tmp:
        for size in args.sizes:
            r = _measure(size, Path(tmp))
            print(
                f"{size:>10} {r['seconds']:>9.2f} {r['peak_rss_mb']:>12.0f} "
                f"{r['reimport_seconds']:>12.2f}  {r['outcome']} / {r['reimport_outcome']} "
                f"{r['counts']}"
            )


if __name__ == "__main__":
    main()
