"""Load and fault bench: the production server under a fixed mix of pages, with a
re-import of a different register and a worker killed while it runs.

    python -m bench.load                               # demo register, SQLite
    python -m bench.load --providers 20000             # a generated register
    python -m bench.load --database postgresql+psycopg://localhost:54341/bench

gunicorn (gunicorn.conf.py, `--workers`) serves a freshly imported register; wrk (Debian
package `wrk`) sends a fixed mix of pages (searches with filters, provider pages,
comparisons, the API) over 16 and 64 connections for `--duration` seconds each. In every
run a different register is imported (`flask register import`) at 1/3 of the time and one
worker is killed (SIGKILL) at 2/3. Printed per run: throughput, p50/p95/p99 latency and
failed requests (socket errors and any status >= 500). Then, in the same server, search
pages alone and /healthz alone for a few seconds each: the search page's throughput as a
share of /healthz's. Targets (issue 14): 0 failed requests, p99 <= 500 ms at 64
connections with the demo register, search throughput >= 60 % of /healthz's.
"""

from __future__ import annotations

import argparse
import json
import os
import signal
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

from bench.children import ROOT, generate_register
from bench.serve_bench import fetch, start_server

DEMO = ROOT / "data" / "demo" / "register.xlsx"
LUA = Path(__file__).with_name("load.lua")
SEARCHES = [
    "/zoeken?q=autisme&g=enschede",
    "/zoeken?g=hengelo&d=AMB-BEH",
    "/zoeken?w=jeugd&l=12&t=adhd",
    "/zoeken?q=begeleiding&l=15",
    "/zoeken?q=huishoudelijke+hulp&g=borne",
    "/zoeken?taal=tr&kenmerk=rolstoel",
    "/zoeken?q=dyslexie&kenmerk=afstand",
    "/zoeken?w=wmo&sort=naam",
]
API = ["/api/v1/providers?q=gezin&g=almelo", "/api/v1/providers?w=jeugd&p=2"]


def _paths(port: int) -> list[str]:
    """The fixed mix: searches, provider pages and comparisons of real ids, the API."""
    body = json.loads(fetch_json(port, "/api/v1/providers?sort=naam"))
    ids = [p["id"] for p in body["data"][:12]]
    providers = [f"/aanbieder/{i}" for i in ids[:6]]
    compare = [f"/vergelijk?a={a}&a={b}" for a, b in zip(ids[6::2], ids[7::2], strict=False)]
    paths = SEARCHES * 2 + providers + compare + API + ["/", "/hulp"]
    return [canonical(port, path) for path in paths]


def canonical(port: int, path: str) -> str:
    """Where the site redirects `path` to (a search or a provider's slug), so that the
    load is pages, not redirects."""
    import http.client

    for _ in range(3):
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        conn.request("GET", path)
        response = conn.getresponse()
        response.read()
        conn.close()
        if response.status not in (301, 302, 308):
            assert response.status == 200, (path, response.status)
            return path
        path = response.headers["Location"].removeprefix(f"http://127.0.0.1:{port}")
    return path


def fetch_json(port: int, path: str) -> str:
    from urllib.request import urlopen

    with urlopen(f"http://127.0.0.1:{port}{path}", timeout=30) as response:
        return str(response.read().decode())


def wrk(port: int, paths: list[str], connections: int, seconds: float) -> dict:
    """One wrk run over `paths` (round robin); its JSON summary (see load.lua)."""
    env = {**os.environ, "LOAD_PATHS": "\n".join(paths)}
    out = subprocess.run(
        ["wrk", "-t2", f"-c{connections}", f"-d{seconds:.0f}s", "--timeout", "10s"]
        + ["-s", str(LUA), f"http://127.0.0.1:{port}"],
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    line = next(x for x in out.stdout.splitlines() if x.startswith("{"))
    return dict(json.loads(line))


def _faults(server: subprocess.Popen, env: dict, other: Path, seconds: float, log: list) -> None:  # type: ignore[type-arg]
    """A re-import at 1/3 of the run and a worker killed at 2/3."""
    time.sleep(seconds / 3)
    start = time.perf_counter()
    done = subprocess.run(
        [sys.executable, "-m", "flask", "--app", "wsgi", "register", "import", str(other)],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
    )
    log.append(f"re-import: exit {done.returncode} in {time.perf_counter() - start:.1f} s")
    time.sleep(max(0.0, seconds * 2 / 3 - (time.perf_counter() - start) - seconds / 3))
    workers = subprocess.run(
        ["pgrep", "-P", str(server.pid)], capture_output=True, text=True
    ).stdout.split()
    if workers:
        os.kill(int(workers[0]), signal.SIGKILL)
        log.append(f"killed worker {workers[0]}")


def _line(name: str, r: dict) -> str:
    return (
        f"{name:26} {r['rps']:7.1f} req/s  p50 {r['p50']:6.1f} ms  p95 {r['p95']:6.1f} ms  "
        f"p99 {r['p99']:7.1f} ms  failed {r['failed']} of {r['requests']}"
    )


def _registers(args: argparse.Namespace, workdir: Path) -> tuple[Path, Path]:
    if args.providers == 0:
        second = generate_register(300, workdir)  # fictional too, and different
        return DEMO, second
    first = generate_register(args.providers, workdir)
    other = workdir / "other"
    other.mkdir()
    second = generate_register(args.providers - 7, other)
    return first, second


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--providers", type=int, default=0, help="0: the demo register")
    parser.add_argument("--database", default="", help="an (emptied!) PostgreSQL URL")
    parser.add_argument("--duration", type=float, default=60)
    parser.add_argument("--connections", type=int, nargs="+", default=[16, 64])
    parser.add_argument("--workers", type=int, default=3)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        run(args, Path(tmp))


def run(args: argparse.Namespace, workdir: Path) -> None:
    """Import, serve, load, break things, report."""
    from tools.published import published_app

    first, second = _registers(args, workdir)
    url = args.database or f"sqlite:///{workdir / 'register.sqlite'}"
    published_app(first, workdir, url)
    env = {**os.environ, "DATABASE_URL": url, "SEARCH_INDEX_DIR": str(workdir / "search_index")}
    env.pop("PUBLIC_URL", None)
    server, port = start_server(ROOT, url, workdir, workers=args.workers)
    try:
        paths = _paths(port)
        where = "PostgreSQL" if url.startswith("postgresql") else "SQLite"
        print(f"== {args.providers or 'demo'} providers, {where}, {args.workers} workers ==")
        for connections in args.connections:
            log: list[str] = []
            registers = [first, second] if connections % 2 else [second, first]
            faults = threading.Thread(
                target=_faults, args=(server, env, registers[0], args.duration, log)
            )
            faults.start()
            result = wrk(port, paths, connections, args.duration)
            faults.join()
            print(_line(f"mix, {connections} connections", result), "|", "; ".join(log))
            first, second = second, first
        time.sleep(5)  # the killed worker's replacement warms up
        search = wrk(port, [p for p in paths if p.startswith("/zoeken")], 16, 10)
        health = wrk(port, ["/healthz"], 16, 10)
        print(_line("search pages alone, 16", search))
        print(_line("/healthz alone, 16", health))
        print(f"search throughput = {100 * search['rps'] / health['rps']:.0f} % of /healthz's")
        assert fetch(port, "/readyz")[0] == 200
    finally:
        server.terminate()
        server.wait(timeout=60)


if __name__ == "__main__":
    main()
