"""Titles hold 500 characters everywhere (issue 17, limits that fit the data): the
titles of difficulties, public-column stories, announcements and deadlines were
shorter (255 or 300) than those of every other record.

Revision ID: 0015_limits
Revises: 0014_tokens
"""

import sqlalchemy as sa
from alembic import op

revision = "0015_limits"
down_revision = "0014_tokens"
branch_labels = None
depends_on = None

# table -> the title's previous length
TITLES = {
    "difficulties": 300,
    "exemplar_stories": 300,
    "announcements": 255,
    "deadlines": 255,
}


def upgrade() -> None:
    for table, old in TITLES.items():
        # batch mode: SQLite cannot alter a column in place
        with op.batch_alter_table(table) as batch:
            batch.alter_column(
                "title", type_=sa.String(500), existing_type=sa.String(old), existing_nullable=False
            )


def downgrade() -> None:
    for table, old in TITLES.items():
        with op.batch_alter_table(table) as batch:
            batch.alter_column(
                "title", type_=sa.String(old), existing_type=sa.String(500), existing_nullable=False
            )
