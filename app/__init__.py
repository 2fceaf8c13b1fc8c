"""Kies je zorgaanbieder Twente: find and compare contracted care providers."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Any

from flask import Flask

from app.config import PROJECT_ROOT, Config, check_settings, site_version


def create_app(config: Mapping[str, Any] | None = None) -> Flask:
    """Application factory: settings (refused when production would run without one),
    extensions, the site, the open-data API, the CLI."""
    app = Flask(
        __name__,
        template_folder=str(PROJECT_ROOT / "templates"),
        static_folder=str(PROJECT_ROOT / "static"),
        instance_path=str(PROJECT_ROOT / "instance"),
    )
    # Templates without the blank lines of their {% %} tags: smaller pages.
    app.jinja_env.trim_blocks = True
    app.jinja_env.lstrip_blocks = True
    app.config.from_object(Config)
    if config:
        app.config.update(config)
    check_settings(app.config)
    app.config["SITE_VERSION"] = site_version(app.config)
    _ensure_sqlite_folder(app)
    register_extensions(app)
    register_site(app)
    register_cli(app)
    return app


def _ensure_sqlite_folder(app: Flask) -> None:
    uri = app.config["SQLALCHEMY_DATABASE_URI"]
    if uri.startswith("sqlite:///") and not uri.startswith("sqlite:///:memory:"):
        Path(uri.removeprefix("sqlite:///")).parent.mkdir(parents=True, exist_ok=True)


def register_extensions(app: Flask) -> None:
    """Database, migrations, translations, the per-process search state and the export
    files."""
    from app.domain import models  # noqa: F401  (models must be known before migrations run)
    from app.domain.published_reference import PublishedReference
    from app.extensions import babel, db, migrate
    from app.opendata.exports.files import ExportFiles
    from app.search.catalog_cache import CatalogCache
    from app.search.index import IndexStore
    from app.web.i18n import select_locale

    db.init_app(app)
    migrate.init_app(app, db, directory=str(PROJECT_ROOT / "migrations"), render_as_batch=True)
    babel.init_app(app, locale_selector=select_locale)
    app.extensions["search_index"] = IndexStore(app.config["SEARCH_INDEX_DIR"])
    app.extensions["reference"] = PublishedReference(app.config["REFERENCE_DIR"])
    app.extensions["catalog"] = CatalogCache()
    app.extensions["exports"] = ExportFiles(Path(app.config["SEARCH_INDEX_DIR"]) / "exports")


def register_site(app: Flask) -> None:
    """The HTML pages and the open-data API."""
    from app.opendata import register_opendata
    from app.web import register_web

    register_web(app)
    register_opendata(app)


def register_cli(app: Flask) -> None:
    """`flask register ...` and `flask index ...`."""
    from app.cli import index_cli
    from app.cli import register_cli as register_group

    app.cli.add_command(register_group)
    app.cli.add_command(index_cli)
