"""Organizations get a slug (the address of their public column), made for the existing
ones from their names without diacritics.

Revision ID: 0004
Revises: 0003
"""

import re
import unicodedata

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def _slugify(text: str) -> str:
    # A frozen copy of portal.organizations.slugs.slugify (migrations import no app code).
    text = (text or "").replace("đ", "d").replace("Đ", "D")
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().lower()
    slug = re.sub(r"[^a-z0-9]+", "-", text).strip("-")
    if len(slug) > 40:
        slug = slug[:41].rsplit("-", 1)[0] if "-" in slug[:40] else slug
        slug = slug[:40].strip("-")
    return slug or "so"


def upgrade():
    with op.batch_alter_table("organizations", schema=None) as batch_op:
        batch_op.add_column(sa.Column("slug", sa.String(length=64), nullable=True))
    organizations = sa.table(
        "organizations", sa.column("id", sa.Integer), sa.column("name"), sa.column("slug")
    )
    connection = op.get_bind()
    taken: set[str] = set()
    for org_id, name in connection.execute(
        sa.select(organizations.c.id, organizations.c.name).order_by(organizations.c.id)
    ):
        base = slug = _slugify(name)
        number = 1
        while slug in taken:
            number += 1
            slug = f"{base[: 40 - len(str(number)) - 1].strip('-')}-{number}"
        taken.add(slug)
        connection.execute(
            organizations.update().where(organizations.c.id == org_id).values(slug=slug)
        )
    with op.batch_alter_table("organizations", schema=None) as batch_op:
        batch_op.alter_column("slug", existing_type=sa.String(length=64), nullable=False)
        batch_op.create_unique_constraint(batch_op.f("uq_organizations_slug"), ["slug"])


def downgrade():
    with op.batch_alter_table("organizations", schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f("uq_organizations_slug"), type_="unique")
        batch_op.drop_column("slug")
