"""Settings read from environment variables, with safe defaults.

Paths are absolute and derived from the project root, so nothing depends on the
working directory the app was started from.
"""

from __future__ import annotations

import os
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parent.parent


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
    # Figures based on fewer clients than this are shown as "te weinig gegevens".
    MINIMUM_N = _int_env("MINIMUM_N", 10)
    # Where "meld een fout" links send their e-mail.
    # Where "report an error" mails go. The default is a reserved .example address for the
    # demo: set the real mailbox of the register keepers in production.
    ERROR_REPORT_EMAIL = os.environ.get("ERROR_REPORT_EMAIL", "register@kiesjezorgtwente.example")
    BABEL_DEFAULT_LOCALE = "nl"
    BABEL_TRANSLATION_DIRECTORIES = str(PROJECT_ROOT / "app" / "translations")
    # Dutch first (the message ids are Dutch); the rest in the order of the language choice.
    LANGUAGES = ("nl", "en", "tr", "ar", "pl", "uk")
    SQLALCHEMY_ENGINE_OPTIONS = {"pool_pre_ping": True}
    # Only needed for the CLI's flash-free pages; visitors never get a session cookie.
    SECRET_KEY = os.environ.get("SECRET_KEY", "not-used-for-visitors")
