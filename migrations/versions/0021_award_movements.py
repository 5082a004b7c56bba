"""An award decision names the emulation movement its awards were made under, so that
the movement's page lists them (issue 13, point 1).

Revision ID: 0021_award_movements
Revises: 0020_profiles
"""

import sqlalchemy as sa
from alembic import op

revision = "0021_award_movements"
down_revision = "0020_profiles"
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table("award_decisions") as batch:
        batch.add_column(sa.Column("movement_id", sa.Integer(), nullable=True))
        batch.create_foreign_key(
            "fk_award_decisions_movement_id_movements", "movements", ["movement_id"], ["id"]
        )
        batch.create_index("ix_award_decisions_movement_id", ["movement_id"])


def downgrade():
    with op.batch_alter_table("award_decisions") as batch:
        batch.drop_index("ix_award_decisions_movement_id")
        batch.drop_constraint("fk_award_decisions_movement_id_movements", type_="foreignkey")
        batch.drop_column("movement_id")
