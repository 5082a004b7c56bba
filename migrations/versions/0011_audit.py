"""The audit log for people (issue 17): each row carries the request (or job) that
made it, so the log groups one action's changes; and an (organization_id, at) index
so that the newest-first page of one organization reads the index instead of sorting
the whole log (issue 18).

Revision ID: 0011_audit
Revises: 0010
"""

import sqlalchemy as sa
from alembic import op

revision = "0011_audit"
down_revision = "0010"
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table("audit_log", schema=None) as batch_op:
        batch_op.add_column(sa.Column("request_id", sa.String(length=64), nullable=True))
        batch_op.create_index("ix_audit_log_organization_id_at", ["organization_id", "at"])


def downgrade():
    with op.batch_alter_table("audit_log", schema=None) as batch_op:
        batch_op.drop_index("ix_audit_log_organization_id_at")
        batch_op.drop_column("request_id")
