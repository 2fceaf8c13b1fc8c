"""Kies je zorgaanbieder Twente: find and compare contracted care providers."""
from __future__ import annotations

from typing import Any, Mapping

from flask import Flask

from app.compression import register_compression
from app.config import PROJECT_ROOT, Config
from app.privacy import register_privacy


def create_app(config: Mapping[str, Any] | None = None) -> Flask:
    """Application factory: settings, extensions, blueprints, CLI and error pages."""
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
    _ensure_sqlite_folder(app)
    register_extensions(app)
    register_blueprints(app)
    register_cli(app)
    register_privacy(app)
    register_compression(app)
    return app


def _ensure_sqlite_folder(app: Flask) -> None:
    uri = app.config["SQLALCHEMY_DATABASE_URI"]
    if uri.startswith("sqlite:///") and not uri.startswith("sqlite:///:memory:"):
        from pathlib import Path

        Path(uri.removeprefix("sqlite:///")).parent.mkdir(parents=True, exist_ok=True)


def register_extensions(app: Flask) -> None:
    from app import models  # noqa: F401  (models must be known before migrations run)
    from app.extensions import babel, db, migrate
    from app.i18n import select_locale
    from app.catalog import CatalogCache
    from app.reference import load_reference
    from app.search import IndexStore

    db.init_app(app)
    migrate.init_app(app, db, directory=str(PROJECT_ROOT / "migrations"), render_as_batch=True)
    babel.init_app(app, locale_selector=select_locale)
    app.extensions["search_index"] = IndexStore(app.config["SEARCH_INDEX_DIR"])
    app.extensions["reference"] = load_reference(app.config["REFERENCE_DIR"])
    app.extensions["catalog"] = CatalogCache()


def register_blueprints(app: Flask) -> None:
    from app.i18n import register_i18n_context
    from app.views import api, compare, errors, info, pages, providers, search
    from app.sharing import register_sharing
    from app.views.search_display import register_search_display

    app.register_blueprint(pages.bp)
    app.register_blueprint(search.bp)
    app.register_blueprint(providers.bp)
    app.register_blueprint(info.bp)
    app.register_blueprint(compare.bp)
    api.register(app)
    errors.register(app)
    pages.register_context(app)
    register_i18n_context(app)
    register_search_display(app)
    register_sharing(app)


def register_cli(app: Flask) -> None:
    from app.cli import index_cli, register_cli as register_group

    app.cli.add_command(register_group)
    app.cli.add_command(index_cli)
