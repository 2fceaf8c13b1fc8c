"""What running under gunicorn adds (gunicorn.conf.py names these): an access log that
keeps the privacy promise, an error log without addresses or search words, the app's own
errors in that log, and workers that are warm before they take a request."""

from __future__ import annotations

import datetime as dt
import logging
import re
import threading
import time
from typing import Any

from gunicorn import glogging

# The WSGI environ key where the app leaves the register version a response came from.
REGISTER_KEY = "kiesjezorg.register"
ACCESS_LOG_FORMAT = "%(t)s %(method)s %(path)s %(status)s %(ms)sms register=%(register)s"
_ADDRESS = re.compile(r" from ip=\S+?(?=:? )")
_QUERY = re.compile(r"\?[^\s\"']*")
# A worker that boots for longer than this is no longer kept alive by its heartbeat
# (gunicorn's timeout then applies): a boot that hangs must not hang the worker forever.
BOOT_LIMIT = 600  # seconds
BEAT = 1.0  # seconds between two heartbeats while booting

log = logging.getLogger(__name__)

# Opened once in every language before a worker takes requests: that compiles their
# templates, loads the message catalogues and makes the search page's words for this
# register (app/web/search_words.py), which the first visitors would otherwise wait for
# (at 300 providers the first ten search pages took 24 ms each instead of 9 ms).
WARM_PAGES = ("/", "/zoeken")


def scrub(text: str) -> str:
    """`text` without query strings (search words) and client addresses."""
    return _QUERY.sub("", _ADDRESS.sub("", text))


class ScrubFilter(logging.Filter):
    """Scrub every record a handler writes, its traceback included."""

    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        record.msg, record.args = scrub(message), ()
        if record.exc_info and not record.exc_text:
            record.exc_text = logging.Formatter().formatException(record.exc_info)
        if record.exc_text:
            record.exc_text = scrub(record.exc_text)
        return True


class PrivateLogger(glogging.Logger):
    """gunicorn's logger, but its access log can only write what the promise allows:
    time, method, path, status, duration and register version. Any other atom in
    access_log_format (%(h)s, %(r)s, %(q)s, %(a)s, headers, ...) is written as '-'."""

    def atoms(self, resp: Any, req: Any, environ: dict[str, Any], request_time: Any) -> dict:
        status = str(resp.status).split(None, 1)[0]
        return {
            "t": self.now(),
            "method": environ.get("REQUEST_METHOD", "-"),
            "path": environ.get("PATH_INFO", "-"),
            "status": status,
            "ms": request_time.seconds * 1000 + request_time.microseconds // 1000,
            "register": environ.get(REGISTER_KEY, "-"),
        }

    def setup(self, cfg: Any) -> None:
        super().setup(cfg)
        for handler in self.error_log.handlers + self.access_log.handlers:
            if not any(isinstance(f, ScrubFilter) for f in handler.filters):
                handler.addFilter(ScrubFilter())


def keep_alive_while_booting(worker: Any) -> None:
    """gunicorn's post_fork: tell the arbiter the worker is alive until it has booted.
    gunicorn's timeout counts from the fork, and loading the app and building the catalog
    of a large register (20,000 providers: 6 s, several times that on a busy machine)
    could otherwise get a worker killed before it served anything."""

    def beat() -> None:
        deadline = time.monotonic() + BOOT_LIMIT
        while not worker.booted and time.monotonic() < deadline:
            worker.notify()  # once booted, gunicorn's own loop keeps it alive
            time.sleep(BEAT)

    threading.Thread(target=beat, name="boot heartbeat", daemon=True).start()


def warm_worker(worker: Any) -> None:
    """gunicorn's post_worker_init: the app's loggers write to gunicorn's error log; the
    index and catalog are loaded before the first request, and then kept in step with
    the database by a watcher thread (a new register, a new day, a damaged index). A
    failure to load them is logged, not fatal: /readyz then says what is missing."""
    from app.extensions import db
    from app.search import warm_up

    app_log = logging.getLogger("app")  # "app", "app.web.errors", ...
    app_log.handlers = list(worker.log.error_log.handlers)
    app_log.setLevel(worker.log.error_log.level)
    app_log.propagate = False
    flask_app = worker.wsgi
    try:
        with flask_app.app_context():
            state = warm_up()
            db.session.remove()
        warm_pages(flask_app)
        worker.log.info("worker %s warm: %s", worker.pid, state.as_json())
    except Exception:
        worker.log.exception("worker %s could not warm up; /readyz says why", worker.pid)
    searching = flask_app.extensions["live_search"]
    searching.after_look.append(exports_follow(flask_app))
    searching.watch()


# The machine that imports writes the exports right after publishing; the others wait
# this long after a publish before writing their own, so they do not race it to the
# lock and write them inside a web process instead (where they slow its requests).
EXPORTS_AFTER_PUBLISH = dt.timedelta(minutes=2)


def exports_follow(flask_app: Any) -> Any:
    """After each look of the watcher: write the exports of the register state and day
    served, when this machine has none yet (published elsewhere, or a new day), in the
    background, so that no downloader waits for them."""
    from app.domain import clock, queries
    from app.extensions import db

    files = flask_app.extensions["exports"]

    def follow(snapshot: Any) -> None:
        catalog = snapshot.catalog
        if not files.missing(catalog.state, catalog.day, catalog.minimum_n):
            return
        live = queries.current_publication(db.session)
        latest = live.updated_at or live.published_at if live else None
        if latest is None or clock.utc_now() - latest < EXPORTS_AFTER_PUBLISH:
            return  # just published: the importing machine is writing them
        files.write_in_background(flask_app, catalog.state, catalog.day, catalog.minimum_n)

    return follow


def warm_pages(flask_app: Any) -> None:
    """Open WARM_PAGES in every language inside the process (nothing is sent anywhere),
    and make the first providers' card words in each."""
    from app.search import live_catalog
    from app.web.search_words import prepare_card_words

    client = flask_app.test_client()
    for code in flask_app.config["LANGUAGES"]:
        query = {"lang": code} if code != "nl" else None
        for path in WARM_PAGES:
            client.get(path, query_string=query)
        with flask_app.test_request_context("/zoeken", query_string=query):
            catalog = live_catalog()
            if catalog is not None:
                prepare_card_words(catalog)


def refuse_bad_settings() -> None:
    """Stop with one line, before gunicorn starts anything, when a production setting is
    missing (gunicorn.conf.py calls it)."""
    from app.config import Config, settings_problem

    problem = settings_problem({k: getattr(Config, k) for k in dir(Config) if k.isupper()})
    if problem:
        raise SystemExit(f"Kies je zorgaanbieder Twente does not start: {problem}")
