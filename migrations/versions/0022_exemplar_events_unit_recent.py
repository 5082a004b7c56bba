"""The unit workspace's latest timeline entries read from an index on (unit, date, id):
with the date index alone PostgreSQL walked the whole organization's events backwards,
filtering out every other unit's (8,124 rows for 10 at national scale, issue 18).

Revision ID: 0022_exemplar_events_unit_recent
Revises: 0021_award_movements
"""

from alembic import op

revision = "0022_exemplar_events_unit_recent"
down_revision = "0021_award_movements"
branch_labels = None
depends_on = None


def upgrade():
    op.create_index(
        "ix_exemplar_events_unit_recent", "exemplar_events", ["unit_id", "occurred_on", "id"]
    )


def downgrade():
    op.drop_index("ix_exemplar_events_unit_recent", table_name="exemplar_events")
