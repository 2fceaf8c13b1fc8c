"""register text without length limits

Revision ID: 5b7d0e2c9a31
Revises: 3d7a5c21e8f4
Create Date: 2026-11-24 09:00:00

REGISTER.md sets no length for ids, names, contact details or addresses, so the import
keeps a long cell (with a warning) instead of refusing it; these columns become TEXT.
On SQLite the tables are rebuilt (batch mode; migrations/env.py switches foreign keys
off while it runs, so rebuilding `aanbieder` does not cascade to its rows elsewhere).
"""

from alembic import op
import sqlalchemy as sa


revision = "5b7d0e2c9a31"
down_revision = "3d7a5c21e8f4"
branch_labels = None
depends_on = None

# table -> [(column, old length, nullable)]
COLUMNS = {
    "aanbieder": [
        ("id", 40, False),
        ("naam", 300, False),
        ("website", 500, True),
        ("telefoon", 40, True),
        ("email", 300, True),
    ],
    "aanbieder_thema": [("aanbieder_id", 40, False)],
    "aanbieder_taal": [("aanbieder_id", 40, False)],
    "locatie": [
        ("aanbieder_id", 40, False),
        ("naam", 300, True),
        ("straat", 300, True),
        ("huisnummer", 20, True),
        ("plaats", 100, True),
    ],
    "contract": [("aanbieder_id", 40, False)],
    "kwaliteitscijfer": [("aanbieder_id", 40, False)],
}


def _alter(widen: bool) -> None:
    for table, columns in COLUMNS.items():
        with op.batch_alter_table(table) as batch_op:
            for name, length, nullable in columns:
                old, new = sa.String(length=length), sa.Text()
                batch_op.alter_column(
                    name,
                    existing_type=old if widen else new,
                    type_=new if widen else old,
                    existing_nullable=nullable,
                )


def upgrade():
    _alter(widen=True)


def downgrade():
    _alter(widen=False)
