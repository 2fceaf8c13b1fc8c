"""The exports written by a process of their own, for a web worker.

A web process that must write exports (a register published on another machine, or
midnight) would otherwise spend its own CPU on them: about a second with the demo
register, about 100 s at 20,000 providers. Meanwhile every request of that worker
would wait for Python's GIL between the writer's steps. So the worker starts this
module as a child, at a lower CPU priority (`nice`), and a thread waits for it.

The job goes in on stdin as one JSON line, so the database URL (which may hold a
password) is never on a command line that `ps` shows. It names the database, the
exports folder, the register state, the day and the minimum n. Everything else comes
from the environment the worker was started with, as for the worker itself.
"""

from __future__ import annotations

import datetime as dt
import json
import subprocess
import sys
from pathlib import Path

from app.config import PROJECT_ROOT

# At 20,000 providers the three files take about 100 s of CPU; this is far beyond that.
TIMEOUT_SECONDS = 30 * 60
COMMAND = ["nice", "-n", "10", sys.executable, "-m", "app.opendata.exports.child"]


def write_in_child(database: str, root: Path, state: str, day: dt.date, minimum_n: int) -> None:
    """Write the missing exports of (state, day) into `root` in a child process; raises
    when it fails, with the end of what it said."""
    job = {"database": database, "root": str(root), "state": state}
    job |= {"day": day.isoformat(), "minimum_n": str(minimum_n)}  # JSON: all strings
    done = subprocess.run(
        COMMAND,
        input=json.dumps(job) + "\n",
        capture_output=True,
        text=True,
        cwd=PROJECT_ROOT,
        timeout=TIMEOUT_SECONDS,
    )
    if done.returncode != 0:
        raise RuntimeError(f"the export writer stopped ({done.returncode}): {done.stderr[-2000:]}")


def main() -> None:
    from app import create_app
    from app.extensions import db
    from app.opendata.exports.files import ExportFiles

    job = json.loads(sys.stdin.readline())
    app = create_app({"SQLALCHEMY_DATABASE_URI": job["database"]})
    with app.app_context():
        files = ExportFiles(Path(job["root"]))
        day = dt.date.fromisoformat(job["day"])
        files.write_all(db.session, job["state"], day, int(job["minimum_n"]))


if __name__ == "__main__":
    main()
