"""Records edited through forms carry a lock_version for optimistic concurrency
(issue 15: two people saving the same record never silently overwrite each other).

Revision ID: 0010
Revises: 0009
"""

import sqlalchemy as sa
from alembic import op

revision = "0010"
down_revision = "0009"
branch_labels = None
depends_on = None

VERSIONED_TABLES = (
    "announcements",
    "annual_reports",
    "award_titles",
    "congress_cycles",
    "congress_nominees",
    "congress_submissions",
    "consideration_rounds",
    "council_members",
    "criteria_items",
    "criteria_sets",
    "deadlines",
    "difficulties",
    "exemplar_evaluations",
    "exemplar_stories",
    "exemplars",
    "fostering_actions",
    "inspection_findings",
    "inspections",
    "nominations",
    "plan_periods",
    "propagation_activities",
    "self_assessments",
    "supervision_plan_items",
    "training_records",
    "units",
    "voting_rules",
)


def upgrade():
    for table in VERSIONED_TABLES:
        with op.batch_alter_table(table) as batch:
            batch.add_column(
                sa.Column("lock_version", sa.Integer(), server_default="1", nullable=False)
            )


def downgrade():
    for table in VERSIONED_TABLES:
        with op.batch_alter_table(table) as batch:
            batch.drop_column("lock_version")
