"""The platform administrator: a person above the organizations, with none of their own
(issue 17, point 10), so a user's organization may be empty; a new organization's
Office is guided through its first setup (organizations.guide_setup).

Revision ID: 0013_platform
Revises: 0012_audit
"""

import sqlalchemy as sa
from alembic import op

revision = "0013_platform"
down_revision = "0012_audit"
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table("users") as batch:
        batch.alter_column("organization_id", existing_type=sa.Integer(), nullable=True)
    with op.batch_alter_table("organizations") as batch:
        batch.add_column(
            sa.Column("guide_setup", sa.Boolean(), server_default=sa.false(), nullable=False)
        )


def downgrade():
    with op.batch_alter_table("organizations") as batch:
        batch.drop_column("guide_setup")
    # A platform administrator has no organization: they cannot be kept.
    op.execute(
        "DELETE FROM role_memberships WHERE user_id IN "
        "(SELECT id FROM users WHERE organization_id IS NULL)"
    )
    op.execute("DELETE FROM users WHERE organization_id IS NULL")
    with op.batch_alter_table("users") as batch:
        batch.alter_column("organization_id", existing_type=sa.Integer(), nullable=False)
