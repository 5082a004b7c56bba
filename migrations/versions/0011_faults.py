"""Users and organizations, edited by the Office through forms, carry a lock_version
too (issue 15: a stale form never silently overwrites a newer save).

Revision ID: 0011_faults
Revises: 0010
"""

import sqlalchemy as sa
from alembic import op

revision = "0011_faults"
down_revision = "0010"
branch_labels = None
depends_on = None

VERSIONED_TABLES = ("organizations", "users")


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
