"""Flask extensions, created unbound so that models and blueprints can import them."""

from typing import TYPE_CHECKING, Any, TypeAlias

from flask_babel import Babel
from flask_migrate import Migrate
from flask_sqlalchemy import SQLAlchemy
from sqlalchemy import MetaData, event
from sqlalchemy.engine import Engine
from sqlalchemy.orm import DeclarativeBase, Session, scoped_session


class Base(DeclarativeBase):
    # Named constraints so that Alembic migrations behave the same on SQLite and PostgreSQL.
    metadata = MetaData(
        naming_convention={
            "ix": "ix_%(column_0_label)s",
            "uq": "uq_%(table_name)s_%(column_0_name)s",
            "ck": "ck_%(table_name)s_%(constraint_name)s",
            "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
            "pk": "pk_%(table_name)s",
        }
    )


db = SQLAlchemy(model_class=Base)
# A database session as the domain functions take it: a plain Session (tests, the CLI's
# import) or Flask-SQLAlchemy's per-request scoped session, which behaves as one.
DbSession: TypeAlias = Session | scoped_session[Any]

if TYPE_CHECKING:
    # db.Model is made at run time from Base; the type checker sees Base.
    Model = Base
else:
    Model = db.Model
migrate = Migrate()
babel = Babel()


@event.listens_for(Engine, "connect")
def _sqlite_enforces_foreign_keys(dbapi_connection: Any, connection_record: Any) -> None:
    """SQLite ignores foreign keys unless asked; PostgreSQL always checks them.
    Asking SQLite too means a bug shows up in development, not first in production."""
    if type(dbapi_connection).__module__.startswith("sqlite3"):
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.close()
