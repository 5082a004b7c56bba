"""Unit and person profiles (issue 14, point 3): the particulars the achievement
reports print (section I of a collective's, the individual's particulars).

Revision ID: 0020_profiles
Revises: 0019_document_signers
"""

import sqlalchemy as sa
from alembic import op

revision = "0020_profiles"
down_revision = "0019_document_signers"
branch_labels = None
depends_on = None


def _stamps() -> list:
    return [
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("lock_version", sa.Integer(), server_default="1", nullable=False),
    ]


def _text(name: str) -> sa.Column:
    return sa.Column(name, sa.Text(), nullable=False)


def _string(name: str, length: int) -> sa.Column:
    return sa.Column(name, sa.String(length=length), nullable=False)


def upgrade() -> None:
    op.create_table(
        "unit_profiles",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("unit_id", sa.Integer(), nullable=False),
        _string("address", 500),
        _string("telephone", 64),
        _string("email", 255),
        _string("website", 255),
        sa.Column("founded_on", sa.Date(), nullable=True),
        _text("history"),
        _text("functions"),
        _text("organisation"),
        sa.Column("staff_total", sa.Integer(), nullable=True),
        sa.Column("staff_female", sa.Integer(), nullable=True),
        sa.Column("staff_party_members", sa.Integer(), nullable=True),
        _text("party_organisation"),
        _text("trade_union"),
        _text("youth_union"),
        _text("veterans_association"),
        _text("women_union"),
        _text("organisations_work"),
        *_stamps(),
        sa.ForeignKeyConstraint(["unit_id"], ["units.id"]),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("unit_id"),
    )
    op.create_table(
        "person_profiles",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("birth_date", sa.Date(), nullable=True),
        sa.Column(
            "gender",
            sa.Enum("male", "female", name="persongender", native_enum=False, length=40),
            nullable=True,
        ),
        _string("ethnicity", 64),
        _string("home_town", 500),
        _string("residence", 500),
        _string("party_position", 255),
        _string("government_position", 255),
        _string("mass_position", 255),
        _string("professional_qualification", 255),
        _string("political_qualification", 255),
        _string("academic_title", 255),
        _text("duties"),
        *_stamps(),
        sa.ForeignKeyConstraint(["user_id"], ["users.id"]),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("user_id"),
    )


def downgrade() -> None:
    op.drop_table("person_profiles")
    op.drop_table("unit_profiles")
