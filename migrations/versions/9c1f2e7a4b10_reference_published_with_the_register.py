"""reference data published with the register

Revision ID: 9c1f2e7a4b10
Revises: 64a956b36ef6
Create Date: 2026-11-23 05:00:00

The import run that publishes a register now keeps the reference document it was
published with; pages, the API and the catalog read it from there.
"""

from alembic import op
import sqlalchemy as sa


revision = "9c1f2e7a4b10"
down_revision = "64a956b36ef6"
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table("import_run") as batch_op:
        batch_op.add_column(sa.Column("referentie", sa.JSON(), nullable=True))


def downgrade():
    with op.batch_alter_table("import_run") as batch_op:
        batch_op.drop_column("referentie")
