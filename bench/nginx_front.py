"""nginx in front of gunicorn for the load bench, configured from the one documented
example (docs/nginx/kiesjezorg.conf) so the bench measures what docs/deploy.md tells
people to run: same upstream, keepalive, retry and cache settings. Only what a local,
throw-away bench cannot have is changed, each substitution checked so that a change to
the example that the bench does not understand stops it instead of measuring something
else: no TLS and no HTTP/2 (wrk speaks HTTP/1.1 in clear), no redirect server, local
paths, the upstream's port, and the error log at `error` so retries can be counted.
"""

from __future__ import annotations

import os
import re
import shutil
import socket
import subprocess
import time
from pathlib import Path

from bench.children import ROOT

EXAMPLE = ROOT / "docs" / "nginx" / "kiesjezorg.conf"
NGINX = "/usr/sbin/nginx"
UPSTREAM = "127.0.0.1:8000"
# The example's paths on a real server, and where the bench puts them (in its folder).
PATHS = {
    "/var/cache/nginx/kiesjezorg": "cache",
    "/srv/kiesjezorg/static_build/": str(ROOT / "static_build") + "/",
    "/var/log/nginx/kiesjezorg.access.log": "access.log",
    "/var/log/nginx/kiesjezorg.error.log": "error.log",
}


def _sub(pattern: str, new: str, text: str, count: int = 0) -> str:
    """re.sub that insists the pattern is there (count: exactly that many times)."""
    result, n = re.subn(pattern, new, text, flags=re.M | re.S)
    if n == 0 or (count and n != count):
        raise ValueError(f"docs/nginx/kiesjezorg.conf changed: {pattern!r} found {n} times")
    return result


def bench_site(upstream_port: int, listen_port: int, folder: Path, cache: bool = True) -> str:
    """The example's site, for plain HTTP on 127.0.0.1:`listen_port` in front of gunicorn
    on `upstream_port`; `cache=False` turns the page cache off (and changes nothing else)."""
    site = EXAMPLE.read_text(encoding="utf-8")
    for real, here in PATHS.items():
        site = site.replace(real, str(folder / here))
    site = _sub(re.escape(UPSTREAM), f"127.0.0.1:{upstream_port}", site)
    # The http-to-https redirect server goes; the TLS server listens in clear.
    site = _sub(r"^server \{\n    listen 80;.*?^\}\n", "", site, count=1)
    site = _sub(
        r"^    listen 443 ssl http2;\n    listen \[::\]:443 ssl http2;\n",
        f"    listen 127.0.0.1:{listen_port};\n",
        site,
        count=1,
    )
    site = _sub(r"^    ssl_\w+ [^;]*;\n", "", site)
    site = _sub(r"^(\s*error_log \S+) crit;", r"\1 error;", site, count=1)
    if not cache:
        site = _sub(r"^(\s*)proxy_cache kiesjezorg;", r"\1proxy_cache off;", site, count=1)
    return site


def bench_main_config(folder: Path) -> str:
    """nginx.conf around the site: everything nginx writes stays in `folder`."""
    temp = " ".join(f"{kind}_temp_path {folder}/{kind};" for kind in TEMP_KINDS)
    user = "user root;\n" if os.geteuid() == 0 else ""  # workers can write the folder
    return (
        f"{user}pid {folder}/nginx.pid;\nerror_log {folder}/nginx-error.log;\n"
        "worker_processes auto;\nevents { worker_connections 4096; }\n"
        f"http {{\n  include /etc/nginx/mime.types;\n  {temp}\n"
        f"  include {folder}/site.conf;\n}}\n"
    )


TEMP_KINDS = ("client_body", "proxy", "fastcgi", "uwsgi", "scgi")


def write_config(upstream_port: int, listen_port: int, folder: Path, cache: bool) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "site.conf").write_text(
        bench_site(upstream_port, listen_port, folder, cache), encoding="utf-8"
    )
    main = folder / "nginx.conf"
    main.write_text(bench_main_config(folder), encoding="utf-8")
    return main


def ensure_nginx() -> None:
    """Debian's nginx-light, installed as the bench installs wrk (root only)."""
    if Path(NGINX).exists():
        return
    if os.geteuid() != 0:
        raise SystemExit("the bench needs nginx: sudo apt-get install nginx-light")
    subprocess.run(["apt-get", "install", "-y", "-qq", "nginx-light"], check=True)


def start_nginx(
    upstream_port: int, listen_port: int, folder: Path, cache: bool = True
) -> subprocess.Popen:  # type: ignore[type-arg]
    """nginx in the foreground (its own process group); returns once it answers."""
    ensure_nginx()
    shutil.rmtree(folder, ignore_errors=True)
    main = write_config(upstream_port, listen_port, folder, cache)
    subprocess.run([NGINX, "-t", "-q", "-p", str(folder), "-c", str(main)], check=True)
    process = subprocess.Popen(
        [NGINX, "-p", str(folder), "-c", str(main), "-g", "daemon off;"], start_new_session=True
    )
    for _ in range(100):
        try:
            socket.create_connection(("127.0.0.1", listen_port), timeout=1).close()
            return process
        except OSError:
            if process.poll() is not None:
                break
            time.sleep(0.1)
    process.kill()
    raise RuntimeError((folder / "nginx-error.log").read_text()[-2000:])


def log_counts(folder: Path, offset: int) -> tuple[dict[str, int], int]:
    """Cache statuses in the access log from `offset` on ('-': not cacheable, or no
    cache), and the offset to read on from next time."""
    with open(folder / "access.log", encoding="utf-8") as log:
        log.seek(offset)
        lines = log.readlines()
        offset = log.tell()
    counts: dict[str, int] = {}
    for line in lines:
        status = line.split()[-1]
        counts[status] = counts.get(status, 0) + 1
    return counts, offset


def upstream_errors(folder: Path) -> str:
    """The upstream errors nginx met, by kind (each one retried or answered from cache,
    unless the client got a 5xx or lost its connection: the wrk figures say which)."""
    text = (folder / "error.log").read_text(encoding="utf-8", errors="replace")
    kinds: dict[str, int] = {}
    for found in re.finditer(r"\[error\] [\d#]+: \*\d+ ([^,]+)", text):
        kind = re.sub(r"\d+", "N", found[1])
        kinds[kind] = kinds.get(kind, 0) + 1
    return "; ".join(f"{n}x {kind}" for kind, n in kinds.items()) or "none"
