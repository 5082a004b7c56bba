"""Emulation movements (issue 13, point 1) and the programme's yearly budget (point 6):
movements with their taking-part units and reward forms; exemplars and propagation
activities link to a movement; training and fostering record their cost like
propagation does; the Office's budget per year and unit.

Revision ID: 0017_movements_budget
Revises: 0016_awards
"""

import sqlalchemy as sa
from alembic import op

revision = "0017_movements_budget"
down_revision = "0016_awards"
branch_labels = None
depends_on = None


def _timestamps_and_version() -> list:
    return [
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("lock_version", sa.Integer(), server_default="1", nullable=False),
    ]


def _create_movements() -> None:
    op.create_table(
        "movements",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("organization_id", sa.Integer(), nullable=False),
        sa.Column("unit_id", sa.Integer(), nullable=True),
        sa.Column("name", sa.String(length=500), nullable=False),
        sa.Column("purpose", sa.Text(), nullable=False),
        sa.Column("start_date", sa.Date(), nullable=False),
        sa.Column("end_date", sa.Date(), nullable=False),
        sa.Column("criteria_set_id", sa.Integer(), nullable=True),
        sa.Column(
            "review_kind",
            sa.Enum("preliminary", "final", name="reviewkind", native_enum=False, length=40),
            nullable=True,
        ),
        sa.Column("review_date", sa.Date(), nullable=True),
        sa.Column("review_summary", sa.Text(), nullable=False),
        sa.Column("document_name", sa.String(length=255), nullable=False),
        sa.Column("document_stored_name", sa.String(length=64), nullable=False),
        sa.Column("document_kind", sa.String(length=16), nullable=False),
        sa.Column("created_by_id", sa.Integer(), nullable=True),
        *_timestamps_and_version(),
        sa.ForeignKeyConstraint(
            ["organization_id"],
            ["organizations.id"],
            name=op.f("fk_movements_organization_id_organizations"),
        ),
        sa.ForeignKeyConstraint(["unit_id"], ["units.id"], name=op.f("fk_movements_unit_id_units")),
        sa.ForeignKeyConstraint(
            ["criteria_set_id"],
            ["criteria_sets.id"],
            name=op.f("fk_movements_criteria_set_id_criteria_sets"),
        ),
        sa.ForeignKeyConstraint(
            ["created_by_id"], ["users.id"], name=op.f("fk_movements_created_by_id_users")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_movements")),
    )
    with op.batch_alter_table("movements") as batch:
        batch.create_index(batch.f("ix_movements_organization_id"), ["organization_id"])
        batch.create_index(batch.f("ix_movements_unit_id"), ["unit_id"])
        batch.create_index(batch.f("ix_movements_start_date"), ["start_date"])
    op.create_table(
        "movement_units",
        sa.Column("movement_id", sa.Integer(), nullable=False),
        sa.Column("unit_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["movement_id"],
            ["movements.id"],
            name=op.f("fk_movement_units_movement_id_movements"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["unit_id"], ["units.id"], name=op.f("fk_movement_units_unit_id_units")
        ),
        sa.PrimaryKeyConstraint("movement_id", "unit_id", name=op.f("pk_movement_units")),
    )
    with op.batch_alter_table("movement_units") as batch:
        batch.create_index(batch.f("ix_movement_units_unit_id"), ["unit_id"])
    op.create_table(
        "movement_award_titles",
        sa.Column("movement_id", sa.Integer(), nullable=False),
        sa.Column("award_title_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["movement_id"],
            ["movements.id"],
            name=op.f("fk_movement_award_titles_movement_id_movements"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["award_title_id"],
            ["award_titles.id"],
            name=op.f("fk_movement_award_titles_award_title_id_award_titles"),
        ),
        sa.PrimaryKeyConstraint(
            "movement_id", "award_title_id", name=op.f("pk_movement_award_titles")
        ),
    )


def _create_budgets() -> None:
    op.create_table(
        "programme_budgets",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("organization_id", sa.Integer(), nullable=False),
        sa.Column("year", sa.Integer(), nullable=False),
        sa.Column("unit_id", sa.Integer(), nullable=True),
        sa.Column("amount_vnd", sa.BigInteger(), nullable=False),
        sa.Column("note", sa.String(length=500), nullable=False),
        *_timestamps_and_version(),
        sa.ForeignKeyConstraint(
            ["organization_id"],
            ["organizations.id"],
            name=op.f("fk_programme_budgets_organization_id_organizations"),
        ),
        sa.ForeignKeyConstraint(
            ["unit_id"], ["units.id"], name=op.f("fk_programme_budgets_unit_id_units")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_programme_budgets")),
    )
    with op.batch_alter_table("programme_budgets") as batch:
        batch.create_index(batch.f("ix_programme_budgets_organization_id"), ["organization_id"])
        batch.create_index(batch.f("ix_programme_budgets_year"), ["year"])
        batch.create_index(batch.f("ix_programme_budgets_unit_id"), ["unit_id"])


def upgrade():
    _create_movements()
    _create_budgets()
    for table in ("exemplars", "propagation_activities"):
        with op.batch_alter_table(table) as batch:
            batch.add_column(sa.Column("movement_id", sa.Integer(), nullable=True))
            batch.create_foreign_key(
                batch.f(f"fk_{table}_movement_id_movements"), "movements", ["movement_id"], ["id"]
            )
            batch.create_index(batch.f(f"ix_{table}_movement_id"), ["movement_id"])
    for table in ("training_records", "fostering_actions"):
        with op.batch_alter_table(table) as batch:
            batch.add_column(sa.Column("cost_vnd", sa.BigInteger(), nullable=True))


def downgrade():
    for table in ("training_records", "fostering_actions"):
        with op.batch_alter_table(table) as batch:
            batch.drop_column("cost_vnd")
    for table in ("exemplars", "propagation_activities"):
        with op.batch_alter_table(table) as batch:
            batch.drop_index(batch.f(f"ix_{table}_movement_id"))
            batch.drop_constraint(batch.f(f"fk_{table}_movement_id_movements"), type_="foreignkey")
            batch.drop_column("movement_id")
    op.drop_table("programme_budgets")
    op.drop_table("movement_award_titles")
    op.drop_table("movement_units")
    op.drop_table("movements")
