"""One-time submission tokens of create forms (issue 17: nothing created twice).

Revision ID: 0014_tokens
Revises: 0013_platform
"""

import sqlalchemy as sa
from alembic import op

revision = "0014_tokens"
down_revision = "0013_platform"
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        "submission_tokens",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("token", sa.String(length=64), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=True),
        sa.Column("endpoint", sa.String(length=128), nullable=False),
        sa.Column("created_url", sa.String(length=1000), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["user_id"], ["users.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("token"),
    )
    with op.batch_alter_table("submission_tokens") as batch:
        batch.create_index("ix_submission_tokens_user_id", ["user_id"])
        batch.create_index("ix_submission_tokens_created_at", ["created_at"])


def downgrade():
    op.drop_table("submission_tokens")
