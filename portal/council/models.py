"""Council membership (plan III.4.b).

The assignment of members to units is `portal.accounts.models.CouncilAssignment`:
it grants access, so the foundation (tenancy) owns it. The yearly supervision plan
(planned inspections) is in `portal.inspections.models`, beside the inspections
that carry it out; the council's pages edit it."""

from __future__ import annotations

from sqlalchemy import ForeignKey, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from portal.db_types import enum_column
from portal.enums import LabelledEnum
from portal.extensions import db
from portal.models_base import TimestampMixin, VersionedMixin
from portal.msgids import N_


class CouncilPosition(LabelledEnum):
    CHAIR = "chair", N_("Chủ tịch Hội đồng")
    VICE_CHAIR = "vice_chair", N_("Phó Chủ tịch Hội đồng")
    SECRETARY = "secretary", N_("Thư ký Hội đồng")
    MEMBER = "member", N_("Ủy viên")


class CouncilMember(TimestampMixin, VersionedMixin, db.Model):
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
