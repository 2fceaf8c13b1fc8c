"""Open-data benchmark: latency of /api/v1/providers and cost of the full HSDS export.

    python -m bench.api_bench                  # 20,000 providers, 240 requests
    python -m bench.api_bench --providers 2000 --requests 200

A generated register (bench/make_register.py) is imported into a fresh SQLite database
(or the database in BENCH_DATABASE_URL, emptied first) the way `flask register import`
does it. Then, in this process, the Flask test client sends a fixed mix of filtered
searches (the first request, which builds the in-memory catalog, is reported apart);
and a child process that does nothing else downloads the whole HSDS export three times,
so its peak RSS (VmHWM: the whole process incl. Python and the app) is the export's own:
the first download writes the file (once per register and day), the next ones read it,
gzipped as stored and uncompressed for a client without gzip.
Targets (issue 7): p95 <= 60 ms; HSDS export <= 30 s and <= 300 MB.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

# A fixed mix: every filter of the search page, alone and combined, and every sort.
QUERIES = [
    "",
    "g=enschede",
    "g=almelo&d=AMB-BEG",
    "w=jeugd",
    "w=wmo&g=hengelo",
    "d=AMB-BEH&d=AMB-DYS",
    "t=autisme",
    "t=adhd&g=enschede",
    "taal=tr",
    "kenmerk=huisbezoek&kenmerk=afstand",
    "l=12&w=jeugd",
    "wacht=4",
    "sort=naam",
    "sort=tevredenheid&w=jeugd",
    "sort=wachttijd&g=borne",
    "sort=afstand&g=losser",
    "q=autisme",
    "q=begeleiding&g=hengelo",
    "q=dyslexie&sort=naam",
    "g=oldenzaal&d=WMO-OB2&sort=doelen&p=2",
    "sort=uitval&t=trauma",
    "q=dislexie",
    "g=wierden&taal=ar&kenmerk=nieuw",
    "w=wmo&sort=naam&p=5",
]


def _percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(share * (len(ordered) - 1))))]


def measure_providers(app, requests: int) -> dict:  # type: ignore[no-untyped-def]
    """Latency in ms of the fixed mix, repeated until `requests` have been sent."""
    client = app.test_client()
    start = time.perf_counter()
    assert client.get("/api/v1/providers").status_code == 200
    first_ms = (time.perf_counter() - start) * 1000
    timings = []
    for number in range(requests):
        url = f"/api/v1/providers?{QUERIES[number % len(QUERIES)]}"
        start = time.perf_counter()
        response = client.get(url)
        timings.append((time.perf_counter() - start) * 1000)
        assert response.status_code == 200, (url, response.get_data(as_text=True)[:200])
    return {
        "first_ms": first_ms,
        "p50_ms": statistics.median(timings),
        "p95_ms": _percentile(timings, 0.95),
        "max_ms": max(timings),
        "n": len(timings),
    }


def _download(client, encoding: str) -> tuple[float, int]:  # type: ignore[no-untyped-def]
    """Seconds and bytes of one whole HSDS download, read to nowhere."""
    start = time.perf_counter()
    response = client.get("/api/v1/export/hsds.json", headers={"Accept-Encoding": encoding})
    assert response.status_code == 200, response.status_code
    size = sum(len(chunk) for chunk in response.response)
    response.close()
    return time.perf_counter() - start, size


def _hsds_child(database_url: str, index_dir: str) -> None:
    """Download the export (first: writes the file; then gzip and plain) and print times,
    sizes and peak RSS as JSON."""
    from app import create_app

    app = create_app({"SQLALCHEMY_DATABASE_URI": database_url, "SEARCH_INDEX_DIR": index_dir})
    client = app.test_client()
    first, packed = _download(client, "gzip")
    again, _ = _download(client, "gzip")
    plain_seconds, size = _download(client, "identity")
    figures = {"seconds": first, "again_seconds": again, "plain_seconds": plain_seconds}
    sizes = {"bytes": size, "gzip_bytes": packed, "peak_rss_mb": _peak_rss_mb()}
    print(json.dumps({**figures, **sizes}))


def _peak_rss_mb() -> float:
    """This process's peak RSS. Linux's VmHWM, not getrusage: ru_maxrss survives exec, so
    a child would report the (larger) peak of the benchmark process that started it."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def measure_hsds(database_url: str, index_dir: Path) -> dict:
    out = subprocess.run(
        [sys.executable, "-m", "bench.api_bench", "--hsds-child", database_url, str(index_dir)],
        cwd=ROOT,
        check=True,
        capture_output=True,
        text=True,
    )
    return json.loads(out.stdout.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--providers", type=int, default=20_000)
    parser.add_argument("--requests", type=int, default=240)
    parser.add_argument("--hsds-child", nargs=2, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.hsds_child:
        _hsds_child(*args.hsds_child)
        return
    from tools.published import published_app

    with tempfile.TemporaryDirectory() as tmp:
        workdir = Path(tmp)
        register = workdir / "register.xlsx"
        subprocess.run(
            [
                sys.executable,
                "-m",
                "bench.make_register",
                "--providers",
                str(args.providers),
                "--seed",
                "1",
                str(register),
            ],
            cwd=ROOT,
            check=True,
        )
        database_url = os.environ.get(
            "BENCH_DATABASE_URL", f"sqlite:///{workdir / 'register.sqlite'}"
        )
        start = time.perf_counter()
        app = published_app(register, workdir, database_url)
        print(
            f"register: {args.providers} providers, imported in {time.perf_counter() - start:.1f} s"
        )
        api = measure_providers(app, args.requests)
        print(
            f"/api/v1/providers: first request (builds the catalog) {api['first_ms']:.0f} ms; "
            f"{api['n']} requests p50 {api['p50_ms']:.1f} ms, p95 {api['p95_ms']:.1f} ms "
            f"(target <= 60), max {api['max_ms']:.1f} ms"
        )
        hsds = measure_hsds(database_url, workdir / "search_index")
        print(
            f"HSDS export: first download (writes the file) {hsds['seconds']:.1f} s "
            f"(target <= 30); every next one {hsds['again_seconds']:.2f} s gzipped "
            f"({hsds['gzip_bytes'] / 1e6:.0f} MB), {hsds['plain_seconds']:.1f} s plain "
            f"({hsds['bytes'] / 1e6:.0f} MB); peak RSS of the exporting process "
            f"{hsds['peak_rss_mb']:.0f} MB (target <= 300)"
        )


if __name__ == "__main__":
    main()
