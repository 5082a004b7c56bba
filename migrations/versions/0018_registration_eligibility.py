"""Title registration at the start of the year (issue 13, point 2): a unit's
registration, reviewed by the Office, and its lines; a nomination of someone who
did not register keeps the stated reason.

Revision ID: 0018_registration_eligibility
Revises: 0017_movements_budget
"""

import sqlalchemy as sa
from alembic import op

revision = "0018_registration_eligibility"
down_revision = "0017_movements_budget"
branch_labels = None
depends_on = None

STATES = ("draft", "submitted", "returned", "resubmitted", "accepted")


def upgrade():
    op.create_table(
        "registrations",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("unit_id", sa.Integer(), sa.ForeignKey("units.id"), nullable=False),
        sa.Column("period_id", sa.Integer(), sa.ForeignKey("plan_periods.id"), nullable=False),
        sa.Column("year", sa.Integer(), nullable=False),
        sa.Column("deadline_id", sa.Integer(), sa.ForeignKey("deadlines.id"), nullable=True),
        sa.Column("note", sa.Text(), nullable=False),
        sa.Column("late", sa.Boolean(), nullable=False),
        sa.Column("late_acceptance_reason", sa.Text(), nullable=False),
        sa.Column(
            "state",
            sa.Enum(*STATES, name="reviewstate", native_enum=False, length=40),
            nullable=False,
        ),
        sa.Column("submitted_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("last_submitted_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("accepted_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("return_reason", sa.Text(), nullable=False),
        sa.Column("accepted_by_id", sa.Integer(), sa.ForeignKey("users.id"), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("lock_version", sa.Integer(), server_default="1", nullable=False),
        sa.UniqueConstraint("unit_id", "year"),
    )
    for column in ("unit_id", "period_id", "year", "deadline_id", "state"):
        op.create_index(f"ix_registrations_{column}", "registrations", [column])
    op.create_table(
        "registration_entries",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("unit_id", sa.Integer(), sa.ForeignKey("units.id"), nullable=False),
        sa.Column(
            "registration_id", sa.Integer(), sa.ForeignKey("registrations.id"), nullable=False
        ),
        sa.Column("award_title_id", sa.Integer(), sa.ForeignKey("award_titles.id"), nullable=False),
        sa.Column(
            "kind",
            sa.Enum("collective", "individual", name="exemplarkind", native_enum=False, length=40),
            nullable=False,
        ),
        sa.Column("nominee_key", sa.String(40), nullable=False),
        sa.Column("user_id", sa.Integer(), sa.ForeignKey("users.id"), nullable=True),
        sa.Column("exemplar_id", sa.Integer(), sa.ForeignKey("exemplars.id"), nullable=True),
        sa.Column("name", sa.String(255), nullable=False),
        sa.UniqueConstraint("registration_id", "award_title_id", "nominee_key"),
    )
    for column in (
        "unit_id",
        "registration_id",
        "award_title_id",
        "nominee_key",
        "user_id",
        "exemplar_id",
    ):
        op.create_index(f"ix_registration_entries_{column}", "registration_entries", [column])
    with op.batch_alter_table("nominations") as batch:
        batch.add_column(
            sa.Column("unregistered_reason", sa.Text(), server_default="", nullable=False)
        )


def downgrade():
    with op.batch_alter_table("nominations") as batch:
        batch.drop_column("unregistered_reason")
    op.drop_table("registration_entries")
    op.drop_table("registrations")
