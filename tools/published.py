"""An app with a register imported into a fresh database, for tools and benchmarks."""

from __future__ import annotations

from pathlib import Path

from flask import Flask


def published_app(register: Path, workdir: Path, database_url: str | None = None) -> Flask:
    """Create the app on a fresh SQLite file (or an emptied `database_url`), migrate it and
    import `register` the way `flask register import` does. Raises when the import fails."""
    from flask_migrate import upgrade

    from app import create_app
    from app.domain.reference import load_reference
    from app.extensions import db
    from app.register.publish import run_register

    url = database_url or f"sqlite:///{workdir / 'register.sqlite'}"
    app = create_app(
        {"SQLALCHEMY_DATABASE_URI": url, "SEARCH_INDEX_DIR": str(workdir / "search_index")}
    )
    with app.app_context():
        if url.startswith("postgresql"):
            db.session.execute(db.text("DROP SCHEMA public CASCADE; CREATE SCHEMA public"))
            db.session.commit()
        upgrade()
        ref = load_reference(app.config["REFERENCE_DIR"])
        result = run_register(db.session, register, ref, app.extensions["search_index"])
        if not result.ok:
            raise RuntimeError(f"import of {register} failed: {result.outcome}")
    return app
