"""The HTML site: one module per page family (start, results, providers, compare, info,
errors) and what all pages share (i18n, display helpers, sharing, headers,
compression, template globals)."""

from __future__ import annotations

from flask import Flask


def register_web(app: Flask) -> None:
    """The page blueprints, error pages, template globals and response headers."""
    from app.web import compare, errors, history, info, providers, results, start
    from app.web.compression import register_compression
    from app.web.headers import register_headers
    from app.web.template_globals import register_template_globals

    for module in (start, results, history, providers, info, compare):
        app.register_blueprint(module.bp)
    errors.register(app)
    register_template_globals(app)
    register_headers(app)
    register_compression(app)
