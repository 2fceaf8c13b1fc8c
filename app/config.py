"""Settings read from environment variables, with safe defaults, and the checks that
make a production start fail loudly when one is missing.

Paths are absolute and derived from the project root, so nothing depends on the
working directory the app was started from.
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Mapping
from functools import cache
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

PROJECT_ROOT = Path(__file__).resolve().parent.parent
DEMO_ERROR_REPORT_EMAIL = "register@kiesjezorgtwente.example"
# Domains reserved for examples and tests (RFC 2606, RFC 6761): never a real mailbox.
_RESERVED_DOMAINS = ("example", "example.com", "example.net", "example.org", "test", "invalid")


def _int_env(name: str, default: int) -> int:
    """Read an integer setting; a malformed value falls back to the default."""
    try:
        return int(os.environ.get(name, default))
    except ValueError:
        return default


class Config:
    """Production defaults; every value can be overridden from the environment."""

    SQLALCHEMY_DATABASE_URI = os.environ.get(
        "DATABASE_URL", f"sqlite:///{PROJECT_ROOT / 'instance' / 'kiesjezorg.sqlite'}"
    )
    SEARCH_INDEX_DIR = os.environ.get("SEARCH_INDEX_DIR", str(PROJECT_ROOT / "search_index"))
    REFERENCE_DIR = os.environ.get("REFERENCE_DIR", str(PROJECT_ROOT / "data" / "reference"))
    DEMO_REGISTER = str(PROJECT_ROOT / "data" / "demo" / "register.xlsx")
    DEMO_AVAILABILITY = str(PROJECT_ROOT / "data" / "demo" / "beschikbaarheid.xlsx")
    # Where the register commands write the details of a problem (the keeper's terminal
    # gets one line, never a traceback).
    REGISTER_LOG = os.environ.get("REGISTER_LOG", str(PROJECT_ROOT / "instance" / "register.log"))
    # The static files under their fingerprinted names, with .gz and .br beside them
    # (generated from static/ when the app starts; nginx may serve this folder itself).
    STATIC_BUILD_DIR = os.environ.get("STATIC_BUILD_DIR", str(PROJECT_ROOT / "static_build"))
    # Figures based on fewer clients than this are shown as "te weinig gegevens".
    MINIMUM_N = _int_env("MINIMUM_N", 10)
    # The public address of the site (https://kiezen.example.nl): the only source of
    # absolute links once set. Empty in development: links follow the request.
    PUBLIC_URL = os.environ.get("PUBLIC_URL", "").strip().rstrip("/")
    # Where "report an error" mails go. The default is a reserved .example address for the
    # demo: with PUBLIC_URL set, the app refuses to start until the real mailbox is set.
    ERROR_REPORT_EMAIL = os.environ.get("ERROR_REPORT_EMAIL", DEMO_ERROR_REPORT_EMAIL)
    # "module:function" called with every unexpected error (error monitoring); off when empty.
    ERROR_HOOK = os.environ.get("ERROR_HOOK", "")
    # Identifies the deployed code in validators (ETag); by default a digest of the code.
    SITE_VERSION = os.environ.get("SITE_VERSION", "")
    BABEL_DEFAULT_LOCALE = "nl"
    BABEL_TRANSLATION_DIRECTORIES = str(PROJECT_ROOT / "app" / "translations")
    # Dutch first (the message ids are Dutch); the rest in the order of the language choice.
    LANGUAGES = ("nl", "en", "tr", "ar", "pl", "uk")
    SQLALCHEMY_ENGINE_OPTIONS = {"pool_pre_ping": True}
    # Only needed for the CLI's flash-free pages; visitors never get a session cookie.
    SECRET_KEY = os.environ.get("SECRET_KEY", "not-used-for-visitors")


class SettingsError(RuntimeError):
    """A setting production cannot run without; the message is one line."""


def settings_problem(config: Mapping[str, Any]) -> str | None:
    """The first setting that stops the site from running in production, in one line."""
    public_url = config.get("PUBLIC_URL") or ""
    if not public_url:
        return None  # development: links follow the request, demo defaults are fine
    parts = urlsplit(public_url)
    if parts.scheme not in ("http", "https") or not parts.netloc or parts.query or parts.fragment:
        return (
            "PUBLIC_URL must be the site's address, like https://kiezen.example.nl "
            f"(it is {public_url!r})."
        )
    email = str(config.get("ERROR_REPORT_EMAIL") or "")
    domain = email.rpartition("@")[2].lower()
    if "@" not in email or "." not in domain or domain.endswith(_RESERVED_DOMAINS):
        return (
            "ERROR_REPORT_EMAIL must be the register keepers' real mailbox when PUBLIC_URL "
            f"is set (it is {email!r})."
        )
    return None


def check_settings(config: Mapping[str, Any]) -> None:
    """Raise SettingsError, naming the setting, when production would run without it."""
    problem = settings_problem(config)
    if problem:
        raise SettingsError(problem)


@cache
def code_digest() -> str:
    """A digest of the deployed code, templates, static files and translations: the same
    on every machine that runs the same release, different after any change to them."""
    digest = hashlib.sha256()
    for folder in ("app", "templates", "static"):
        for path in sorted((PROJECT_ROOT / folder).rglob("*")):
            if path.is_file() and path.suffix not in (".pyc", ".mo"):
                digest.update(str(path.relative_to(PROJECT_ROOT)).encode())
                digest.update(path.read_bytes())
    return digest.hexdigest()[:12]


def site_version(config: Mapping[str, Any]) -> str:
    """What identifies this site's pages besides the register and the day: SITE_VERSION
    when set, else the code digest with the settings that show in pages."""
    if config.get("SITE_VERSION"):
        return str(config["SITE_VERSION"])
    shown = "|".join(str(config.get(k)) for k in ("PUBLIC_URL", "ERROR_REPORT_EMAIL", "MINIMUM_N"))
    return hashlib.sha256(f"{code_digest()}|{shown}".encode()).hexdigest()[:12]
