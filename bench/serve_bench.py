"""Production-server benchmark: the HSDS download and a search page under gunicorn, alone
and while several clients download the HSDS export at once.

    python -m bench.serve_bench                        # 20,000 providers, 3 downloads
    python -m bench.serve_bench --providers 2000 --downloads 2
    python -m bench.serve_bench --workdir /tmp/w --project /tmp/older-checkout

A generated register (bench/make_register.py) is imported into a fresh SQLite database in
`--workdir` (kept there and reused when the folder already holds it), and its exports are
written as `flask register import` writes them. Then gunicorn serves it from `--project`
(this checkout by default; another checkout of the project, e.g. one from before issue 13,
serves the same database and index) with the same settings every time: 2 workers of 4
threads, timeout 30 s. Measured over HTTP, as a browser asks (gzip accepted): one HSDS
download alone; the search page alone; then the search page again while `--downloads`
clients download the export in parallel, and how long those downloads took.
"""

from __future__ import annotations

import argparse
import http.client
import os
import re
import signal
import statistics
import subprocess
import sys
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SERVER_ARGS = "--bind 127.0.0.1:0 --worker-class gthread --threads 4 --timeout 30"
SEARCH = "/zoeken?q=autisme&g=enschede"
HSDS = "/api/v1/export/hsds.json"
PATIENCE = 120  # seconds a request may take before it counts as failed


def prepare(providers: int, workdir: Path) -> str:
    """The database URL of a published register of `providers` (made once per workdir)."""
    database = workdir / "register.sqlite"
    url = f"sqlite:///{database}"
    if database.exists():
        return url
    from bench.children import generate_register
    from tools.published import published_app

    register = generate_register(providers, workdir)
    start = time.perf_counter()
    app = published_app(register, workdir, url)
    print(f"register: {providers} providers, imported in {time.perf_counter() - start:.1f} s")
    with app.app_context():
        from app.domain import clock
        from app.domain.queries import current_publication
        from app.extensions import db

        start = time.perf_counter()
        live = current_publication(db.session)
        assert live is not None
        minimum_n = app.config["MINIMUM_N"]
        app.extensions["exports"].write_all(db.session, live.state, clock.today(), minimum_n)
        print(f"exports written at publish in {time.perf_counter() - start:.1f} s")
    return url


def start_server(
    project: Path, database_url: str, workdir: Path, workers: int = 2
) -> tuple[subprocess.Popen, int]:  # type: ignore[type-arg]
    """gunicorn serving `project` on a free port; its process and port once it answers."""
    errors = workdir / "gunicorn.log"
    env = {k: v for k, v in os.environ.items() if not k.startswith(("GUNICORN", "WEB_CONC"))}
    env.update(
        DATABASE_URL=database_url,
        SEARCH_INDEX_DIR=str(workdir / "search_index"),
        GUNICORN_CMD_ARGS=f"{SERVER_ARGS} --workers {workers} --error-logfile {errors}",
    )
    env.pop("PUBLIC_URL", None)
    errors.write_text("")
    process = subprocess.Popen(
        [sys.executable, "-m", "gunicorn", "wsgi:app"],
        cwd=project,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    deadline = time.monotonic() + 300
    while time.monotonic() < deadline:
        found = re.search(r"Listening at: http://127\.0\.0\.1:(\d+)", errors.read_text())
        if found and _answers(int(found[1])):
            return process, int(found[1])
        time.sleep(0.2)
    process.kill()
    raise RuntimeError(f"gunicorn did not start: {errors.read_text()[-2000:]}")


def _answers(port: int) -> bool:
    try:
        return fetch(port, "/")[0] == 200
    except OSError:
        return False


def fetch(port: int, path: str) -> tuple[int, float, int]:
    """(status, seconds, bytes) of one GET that accepts gzip, as a browser's; status 0
    when the server dropped the connection or took longer than PATIENCE."""
    start = time.perf_counter()
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=PATIENCE)
    try:
        conn.request("GET", path, headers={"Accept-Encoding": "gzip"})
        response = conn.getresponse()
        size = sum(len(chunk) for chunk in iter(lambda: response.read(65536), b""))
        return response.status, time.perf_counter() - start, size
    except (OSError, http.client.HTTPException):
        return 0, time.perf_counter() - start, 0
    finally:
        conn.close()


def search_times(port: int, until: threading.Event | None, count: int = 20) -> list[tuple]:  # type: ignore[type-arg]
    """Search page fetches, one after the other: `count` of them, or until `until` is set."""
    times = []
    while (until is None and len(times) < count) or (until is not None and not until.is_set()):
        times.append(fetch(port, SEARCH))
        time.sleep(0.2)
    return times


def parallel(port: int, downloads: int) -> tuple[list[tuple], list[tuple]]:  # type: ignore[type-arg]
    """`downloads` HSDS downloads at once, and the search page meanwhile."""
    results: list[tuple] = []  # type: ignore[type-arg]
    done = threading.Event()

    def download() -> None:
        results.append(fetch(port, HSDS))

    threads = [threading.Thread(target=download) for _ in range(downloads)]
    for thread in threads:
        thread.start()
    time.sleep(0.5)  # the downloads have started
    searches: list[tuple] = []  # type: ignore[type-arg]
    watcher = threading.Thread(target=lambda: searches.extend(search_times(port, done)))
    watcher.start()
    for thread in threads:
        thread.join()
    done.set()
    watcher.join()
    return results, searches


def describe(label: str, times: list[tuple]) -> str:  # type: ignore[type-arg]
    """One line: how many answered, median and slowest time."""
    answered = [t for status, t, _ in times if status == 200]
    failed = len(times) - len(answered)
    if not answered:
        return f"{label}: none of {len(times)} answered"
    return (
        f"{label}: {len(answered)} answered, median {statistics.median(answered):.2f} s, "
        f"slowest {max(answered):.2f} s" + (f", {failed} failed or timed out" if failed else "")
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--providers", type=int, default=20_000)
    parser.add_argument("--downloads", type=int, default=3)
    parser.add_argument("--workdir", type=Path, required=True)
    parser.add_argument("--project", type=Path, default=ROOT)
    args = parser.parse_args()
    args.workdir.mkdir(parents=True, exist_ok=True)
    database_url = prepare(args.providers, args.workdir)
    process, port = start_server(args.project.resolve(), database_url, args.workdir)
    try:
        fetch(port, SEARCH)  # the worker's catalog, where the server builds it lazily
        print(describe("search page alone", search_times(port, None)))
        status, seconds, size = fetch(port, HSDS)
        print(f"HSDS download alone: status {status}, {seconds:.2f} s, {size / 1e6:.1f} MB")
        downloads, searches = parallel(port, args.downloads)
        print(describe(f"{args.downloads} parallel HSDS downloads", downloads))
        print(describe("search page meanwhile", searches))
    finally:
        process.send_signal(signal.SIGTERM)
        process.wait(timeout=60)


if __name__ == "__main__":
    main()
