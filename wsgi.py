"""WSGI entry point: `flask --app wsgi run`, gunicorn (gunicorn.conf.py) or any WSGI server
(`wsgi:app`). A missing production setting stops it with one line that names it."""

from app import create_app
from app.config import SettingsError

try:
    app = create_app()
except SettingsError as error:
    raise SystemExit(f"Kies je zorgaanbieder Twente does not start: {error}") from None
