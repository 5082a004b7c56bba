"""Council membership and the assignment of members to units (plan III.4.b)."""

from __future__ import annotations

from sqlalchemy import JSON, ForeignKey, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from portal.db_types import enum_column
from portal.enums import LabelledEnum
from portal.extensions import db
from portal.inspections.models import InspectionScope
from portal.models_base import TimestampMixin
from portal.msgids import N_
from portal.tenancy import UnitOwnedMixin


class CouncilPosition(LabelledEnum):
    CHAIR = "chair", N_("Chủ tịch Hội đồng")
    VICE_CHAIR = "vice_chair", N_("Phó Chủ tịch Hội đồng")
    SECRETARY = "secretary", N_("Thư ký Hội đồng")
    MEMBER = "member", N_("Ủy viên")


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


class CouncilAssignment(TimestampMixin, db.Model):
    """A member made responsible for inspecting and supervising a unit in a year."""

    __tablename__ = "council_assignments"
    __table_args__ = (UniqueConstraint("user_id", "unit_id", "year"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    organization_id: Mapped[int] = mapped_column(ForeignKey("organizations.id"), index=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"), index=True)
    unit_id: Mapped[int] = mapped_column(ForeignKey("units.id"), index=True)
    year: Mapped[int]

    user = relationship("User")
    unit = relationship("Unit")


class SupervisionPlanItem(UnitOwnedMixin, TimestampMixin, db.Model):
    """A planned inspection of a unit in a month of the year (the yearly supervision plan)."""

    __tablename__ = "supervision_plan_items"

    id: Mapped[int] = mapped_column(primary_key=True)
    organization_id: Mapped[int] = mapped_column(ForeignKey("organizations.id"), index=True)
    year: Mapped[int] = mapped_column(index=True)
    month: Mapped[int]  # 1-12
    # A list of InspectionScope values.
    scope: Mapped[list[str]] = mapped_column(JSON, default=list)
    note: Mapped[str] = mapped_column(Text, default="")

    unit = relationship("Unit")
    members: Mapped[list[SupervisionPlanMember]] = relationship(
        back_populates="plan_item", cascade="all, delete-orphan"
    )

    @property
    def scope_text(self) -> str:
        return InspectionScope.labels_text(self.scope)

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
