"""changed and checked, and the history of every provider

Revision ID: 7e4a1c9d2f58
Revises: 5b7d0e2c9a31
Create Date: 2026-11-24 10:00:00

Per provider the import that last changed its data and the latest import that contained
it; per figure the import that brought it; and `wijziging`, what each import changed for
each provider (kept for good). Existing rows get the published register's run: what is
live now was at least published then.
"""

from alembic import op
import sqlalchemy as sa


revision = "7e4a1c9d2f58"
down_revision = "5b7d0e2c9a31"
branch_labels = None
depends_on = None

PUBLISHED = (
    "(SELECT max(id) FROM import_run WHERE uitkomst = 'gepubliceerd' AND soort = 'import')"
)


def _run_column(batch_op, table, name):
    batch_op.add_column(sa.Column(name, sa.Integer(), nullable=True))
    batch_op.create_foreign_key(op.f(f"fk_{table}_{name}_import_run"), "import_run", [name], ["id"])


def upgrade():
    with op.batch_alter_table("aanbieder") as batch_op:
        _run_column(batch_op, "aanbieder", "gewijzigd_run_id")
        _run_column(batch_op, "aanbieder", "gecontroleerd_run_id")
    with op.batch_alter_table("kwaliteitscijfer") as batch_op:
        _run_column(batch_op, "kwaliteitscijfer", "ingevoerd_run_id")
    op.execute(
        f"UPDATE aanbieder SET gewijzigd_run_id = {PUBLISHED}, gecontroleerd_run_id = {PUBLISHED}"
    )
    op.execute(f"UPDATE kwaliteitscijfer SET ingevoerd_run_id = {PUBLISHED}")
    op.create_table(
        "wijziging",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("run_id", sa.Integer(), nullable=False),
        sa.Column("aanbieder_id", sa.Text(), nullable=False),
        sa.Column("soort", sa.String(length=30), nullable=False),
        sa.Column("veld", sa.String(length=60), nullable=True),
        sa.Column("dienst", sa.String(length=20), nullable=True),
        sa.Column("gemeente", sa.String(length=4), nullable=True),
        sa.Column("oud", sa.Text(), nullable=True),
        sa.Column("nieuw", sa.Text(), nullable=True),
        sa.ForeignKeyConstraint(
            ["aanbieder_id"], ["aanbieder.id"], name=op.f("fk_wijziging_aanbieder_id_aanbieder")
        ),
        sa.ForeignKeyConstraint(
            ["run_id"], ["import_run.id"], name=op.f("fk_wijziging_run_id_import_run")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_wijziging")),
    )
    with op.batch_alter_table("wijziging") as batch_op:
        batch_op.create_index(batch_op.f("ix_wijziging_aanbieder_id"), ["aanbieder_id"])


def downgrade():
    with op.batch_alter_table("wijziging") as batch_op:
        batch_op.drop_index(batch_op.f("ix_wijziging_aanbieder_id"))
    op.drop_table("wijziging")
    with op.batch_alter_table("kwaliteitscijfer") as batch_op:
        batch_op.drop_constraint("fk_kwaliteitscijfer_ingevoerd_run_id_import_run", "foreignkey")
        batch_op.drop_column("ingevoerd_run_id")
    with op.batch_alter_table("aanbieder") as batch_op:
        for name in ("gecontroleerd_run_id", "gewijzigd_run_id"):
            batch_op.drop_constraint(f"fk_aanbieder_{name}_import_run", "foreignkey")
            batch_op.drop_column(name)
