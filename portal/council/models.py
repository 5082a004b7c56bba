"""Council membership and the yearly supervision plan (plan III.4.b).

The assignment of members to units is `portal.accounts.models.CouncilAssignment`:
it grants access, so the foundation (tenancy) owns it."""

from __future__ import annotations

import enum

from sqlalchemy import JSON, ForeignKey, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from portal.db_types import enum_column
from portal.extensions import db
from portal.models_base import TimestampMixin
from portal.tenancy import UnitOwnedMixin


class CouncilPosition(enum.StrEnum):
    CHAIR = "chair"  # Chủ tịch Hội đồng
    VICE_CHAIR = "vice_chair"
    SECRETARY = "secretary"  # Thư ký
    MEMBER = "member"


class CouncilMember(TimestampMixin, db.Model):
    """A user's seat on the organization's council for one plan period."""

    __tablename__ = "council_members"
    __table_args__ = (UniqueConstraint("period_id", "user_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    organization_id: Mapped[int] = mapped_column(ForeignKey("organizations.id"), index=True)
    period_id: Mapped[int] = mapped_column(ForeignKey("plan_periods.id"), index=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"), index=True)
    position: Mapped[CouncilPosition] = mapped_column(
        enum_column(CouncilPosition), default=CouncilPosition.MEMBER
    )
    title: Mapped[str] = mapped_column(String(255), default="")  # e.g. "Phó Giám đốc Sở"

    user = relationship("User")
    period = relationship("PlanPeriod")


class SupervisionPlanItem(UnitOwnedMixin, TimestampMixin, db.Model):
    """A planned inspection of a unit in a month of the year (the yearly supervision plan)."""

    __tablename__ = "supervision_plan_items"

    id: Mapped[int] = mapped_column(primary_key=True)
    organization_id: Mapped[int] = mapped_column(ForeignKey("organizations.id"), index=True)
    year: Mapped[int] = mapped_column(index=True)
    month: Mapped[int]  # 1-12
    # A list of portal.inspections.models.InspectionScope values.
    scope: Mapped[list[str]] = mapped_column(JSON, default=list)
    note: Mapped[str] = mapped_column(Text, default="")

    unit = relationship("Unit")
    members: Mapped[list[SupervisionPlanMember]] = relationship(
        back_populates="plan_item", cascade="all, delete-orphan"
    )

    @property
    def member_ids(self) -> set[int]:
        return {m.user_id for m in self.members}


class SupervisionPlanMember(UnitOwnedMixin, db.Model):
    """A council member planned to take part in a planned inspection."""

    __tablename__ = "supervision_plan_members"
    __table_args__ = (UniqueConstraint("plan_item_id", "user_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    plan_item_id: Mapped[int] = mapped_column(ForeignKey("supervision_plan_items.id"), index=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"), index=True)

    plan_item: Mapped[SupervisionPlanItem] = relationship(back_populates="members")
    user = relationship("User")
