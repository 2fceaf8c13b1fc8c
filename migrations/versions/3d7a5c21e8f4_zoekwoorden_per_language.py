"""zoekwoorden per language for services and themes

Revision ID: 3d7a5c21e8f4
Revises: 9c1f2e7a4b10
Create Date: 2026-11-24 06:00:00

Services get the words residents type for them, and themes replace their mixed list of
synonyms with the same shape: per language code, a list of words and phrases. The next
import fills both from data/reference/ (the reference tables are a copy of those files).
"""

from alembic import op
import sqlalchemy as sa


revision = "3d7a5c21e8f4"
down_revision = "9c1f2e7a4b10"
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table("dienst") as batch_op:
        batch_op.add_column(
            sa.Column("zoekwoorden", sa.JSON(), nullable=False, server_default="{}")
        )
    with op.batch_alter_table("thema") as batch_op:
        batch_op.add_column(
            sa.Column("zoekwoorden", sa.JSON(), nullable=False, server_default="{}")
        )
        batch_op.drop_column("synoniemen")


def downgrade():
    with op.batch_alter_table("thema") as batch_op:
        batch_op.add_column(
            sa.Column("synoniemen", sa.JSON(), nullable=False, server_default="[]")
        )
        batch_op.drop_column("zoekwoorden")
    with op.batch_alter_table("dienst") as batch_op:
        batch_op.drop_column("zoekwoorden")
