"""Logs that keep the promise: whatever gunicorn is told to write, its access log has
no address, query string or user agent; the error log none either; the app's errors go
there with their stack trace, and to the error-monitoring hook when one is configured."""

from __future__ import annotations

import datetime as dt
import logging
import sys
from types import SimpleNamespace

from gunicorn.config import Config as GunicornConfig

from app import create_app
from app.server import REGISTER_KEY, PrivateLogger, ScrubFilter

REPORTED: list[tuple[BaseException, dict]] = []


def record_error(error: BaseException, context: dict) -> None:
    """An error-monitoring hook for the test (ERROR_HOOK=tests.test_logs:record_error)."""
    REPORTED.append((error, context))


def test_any_access_log_format_gets_only_the_private_fields(tmp_path):
    log_file = tmp_path / "access.log"
    cfg = GunicornConfig()
    cfg.set("accesslog", str(log_file))
    cfg.set("errorlog", str(tmp_path / "error.log"))
    hostile = "%(h)s %(r)s %(q)s %(a)s %(U)s %(f)s %({user-agent}i)s %({x-forwarded-for}i)s"
    cfg.set("access_log_format", f"{hostile} | %(method)s %(path)s %(status)s %(ms)s %(register)s")
    environ = {
        "REQUEST_METHOD": "GET",
        "PATH_INFO": "/zoeken",
        "QUERY_STRING": "q=autisme",
        "RAW_URI": "/zoeken?q=autisme",
        "REMOTE_ADDR": "192.168.1.20",
        "HTTP_USER_AGENT": "GeheimeBrowser/1.0",
        "HTTP_REFERER": "https://elders.example/?q=autisme",
        "SERVER_PROTOCOL": "HTTP/1.1",
        REGISTER_KEY: "7",
    }
    request = SimpleNamespace(
        headers=[("USER-AGENT", "GeheimeBrowser/1.0"), ("X-FORWARDED-FOR", "10.1.2.3")]
    )
    response = SimpleNamespace(status="200 OK", sent=1234, headers=[])
    PrivateLogger(cfg).access(response, request, environ, dt.timedelta(milliseconds=12))
    assert log_file.read_text() == "- - - - - - - - | GET /zoeken 200 12 7\n"


def _scrubbed(message: str, *args: object, error: Exception | None = None) -> logging.LogRecord:
    exc_info = None
    if error is not None:
        try:
            raise error
        except Exception:
            exc_info = sys.exc_info()
    record = logging.LogRecord("gunicorn.error", logging.WARNING, "", 0, message, args, exc_info)
    ScrubFilter().filter(record)
    return record


def test_the_error_log_loses_client_addresses_and_query_strings():
    invalid = _scrubbed(
        "Invalid request from ip={}: {}".format("203.0.113.9", "Invalid HTTP Header: 'x'")
    )
    assert invalid.getMessage() == "Invalid request: Invalid HTTP Header: 'x'"
    ipv6 = _scrubbed("Invalid request from ip=2001:db8::7: bad")
    assert ipv6.getMessage() == "Invalid request: bad"
    failed = _scrubbed(
        "Error handling request %s %s",
        "GET",
        "/zoeken?q=autisme",
        error=ValueError("/zoeken?q=autisme"),
    )
    assert failed.getMessage() == "Error handling request GET /zoeken"
    assert "ValueError: /zoeken" in (failed.exc_text or "") and "autisme" not in (
        failed.exc_text or ""
    )


def test_an_unexpected_error_is_logged_with_its_trace_and_handed_to_the_hook(database_url, caplog):
    app = create_app(
        {
            "SQLALCHEMY_DATABASE_URI": database_url,
            "TESTING": True,
            "ERROR_HOOK": "tests.test_logs:record_error",
        }
    )

    def broken() -> str:
        raise RuntimeError("kapot")

    app.add_url_rule("/kapot", "broken", broken)
    REPORTED.clear()
    with caplog.at_level(logging.ERROR, logger="app"):
        response = app.test_client().get("/kapot?q=autisme")
    assert response.status_code == 500 and response.headers["Cache-Control"] == "no-store"
    [record] = [r for r in caplog.records if r.name == "app.web.errors"]
    assert record.getMessage() == "unexpected error on GET /kapot" and record.exc_info
    assert "autisme" not in caplog.text
    [(error, context)] = REPORTED
    assert isinstance(error, RuntimeError) and context == {"method": "GET", "path": "/kapot"}
