"""Congress nominees link to the council's nomination that considered their title.

Revision ID: 0009
Revises: 0008
"""

import sqlalchemy as sa
from alembic import op

revision = "0009"
# On this branch it also joins the two other helpers' migrations (was "0003"; re-chained at merge).
down_revision = "0008"
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table("congress_nominees", schema=None) as batch_op:
        batch_op.add_column(sa.Column("nomination_id", sa.Integer(), nullable=True))
        batch_op.create_unique_constraint(
            batch_op.f("uq_congress_nominees_nomination_id"), ["nomination_id"]
        )
        batch_op.create_foreign_key(
            batch_op.f("fk_congress_nominees_nomination_id_nominations"),
            "nominations",
            ["nomination_id"],
            ["id"],
            ondelete="SET NULL",
        )


def downgrade():
    with op.batch_alter_table("congress_nominees", schema=None) as batch_op:
        batch_op.drop_constraint(
            batch_op.f("fk_congress_nominees_nomination_id_nominations"), type_="foreignkey"
        )
        batch_op.drop_constraint(
            batch_op.f("uq_congress_nominees_nomination_id"), type_="unique"
        )
        batch_op.drop_column("nomination_id")
