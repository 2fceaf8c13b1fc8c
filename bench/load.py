"""Load and fault bench: the production server under a fixed mix of pages, with a
re-import of a different register and a worker killed while it runs.

    python -m bench.load                               # demo register, SQLite
    python -m bench.load --providers 20000             # a generated register
    python -m bench.load --database postgresql+psycopg://127.0.0.1:54339/bench
    python -m bench.load --front direct nginx-nocache nginx --duration 30

gunicorn (gunicorn.conf.py as it is; `--gunicorn` adds arguments, to try one) serves a
freshly imported register. In front of it, per `--front`:
  nginx          the production shape: nginx with docs/nginx/kiesjezorg.conf (its page
                 cache, keepalive and retry settings; plain HTTP, see bench/nginx_front.py)
  nginx-nocache  the same nginx with its page cache off: every request reaches gunicorn
  direct         wrk talks to gunicorn itself (the uncached figures, no retries)
wrk (Debian package `wrk`) sends a fixed mix of pages (searches with filters, provider
pages, comparisons, the API) over 16 and 64 connections for `--duration` seconds, in
three phases of a third each: steady; a different register imported (`flask register
import`) at its start; one gunicorn worker killed (SIGKILL) at its start. Printed per
phase and for the run: throughput, p50/p95/p99, responses by status class, wrk's socket
errors (connect/read/write/timeout) and the load average; behind nginx also its cache
statuses and the upstream errors it met (each retried or answered from cache). Then,
through the same front, for `--alone` seconds each: the mix's search pages alone, searches
that all differ alone (none asked before, so no cache has them) and /healthz alone.
Targets (issue 14): 0 failed requests (5xx + socket errors); p99 <= 500 ms at 64
connections with the demo register; search throughput >= 60 % of /healthz's.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

from bench import nginx_front
from bench.children import ROOT, generate_register

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
PHASES = ("steady", "re-import", "worker killed")
# More than 16 connections get through in `--alone` seconds, so none is asked twice.
DIFFERENT = 20_000


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def loadavg() -> str:
    return " ".join(Path("/proc/loadavg").read_text().split()[:3])


# -- the server ------------------------------------------------------------------------


def start_gunicorn(env: dict, workdir: Path, extra: str) -> tuple[subprocess.Popen, int]:  # type: ignore[type-arg]
    """gunicorn with gunicorn.conf.py on a free port; only the bind, the error log and
    `extra` (e.g. "--workers 3 --threads 2", to try a setting) differ from production."""
    log = workdir / "gunicorn.log"
    log.write_text("")
    port = free_port()
    env = {k: v for k, v in env.items() if not k.startswith("GUNICORN")}
    env["GUNICORN_CMD_ARGS"] = f"--bind 127.0.0.1:{port} --error-logfile {log} {extra}"
    process = subprocess.Popen(
        [sys.executable, "-m", "gunicorn"], cwd=ROOT, env=env, stdout=subprocess.DEVNULL
    )
    deadline = time.monotonic() + 300
    while time.monotonic() < deadline:
        if "Booting worker" in log.read_text() and get(port, "/readyz")[0] == 200:
            return process, port
        time.sleep(0.3)
    process.kill()
    raise RuntimeError(f"gunicorn did not start: {log.read_text()[-2000:]}")


def get(port: int, path: str) -> tuple[int, str]:
    """(status, Location) of one GET; status 0 when nothing answered."""
    import http.client

    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    try:
        conn.request("GET", path)
        response = conn.getresponse()
        response.read()
        return response.status, response.headers.get("Location", "")
    except OSError:
        return 0, ""
    finally:
        conn.close()


def settle(port: int, seconds: float = 120) -> None:
    """Wait until the workers hold the new register (after a re-import each one loads it
    in the background, and a killed worker's replacement warms up): /readyz answers 200
    ten times in a row (each worker answers for itself)."""
    deadline, row = time.monotonic() + seconds, 0
    while row < 10 and time.monotonic() < deadline:
        row = row + 1 if get(port, "/readyz")[0] == 200 else 0
        time.sleep(0.2)


def canonical(port: int, path: str) -> str:
    """Where the site redirects `path` to (a search, a provider's slug): the load is pages,
    not redirects."""
    for _ in range(3):
        status, location = get(port, path)
        if status not in (301, 302, 308):
            assert status == 200, (path, status)
            return path
        path = re.sub(r"^https?://[^/]+", "", location)
    return path


def mix(port: int, keep: set[str]) -> list[str]:
    """The fixed mix: searches, provider pages and comparisons of providers in both
    registers (`keep`), the API, the home and help pages."""
    from urllib.request import urlopen

    with urlopen(f"http://127.0.0.1:{port}/api/v1/providers?sort=naam", timeout=30) as r:
        ids = [p["id"] for p in json.load(r)["data"] if p["id"] in keep][:12]
    providers = [f"/aanbieder/{i}" for i in ids[:6]]
    compare = [f"/vergelijk?a={a}&a={b}" for a, b in zip(ids[6::2], ids[7::2], strict=False)]
    paths = SEARCHES * 2 + providers + compare + API + ["/", "/hulp"]
    return [canonical(port, path) for path in paths]


def different_searches(count: int, seed: int = 14) -> list[str]:
    """`count` searches that all differ (words, gemeente, age, order), in a fixed random
    order: none was asked before, so no cache has it, as for a visitor whose search
    nobody made in the last minute."""
    import random
    from urllib.parse import urlencode

    from app.config import Config
    from app.domain.reference import load_reference
    from bench.search_bench import TEXTS

    places = [g.slug for g in load_reference(Config.REFERENCE_DIR).gemeenten]
    ages = [str(age) for age in range(24)]
    every = [
        [(k, v) for k, v in (("q", q), ("g", g), ("l", age), ("sort", order)) if v]
        for q in ["", *TEXTS]
        for g in ["", *places]
        for age in ["", *ages]
        for order in ["", "naam", "tevredenheid", "wachttijd"]  # never the default order
    ]
    random.Random(seed).shuffle(every)
    return [f"/zoeken?{urlencode(params)}" for params in every[:count] if params]


def provider_ids(register: Path) -> set[str]:
    from openpyxl import load_workbook

    sheet = load_workbook(register, read_only=True)["aanbieders"]
    return {str(row[0]) for row in sheet.iter_rows(min_row=2, values_only=True)}


# -- wrk and the faults ----------------------------------------------------------------


def wrk(port: int, paths: list[str], connections: int, seconds: float) -> dict:
    """One wrk run over `paths` (round robin); its JSON summary (see load.lua)."""
    with tempfile.NamedTemporaryFile("w", suffix=".paths") as listed:
        listed.write("\n".join(paths) + "\n")
        listed.flush()
        out = subprocess.run(
            ["wrk", "-t2", f"-c{connections}", f"-d{seconds:.0f}s", "--timeout", "10s"]
            + ["-s", str(LUA), f"http://127.0.0.1:{port}"],
            env={**os.environ, "LOAD_PATHS": listed.name},
            capture_output=True,
            text=True,
        )
    if out.returncode != 0:
        raise RuntimeError(f"wrk failed: {out.stderr[-2000:]} {out.stdout[-2000:]}")
    line = next(x for x in out.stdout.splitlines() if x.startswith("{"))
    result = dict(json.loads(line))
    result["load"] = loadavg()
    return result


def reimport(env: dict, register: Path, log: list[str]) -> None:
    start = time.perf_counter()
    done = subprocess.run(
        [sys.executable, "-m", "flask", "--app", "wsgi", "register", "import", str(register)],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
    )
    log.append(f"re-import exit {done.returncode} in {time.perf_counter() - start:.1f} s")


def kill_a_worker(server: subprocess.Popen, log: list[str]) -> None:  # type: ignore[type-arg]
    pids = subprocess.run(["pgrep", "-P", str(server.pid)], capture_output=True, text=True)
    if pids.stdout.split():
        os.kill(int(pids.stdout.split()[0]), signal.SIGKILL)
        log.append(f"killed worker {pids.stdout.split()[0]}")


# -- figures ---------------------------------------------------------------------------


def merge(results: list[dict]) -> dict:
    """One result for several wrk runs one after the other (histograms added up)."""
    total: dict = {"histogram": [], "seconds": 0.0}
    for result in results:
        for key, value in result.items():
            if isinstance(value, int | float) and not isinstance(value, bool):
                total[key] = total.get(key, 0) + value
        total["histogram"] += result["histogram"]
    total["load"] = results[-1]["load"]
    return total


def percentile(histogram: list[list[int]], share: float) -> float:
    """The latency (ms) below which `share` of the requests were answered."""
    counts: dict[int, int] = {}
    for value, count in histogram:
        counts[value] = counts.get(value, 0) + count
    need, seen = share * sum(counts.values()), 0
    for value in sorted(counts):
        seen += counts[value]
        if seen >= need:
            return value / 1000
    return 0.0


def line(name: str, r: dict) -> str:
    p50, p95, p99 = (percentile(r["histogram"], s) for s in (0.50, 0.95, 0.99))
    socket_errors = "/".join(str(r[k]) for k in ("connect", "read", "write", "timeout"))
    failed = r["5xx"] + r["connect"] + r["read"] + r["write"] + r["timeout"]
    return (
        f"  {name:22} {r['requests'] / r['seconds']:7.1f} req/s  p50 {p50:6.1f}  "
        f"p95 {p95:6.1f}  p99 {p99:7.1f} ms  FAILED {failed}: 5xx {r['5xx']}, "
        f"socket c/r/w/t {socket_errors}; 4xx {r['4xx']}, 3xx {r['3xx']}, "
        f"2xx {r['2xx']} of {r['requests']}  load {r['load']}"
    )


def cache_line(counts: dict[str, int], errors: str) -> str:
    shown = ", ".join(f"{k} {v}" for k, v in sorted(counts.items(), key=lambda kv: -kv[1]))
    return f"  nginx cache statuses: {shown}; upstream errors met (in all): {errors}"


# -- the runs --------------------------------------------------------------------------


class Bench:
    """One server (gunicorn, and nginx per front) and what the runs need to know."""

    def __init__(self, args: argparse.Namespace, workdir: Path, env: dict) -> None:
        self.args, self.workdir, self.env = args, workdir, env
        self.server, self.upstream = start_gunicorn(env, workdir, args.gunicorn)
        self.nginx: subprocess.Popen | None = None  # type: ignore[type-arg]
        self.port = self.upstream
        self.log_offset = 0

    def front(self, front: str) -> None:
        self.stop_nginx()
        self.port, self.log_offset = self.upstream, 0
        if front != "direct":
            self.port = free_port()
            self.nginx = nginx_front.start_nginx(
                self.upstream, self.port, self.workdir / "nginx", front == "nginx"
            )

    def stop_nginx(self) -> None:
        if self.nginx is not None:
            self.nginx.terminate()
            self.nginx.wait(timeout=30)
            self.nginx = None

    def stop(self) -> None:
        self.stop_nginx()
        self.server.terminate()
        self.server.wait(timeout=60)

    def cache(self) -> str:
        if self.nginx is None:
            return ""
        counts, self.log_offset = nginx_front.log_counts(self.workdir / "nginx", self.log_offset)
        return cache_line(counts, nginx_front.upstream_errors(self.workdir / "nginx"))

    def faulty_run(self, paths: list[str], connections: int, register: Path) -> list[str]:
        """Three phases: steady, a re-import from its start, a worker killed at its start."""
        settle(self.upstream)
        third, log, results = self.args.duration / 3, [], []
        results.append(wrk(self.port, paths, connections, third))
        importing = threading.Thread(target=reimport, args=(self.env, register, log))
        importing.start()
        results.append(wrk(self.port, paths, connections, third))
        kill_a_worker(self.server, log)
        results.append(wrk(self.port, paths, connections, third))
        importing.join()
        out = [line(f"{name}", r) for name, r in zip(PHASES, results, strict=True)]
        out.append(line(f"mix, {connections} conn., all", merge(results)))
        return out + [x for x in (self.cache(), "  " + "; ".join(log)) if x.strip()]

    def alone(self, paths: list[str], different: list[str]) -> list[str]:
        """The mix's search pages alone, searches that all differ alone (no cache has
        them), then /healthz alone, through the same front."""
        settle(self.upstream)
        searches = [p for p in paths if p.startswith("/zoeken")]
        search = wrk(self.port, searches, 16, self.args.alone)
        cached = self.cache()
        fresh = wrk(self.port, different, 16, self.args.alone)
        uncached = self.cache()
        health = wrk(self.port, ["/healthz"], 16, self.args.alone)
        return [
            line("search pages alone, 16", search),
            cached,
            line("different searches alone, 16", fresh),
            uncached,
            line("/healthz alone, 16", health),
            f"  search throughput = {share(search, health):.0f} % of /healthz's; "
            f"different searches: {share(fresh, health):.0f} %",
            self.cache(),
        ]


def share(part: dict, whole: dict) -> float:
    """`part`'s throughput in % of `whole`'s."""
    return 100 * (part["requests"] / part["seconds"]) / (whole["requests"] / whole["seconds"])


def registers(providers: int, workdir: Path) -> tuple[Path, Path]:
    """The register served first, and a different one (7 providers fewer, the rest with
    the same ids but other generated contents) to re-import."""
    first = DEMO if providers == 0 else generate_register(providers, workdir)
    other = workdir / "other"
    other.mkdir()
    return first, generate_register((providers or 300) - 7, other)


def run(args: argparse.Namespace, workdir: Path) -> None:
    """Import, serve, load, break things, report."""
    from tools.published import published_app

    first, second = registers(args.providers, workdir)
    url = args.database or f"sqlite:///{workdir / 'register.sqlite'}"
    published_app(first, workdir, url)
    env = {**os.environ, "DATABASE_URL": url, "SEARCH_INDEX_DIR": str(workdir / "search_index")}
    env.pop("PUBLIC_URL", None)
    env.pop("WEB_CONCURRENCY", None)
    bench = Bench(args, workdir, env)
    try:
        paths = mix(bench.upstream, provider_ids(second))
        where = "PostgreSQL" if url.startswith("postgresql") else "SQLite"
        print(
            f"== {args.providers or 'demo'} providers, {where}, gunicorn.conf.py "
            f"{args.gunicorn}, "
            f"{len(paths)} paths, {args.duration:.0f} s per run ==",
            flush=True,
        )
        order, different = [second, first], different_searches(DIFFERENT)
        assert all(get(bench.upstream, path)[0] == 200 for path in different[:: DIFFERENT // 20])
        for front in args.front:
            bench.front(front)
            for path in paths:  # a site in production has its cache filled: one pass
                get(bench.port, path)
            bench.cache()  # (counted from here on)
            print(f"-- {front} --", flush=True)
            for connections in args.connections:
                print("\n".join(bench.faulty_run(paths, connections, order[0])), flush=True)
                order.reverse()
            print("\n".join(x for x in bench.alone(paths, different) if x), flush=True)
        assert get(bench.port, "/readyz")[0] == 200
    finally:
        bench.stop()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--providers", type=int, default=0, help="0: the demo register")
    parser.add_argument("--database", default="", help="an (emptied!) PostgreSQL URL")
    parser.add_argument("--duration", type=float, default=60, help="seconds per run")
    parser.add_argument("--alone", type=float, default=10, help="seconds, search/healthz")
    parser.add_argument("--connections", type=int, nargs="+", default=[16, 64])
    parser.add_argument("--gunicorn", default="", help='e.g. "--workers 3 --threads 2"')
    parser.add_argument(
        "--front", nargs="+", default=["nginx", "direct"], choices=FRONTS, help="see above"
    )
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        run(args, Path(tmp))


FRONTS = ("nginx", "nginx-nocache", "direct")

if __name__ == "__main__":
    main()
