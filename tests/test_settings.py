"""Settings that fail loudly in production, and the production server's own settings."""

from __future__ import annotations

import os
import runpy
import subprocess
import sys

import pytest

from app import create_app
from app.config import DEMO_ERROR_REPORT_EMAIL, PROJECT_ROOT, SettingsError

PRODUCTION = {
    "PUBLIC_URL": "https://kiezen.example.nl",
    "ERROR_REPORT_EMAIL": "register@samen14.nl",
}


def start(database_url: str, **settings: str):  # type: ignore[no-untyped-def]
    return create_app({"SQLALCHEMY_DATABASE_URI": database_url, "TESTING": True, **settings})


@pytest.mark.parametrize(
    "email",
    [
        DEMO_ERROR_REPORT_EMAIL,
        "",
        "fouten@example.com",
        "fouten@register.test",
        "geen-adres",
        "a@localhost",
    ],
)
def test_production_refuses_to_start_without_a_real_error_mailbox(database_url, email):
    with pytest.raises(SettingsError) as refused:
        start(database_url, **{**PRODUCTION, "ERROR_REPORT_EMAIL": email})
    message = str(refused.value)
    assert message.startswith("ERROR_REPORT_EMAIL ") and "\n" not in message


@pytest.mark.parametrize(
    "url", ["kiezen.example.nl", "ftp://kiezen.example.nl", "https://x.nl/?a=1"]
)
def test_a_public_url_must_be_an_address(database_url, url):
    with pytest.raises(SettingsError, match=r"^PUBLIC_URL "):
        start(database_url, **{**PRODUCTION, "PUBLIC_URL": url})


def test_production_with_its_settings_and_development_without_them_start(database_url):
    assert start(database_url, **PRODUCTION).config["PUBLIC_URL"] == "https://kiezen.example.nl"
    assert start(database_url).config["ERROR_REPORT_EMAIL"] == DEMO_ERROR_REPORT_EMAIL


def test_an_error_hook_that_cannot_be_loaded_is_refused_at_start(database_url):
    with pytest.raises(SettingsError, match=r"^ERROR_HOOK 'nowhere:nothing' cannot be loaded"):
        start(database_url, ERROR_HOOK="nowhere:nothing")


def _refusal(command: list[str], database_url: str) -> list[str]:
    """Start `command` in production without a real error mailbox; its stderr lines."""
    env = {
        k: v for k, v in os.environ.items() if k not in ("ERROR_REPORT_EMAIL", "GUNICORN_CMD_ARGS")
    }
    env.update(PUBLIC_URL="https://kiezen.example.nl", DATABASE_URL=database_url)
    done = subprocess.run(
        command, cwd=PROJECT_ROOT, env=env, capture_output=True, text=True, timeout=60
    )
    assert done.returncode != 0
    return done.stderr.strip().splitlines()


def test_gunicorn_and_the_wsgi_module_refuse_in_one_line_that_names_the_setting(database_url):
    gunicorn = _refusal([sys.executable, "-m", "gunicorn", "--bind", "127.0.0.1:0"], database_url)
    wsgi = _refusal([sys.executable, "-c", "import wsgi"], database_url)
    for lines in (gunicorn, wsgi):
        assert len(lines) == 1 and "ERROR_REPORT_EMAIL" in lines[0], lines


def test_gunicorn_conf_reads_web_concurrency_and_binds_locally(monkeypatch):
    monkeypatch.delenv("WEB_CONCURRENCY", raising=False)
    default = runpy.run_path(str(PROJECT_ROOT / "gunicorn.conf.py"))
    assert default["workers"] == max(2, len(os.sched_getaffinity(0)))
    assert default["bind"] == ["127.0.0.1:8000"] and default["wsgi_app"] == "wsgi:app"
    assert default["logger_class"] == "app.server.PrivateLogger"
    assert default["timeout"] and default["graceful_timeout"] and default["max_requests"]
    monkeypatch.setenv("WEB_CONCURRENCY", "5")
    assert runpy.run_path(str(PROJECT_ROOT / "gunicorn.conf.py"))["workers"] == 5


def test_a_worker_that_boots_longer_than_the_timeout_keeps_its_heartbeat(monkeypatch):
    import time
    from types import SimpleNamespace

    from app import server

    monkeypatch.setattr(server, "BEAT", 0.02)
    beats: list[float] = []
    worker = SimpleNamespace(booted=False, notify=lambda: beats.append(time.monotonic()))
    server.keep_alive_while_booting(worker)
    time.sleep(0.3)  # loading the app, building a large catalog
    worker.booted = True
    booted = time.monotonic()
    time.sleep(0.2)
    assert len(beats) >= 3 and all(beat <= booted + 0.02 for beat in beats)
