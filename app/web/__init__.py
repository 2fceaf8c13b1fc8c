"""The HTML site: one module per page family (start, results, providers, compare, info,
errors) and what all pages share (i18n, display helpers, sharing, headers, caching,
compression, static files, health checks, template globals)."""

from __future__ import annotations

from flask import Flask


def register_web(app: Flask) -> None:
    """The page blueprints, health checks, error pages, template globals, response
    headers, HTTP caching, compression and the fingerprinted static files."""
    from app.web import changes, compare, errors, health, history, info, providers, results, start
    from app.web.caching import register_caching
    from app.web.compression import register_compression
    from app.web.headers import register_headers
    from app.web.static_files import register_static_files
    from app.web.template_globals import register_template_globals

    for module in (start, results, history, changes, providers, info, compare, health):
        app.register_blueprint(module.bp)
    providers.prepare_with_each_catalog(app)
    errors.register(app)
    register_template_globals(app)
    register_headers(app)
    register_caching(app)
    register_compression(app)
    register_static_files(app)
