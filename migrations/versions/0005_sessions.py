"""Revocable sessions: a per-user session secret (issue 16).

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-02 19:10:00

Existing users get an empty secret: their current cookies (an old "<id>" alone) stop
working and a new secret is made at their next sign-in.
"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table("users", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("session_token", sa.String(length=64), server_default="", nullable=False)
        )


def downgrade():
    with op.batch_alter_table("users", schema=None) as batch_op:
        batch_op.drop_column("session_token")
