"""Shared plumbing of the benchmarks that measure in a fresh child process (so its peak
memory is its own): generate a register, run `python -m <module> --child ...`, read the
JSON line it prints."""

from __future__ import annotations

import argparse
import datetime as dt
import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def generate_register(size: int, workdir: Path, today: dt.date | None = None) -> Path:
    """A deterministic fictional register of `size` providers (seed 1) as a workbook."""
    register = workdir / f"register-{size}.xlsx"
    extra = ["--today", today.isoformat()] if today else []
    subprocess.run(
        [
            sys.executable,
            "-m",
            "bench.make_register",
            "--providers",
            str(size),
            "--seed",
            "1",
            *extra,
            str(register),
        ],
        cwd=ROOT,
        check=True,
    )
    return register


def run_child(
    module: str, register: Path, database_url: str, index_dir: Path, mode: str = ""
) -> dict:
    """Run `module`'s child mode (`--mode`, for modules with several) and return the JSON
    report it printed last."""
    extra = ["--mode", mode] if mode else []
    out = subprocess.run(
        [
            sys.executable,
            "-m",
            module,
            "--child",
            str(register),
            database_url,
            str(index_dir),
            *extra,
        ],
        cwd=ROOT,
        check=True,
        capture_output=True,
        text=True,
    )
    return json.loads(out.stdout.strip().splitlines()[-1])


def parse_arguments(description: str) -> argparse.Namespace:
    """--sizes for the parent; the hidden --child REGISTER DATABASE_URL INDEX_DIR."""
    parser = argparse.ArgumentParser(description=description)
    parser.add_argument("--sizes", type=int, nargs="+", default=[300, 20_000])
    parser.add_argument(
        "--child",
        nargs=3,
        metavar=("REGISTER", "DATABASE_URL", "INDEX_DIR"),
        help=argparse.SUPPRESS,
    )
    parser.add_argument("--mode", default="", help=argparse.SUPPRESS)
    return parser.parse_args()
