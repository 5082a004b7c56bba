"""Who signs the documents (issue 14): each unit's abbreviation in document numbers,
its head and deputy (names and positions, and whether the deputy signs); the organization's signer for each kind
of document.

Revision ID: 0019_document_signers
Revises: 0018_registration_eligibility
"""

import sqlalchemy as sa
from alembic import op

revision = "0019_document_signers"
down_revision = "0018_registration_eligibility"
branch_labels = None
depends_on = None

UNIT_COLUMNS = (
    ("document_code", 32),
    ("head_name", 255),
    ("head_position", 255),
    ("deputy_name", 255),
    ("deputy_position", 255),
)


def upgrade() -> None:
    with op.batch_alter_table("units") as batch:
        for name, length in UNIT_COLUMNS:
            batch.add_column(
                sa.Column(name, sa.String(length=length), server_default="", nullable=False)
            )
        batch.add_column(
            sa.Column("deputy_signs", sa.Boolean(), server_default=sa.false(), nullable=False)
        )
    op.create_table(
        "document_signers",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("organization_id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=32), nullable=False),
        sa.Column("authority", sa.String(length=64), nullable=False),
        sa.Column("position", sa.String(length=255), nullable=False),
        sa.Column("name", sa.String(length=255), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["organization_id"], ["organizations.id"]),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("organization_id", "kind"),
    )
    with op.batch_alter_table("document_signers") as batch:
        batch.create_index(
            batch.f("ix_document_signers_organization_id"), ["organization_id"], unique=False
        )


def downgrade() -> None:
    with op.batch_alter_table("document_signers") as batch:
        batch.drop_index(batch.f("ix_document_signers_organization_id"))
    op.drop_table("document_signers")
    with op.batch_alter_table("units") as batch:
        batch.drop_column("deputy_signs")
        for name, _length in reversed(UNIT_COLUMNS):
            batch.drop_column(name)
