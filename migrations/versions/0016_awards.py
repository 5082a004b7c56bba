"""Award decisions, their recipients and dated amendments (issue 13, point 3): what
a collective or a person received, under which decision, from whom.

Revision ID: 0016_awards
Revises: 0015_limits
"""

import sqlalchemy as sa
from alembic import op

revision = "0016_awards"
down_revision = "0015_limits"
branch_labels = None
depends_on = None


def _enum(name: str, *values: str) -> sa.Enum:
    return sa.Enum(*values, name=name, native_enum=False, length=40)


def upgrade():
    op.create_table(
        "award_decisions",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column(
            "organization_id", sa.Integer(), sa.ForeignKey("organizations.id"), nullable=False
        ),
        sa.Column("number", sa.String(64), nullable=False),
        sa.Column("decided_on", sa.Date(), nullable=True),
        sa.Column("issuing_body", sa.String(255), nullable=False),
        sa.Column(
            "level",
            _enum("awardlevel", "department", "province", "ministry", "government", "other"),
            nullable=False,
        ),
        sa.Column("signer_name", sa.String(255), nullable=False),
        sa.Column("signer_position", sa.String(255), nullable=False),
        sa.Column("award_title_id", sa.Integer(), sa.ForeignKey("award_titles.id"), nullable=True),
        sa.Column("form_name", sa.String(500), nullable=False),
        sa.Column("year", sa.Integer(), nullable=False),
        sa.Column("summary", sa.Text(), nullable=False),
        sa.Column("status", _enum("decisionstatus", "draft", "issued"), nullable=False),
        sa.Column(
            "source", _enum("decisionsource", "round", "recorded", "imported"), nullable=False
        ),
        sa.Column(
            "round_id", sa.Integer(), sa.ForeignKey("consideration_rounds.id"), nullable=True
        ),
        sa.Column("scan_path", sa.String(500), nullable=False),
        sa.Column("scan_name", sa.String(255), nullable=False),
        sa.Column("issued_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("issued_by_id", sa.Integer(), sa.ForeignKey("users.id"), nullable=True),
        sa.Column("created_by_id", sa.Integer(), sa.ForeignKey("users.id"), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("lock_version", sa.Integer(), server_default="1", nullable=False),
    )
    for column in ("organization_id", "award_title_id", "year", "status", "round_id"):
        op.create_index(f"ix_award_decisions_{column}", "award_decisions", [column])
    op.create_index(
        "ix_award_decisions_org_year_number",
        "award_decisions",
        ["organization_id", "year", "number"],
    )
    op.create_table(
        "award_recipients",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("unit_id", sa.Integer(), sa.ForeignKey("units.id"), nullable=False),
        sa.Column("decision_id", sa.Integer(), sa.ForeignKey("award_decisions.id"), nullable=False),
        sa.Column("kind", _enum("exemplarkind", "collective", "individual"), nullable=False),
        sa.Column("user_id", sa.Integer(), sa.ForeignKey("users.id"), nullable=True),
        sa.Column("exemplar_id", sa.Integer(), sa.ForeignKey("exemplars.id"), nullable=True),
        sa.Column("nomination_id", sa.Integer(), sa.ForeignKey("nominations.id"), nullable=True),
        sa.Column("name", sa.String(255), nullable=False),
        sa.Column("name_key", sa.String(255), nullable=False),
        sa.Column("position", sa.String(255), nullable=False),
        sa.Column("amount_vnd", sa.BigInteger(), nullable=True),
        sa.Column("position_in_list", sa.Integer(), nullable=False),
    )
    for column in ("unit_id", "decision_id", "user_id", "exemplar_id", "nomination_id", "name_key"):
        op.create_index(f"ix_award_recipients_{column}", "award_recipients", [column])
    op.create_table(
        "award_amendments",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("decision_id", sa.Integer(), sa.ForeignKey("award_decisions.id"), nullable=False),
        sa.Column("amended_on", sa.Date(), nullable=False),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.Column("changes", sa.Text(), nullable=False),
        sa.Column("by_id", sa.Integer(), sa.ForeignKey("users.id"), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
    )
    op.create_index("ix_award_amendments_decision_id", "award_amendments", ["decision_id"])


def downgrade():
    op.drop_table("award_amendments")
    op.drop_table("award_recipients")
    op.drop_table("award_decisions")
