"""The conference record, the conference's own vote and the delegates as people
(issue 12); reports, without deleting anything, the nominees whose title does not fit.

Revision ID: 0007
Revises: 0006
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None

MISMATCH_SQL = sa.text(
    """
    SELECT n.id, u.name, e.name, e.kind, t.name, t.audience
    FROM congress_nominees n
    JOIN exemplars e ON e.id = n.exemplar_id
    JOIN award_titles t ON t.id = n.award_title_id
    JOIN units u ON u.id = n.unit_id
    WHERE t.audience <> 'both' AND t.audience <> e.kind
    ORDER BY u.name, e.name, n.id
    """
)
KIND = {"collective": "tập thể", "individual": "cá nhân"}


def mismatch_report(connection) -> list[str]:
    """One line per congress nominee whose proposed title is not for its kind of
    exemplar (the title rule, portal.consideration.catalogue.title_fits)."""
    rows = connection.execute(MISMATCH_SQL).all()
    if not rows:
        return ["Không có đề xuất Đại hội nào có danh hiệu không phù hợp đối tượng."]
    lines = [
        f"CẢNH BÁO: {len(rows)} đề xuất Đại hội có danh hiệu không phù hợp đối tượng "
        "(không xóa; Văn phòng Sở xem ở trang Hồ sơ Đại hội):"
    ]
    for nominee_id, unit, exemplar, kind, title, audience in rows:
        lines.append(
            f"  - đề xuất số {nominee_id}, {unit}: “{title}” (dành cho "
            f"{KIND.get(audience, audience)}) đề nghị cho {KIND.get(kind, kind)} “{exemplar}”"
        )
    return lines


def upgrade():
    with op.batch_alter_table("congress_submissions", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("conference_place", sa.String(length=255), nullable=False, server_default="")
        )
        batch_op.add_column(sa.Column("invited", sa.Integer(), nullable=True))
        batch_op.add_column(
            sa.Column("secretary", sa.String(length=255), nullable=False, server_default="")
        )
        batch_op.add_column(
            sa.Column("period_reviewed", sa.String(length=32), nullable=False, server_default="")
        )

    with op.batch_alter_table("congress_nominees", schema=None) as batch_op:
        batch_op.add_column(sa.Column("conference_agree", sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column("delegate_user_id", sa.Integer(), nullable=True))
        batch_op.add_column(
            sa.Column("delegate_name", sa.String(length=255), nullable=False, server_default="")
        )
        batch_op.add_column(sa.Column("delegate_birth_year", sa.Integer(), nullable=True))
        batch_op.add_column(
            sa.Column(
                "delegate_gender",
                sa.Enum("male", "female", name="gender", native_enum=False, length=40),
                nullable=True,
            )
        )
        batch_op.add_column(
            sa.Column("delegate_ethnicity", sa.String(length=64), nullable=False, server_default="")
        )
        batch_op.add_column(
            sa.Column("delegate_position", sa.String(length=255), nullable=False, server_default="")
        )
        batch_op.add_column(
            sa.Column(
                "delegate_party_member", sa.Boolean(), nullable=False, server_default=sa.false()
            )
        )
        batch_op.add_column(
            sa.Column(
                "delegate_qualifications",
                sa.String(length=500),
                nullable=False,
                server_default="",
            )
        )
        batch_op.create_index(
            batch_op.f("ix_congress_nominees_delegate_user_id"), ["delegate_user_id"], unique=False
        )
        batch_op.create_foreign_key(
            batch_op.f("fk_congress_nominees_delegate_user_id_users"),
            "users",
            ["delegate_user_id"],
            ["id"],
        )

    # Existing individual delegates are named after their exemplar; a collective's
    # representative is left for the unit to name (its submission says so).
    op.execute(
        """
        UPDATE congress_nominees SET delegate_name = (
            SELECT e.name FROM exemplars e
            WHERE e.id = congress_nominees.exemplar_id AND e.kind = 'individual'
        )
        WHERE (sector_delegate OR provincial_delegate) AND EXISTS (
            SELECT 1 FROM exemplars e
            WHERE e.id = congress_nominees.exemplar_id AND e.kind = 'individual'
        )
        """
    )
    for line in mismatch_report(op.get_bind()):
        print(line)


def downgrade():
    with op.batch_alter_table("congress_nominees", schema=None) as batch_op:
        batch_op.drop_constraint(
            batch_op.f("fk_congress_nominees_delegate_user_id_users"), type_="foreignkey"
        )
        batch_op.drop_index(batch_op.f("ix_congress_nominees_delegate_user_id"))
        for column in (
            "delegate_qualifications",
            "delegate_party_member",
            "delegate_position",
            "delegate_ethnicity",
            "delegate_gender",
            "delegate_birth_year",
            "delegate_name",
            "delegate_user_id",
            "conference_agree",
        ):
            batch_op.drop_column(column)
    with op.batch_alter_table("congress_submissions", schema=None) as batch_op:
        for column in ("period_reviewed", "secretary", "invited", "conference_place"):
            batch_op.drop_column(column)
