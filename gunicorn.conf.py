"""gunicorn's settings for Kies je zorgaanbieder Twente; gunicorn reads this file from the
project root by itself:  `gunicorn`  (or `make serve` with the demo register).

Environment: WEB_CONCURRENCY (worker processes; default: one per core, at least two).
Anything here can be overridden with GUNICORN_CMD_ARGS or the command line, e.g.
GUNICORN_CMD_ARGS="--bind 0.0.0.0:8000 --threads 8". The app's own settings (PUBLIC_URL,
DATABASE_URL, ...) are in README.md; running it behind a proxy in docs/deploy.md.
"""

import os
import sys
from pathlib import Path

# The project, wherever gunicorn is started from (gunicorn -c /srv/…/gunicorn.conf.py).
ROOT = Path(__file__).resolve().parent
sys.path.insert(0, str(ROOT))

from app.server import (  # noqa: E402
    ACCESS_LOG_FORMAT,
    keep_alive_while_booting,
    refuse_bad_settings,
    warm_worker,
)

# In production (PUBLIC_URL set) a missing setting stops gunicorn here, in one line.
refuse_bad_settings()


def _cores() -> int:
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1


wsgi_app = "wsgi:app"
chdir = str(ROOT)
bind = ["127.0.0.1:8000"]  # the proxy in front reaches it here; nothing else should
workers = int(os.environ.get("WEB_CONCURRENCY") or max(2, _cores()))
# Threads: a worker that waits on the database or a slow client still serves others.
worker_class = "gthread"
threads = 4
# A request that takes longer than this is a bug: the worker is restarted.
timeout = 30
# On SIGHUP or SIGTERM, workers finish what they are doing for up to this long.
graceful_timeout = 30
keepalive = 5
# Workers are replaced now and then, so that a slow leak cannot grow; far apart, because
# a new worker warms up (index, catalog, pages: 3-4 s with the demo register, longer with
# more) before it answers. With a jitter of 500 on 5,000, two equally busy workers were
# replaced within a second of each other, and then no worker answered for seconds
# (/healthz p95 1.8 s in the load bench).
max_requests = 20000
max_requests_jitter = 10000
# The heartbeat files on a RAM disk where there is one (never blocks on a busy disk).
worker_tmp_dir = "/dev/shm" if os.path.isdir("/dev/shm") else None
# gunicorn 27 opens a control socket at ~/.gunicorn/gunicorn.ctl by default: one path for
# every gunicorn of the same user on the machine, so a second site or a bench server would
# take it over. Nothing here uses gunicornc; remove this line to have it back.
control_socket_disable = True

# Logs: one line per request, never an address, a query string or a user agent (the
# logger writes '-' for any atom that could hold one, whatever format is configured);
# errors with their stack trace to the error log.
accesslog = "-"
errorlog = "-"
loglevel = "info"
logger_class = "app.server.PrivateLogger"
access_log_format = ACCESS_LOG_FORMAT


def post_fork(server, worker):
    """Keep the worker's heartbeat while it loads the app and warms up (timeout above)."""
    keep_alive_while_booting(worker)


def post_worker_init(worker):
    """Open the index and build the catalog before the worker takes its first request."""
    warm_worker(worker)
