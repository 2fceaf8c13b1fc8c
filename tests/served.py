"""The app served by gunicorn, the way production runs it (gunicorn.conf.py from the
project root), on a free port, on a published register. Tests that need the real server
share one per test process."""

from __future__ import annotations

import os
import re
import signal
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from app.config import PROJECT_ROOT

PUBLIC_URL = "https://kiezen.example.nl"
ERROR_REPORT_EMAIL = "meldingen@kiesjezorgtwente.nl"  # not reserved: counts as real
STARTUP_SECONDS = 60
WORKERS = 2
EXPORTS = ("hsds.json", "contracten.csv", "kwaliteit.csv")


@dataclass
class Served:
    """A running gunicorn: its address and its two logs."""

    url: str
    access_log: Path
    error_log: Path
    process: subprocess.Popen[bytes]

    def log_text(self) -> str:
        return self.access_log.read_text() + self.error_log.read_text()


def server_environment(database_url: str, index_dir: str, **extra: str) -> dict[str, str]:
    """The environment of a production start: PUBLIC_URL and a real error mailbox."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("GUNICORN", "WEB_CONC"))}
    env.update(
        DATABASE_URL=database_url,
        SEARCH_INDEX_DIR=index_dir,
        PUBLIC_URL=PUBLIC_URL,
        ERROR_REPORT_EMAIL=ERROR_REPORT_EMAIL,
        **extra,
    )
    return env


def gunicorn(env: dict[str, str], args: str) -> subprocess.Popen[bytes]:
    """Start gunicorn from the project root, settings from GUNICORN_CMD_ARGS."""
    return subprocess.Popen(
        [sys.executable, "-m", "gunicorn"],
        cwd=PROJECT_ROOT,
        env={**env, "GUNICORN_CMD_ARGS": args},
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )


def _port(error_log: Path, process: subprocess.Popen[bytes]) -> int:
    """The port gunicorn bound (asked for port 0: the system picks a free one)."""
    deadline = time.monotonic() + STARTUP_SECONDS
    while time.monotonic() < deadline:
        found = re.search(r"Listening at: http://127\.0\.0\.1:(\d+)", error_log.read_text())
        if found:
            return int(found[1])
        if process.poll() is not None:
            raise RuntimeError(f"gunicorn stopped: {process.stderr.read()!r}")  # type: ignore[union-attr]
        time.sleep(0.1)
    raise RuntimeError("gunicorn did not start")


def warm_workers(error_log: Path) -> set[str]:
    """The workers that have said they are warm (app.server.warm_worker)."""
    return set(re.findall(r"worker (\d+) warm: \{'ready': True", error_log.read_text()))


def _wait_until_answering(url: str, error_log: Path) -> None:
    """Until /healthz answers and every worker is warm (one answering is not enough)."""
    deadline = time.monotonic() + STARTUP_SECONDS
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(f"{url}/healthz", timeout=5):
                if len(warm_workers(error_log)) >= WORKERS:
                    return
        except OSError:  # refused, reset or slow: not answering yet
            pass
        time.sleep(0.1)
    raise RuntimeError("gunicorn did not answer /healthz with warm workers")


def _write_exports(url: str) -> None:
    """Have the exports written, as `flask register import` does when it publishes (the
    fixture's register was published without the CLI), so no test waits for them."""
    for name in EXPORTS:
        with urllib.request.urlopen(f"{url}/api/v1/export/{name}", timeout=600) as response:
            response.read()


def serve(database_url: str, index_dir: str, folder: Path) -> Iterator[Served]:
    """gunicorn on the register published in `database_url` and `index_dir`, with its
    logs in `folder`, until the end."""
    access_log, error_log = folder / "access.log", folder / "error.log"
    error_log.touch()
    process = gunicorn(
        server_environment(database_url, index_dir),
        f"--bind 127.0.0.1:0 --workers {WORKERS} --access-logfile {access_log} "
        f"--error-logfile {error_log} --no-control-socket",
    )
    try:
        url = f"http://127.0.0.1:{_port(error_log, process)}"
        _wait_until_answering(url, error_log)
        _write_exports(url)
        yield Served(url, access_log, error_log, process)
    finally:
        process.send_signal(signal.SIGTERM)  # a graceful stop, as an operator's
        process.communicate(timeout=STARTUP_SECONDS)
