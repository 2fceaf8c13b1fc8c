"""an index on the changes of each import

Revision ID: c4e9a2d7f1b3
Revises: a3c8f5e1b7d2
Create Date: 2026-11-23 11:40:00

/wijzigingen counts and lists the changes per import: without an index on run_id every
import read would scan all changes ever recorded (20,000 providers: tens of thousands
per import).
"""

from alembic import op


revision = "c4e9a2d7f1b3"
down_revision = "a3c8f5e1b7d2"
branch_labels = None
depends_on = None


def upgrade():
    op.create_index("ix_wijziging_run_id", "wijziging", ["run_id"])


def downgrade():
    op.drop_index("ix_wijziging_run_id", table_name="wijziging")
