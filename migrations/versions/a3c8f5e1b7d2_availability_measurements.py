"""availability measurements

Revision ID: a3c8f5e1b7d2
Revises: 7e4a1c9d2f58
Create Date: 2026-11-24 11:00:00

The weekly availability file (REGISTER.md, "The availability file"): every measurement
ever published, with the run that published it. Runs get room for the longer kinds
('beschikbaarheid', 'validatie beschikbaarheid').
"""

from alembic import op
import sqlalchemy as sa


revision = "a3c8f5e1b7d2"
down_revision = "7e4a1c9d2f58"
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table("import_run") as batch_op:
        batch_op.alter_column(
            "soort", existing_type=sa.String(length=12), type_=sa.String(length=30),
            existing_nullable=False,
        )
    op.create_table(
        "beschikbaarheid",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("run_id", sa.Integer(), nullable=False),
        sa.Column("aanbieder_id", sa.Text(), nullable=False),
        sa.Column("dienst_code", sa.String(length=20), nullable=True),
        sa.Column("gemeente_cbs", sa.String(length=4), nullable=True),
        sa.Column("wachttijd_weken", sa.Integer(), nullable=True),
        sa.Column("neemt_nieuwe_clienten", sa.String(length=10), nullable=True),
        sa.Column("peildatum", sa.Date(), nullable=False),
        sa.Column("bron", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(
            ["aanbieder_id"],
            ["aanbieder.id"],
            name=op.f("fk_beschikbaarheid_aanbieder_id_aanbieder"),
        ),
        sa.ForeignKeyConstraint(
            ["run_id"], ["import_run.id"], name=op.f("fk_beschikbaarheid_run_id_import_run")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_beschikbaarheid")),
    )
    with op.batch_alter_table("beschikbaarheid") as batch_op:
        batch_op.create_index(
            "ix_beschikbaarheid_plek",
            ["aanbieder_id", "dienst_code", "gemeente_cbs", "peildatum"],
        )
        batch_op.create_index(batch_op.f("ix_beschikbaarheid_run_id"), ["run_id"])


def downgrade():
    with op.batch_alter_table("beschikbaarheid") as batch_op:
        batch_op.drop_index("ix_beschikbaarheid_plek")
        batch_op.drop_index(batch_op.f("ix_beschikbaarheid_run_id"))
    op.drop_table("beschikbaarheid")
    with op.batch_alter_table("import_run") as batch_op:
        batch_op.alter_column(
            "soort", existing_type=sa.String(length=30), type_=sa.String(length=12),
            existing_nullable=False,
        )
