"""Inspection logs of council members and the follow-up of their findings (plan III.4)."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import JSON, Date, DateTime, ForeignKey, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from portal.db_types import enum_column
from portal.enums import LabelledEnum
from portal.extensions import db
from portal.models_base import TimestampMixin, VersionedMixin
from portal.msgids import N_, NC_
from portal.tenancy import UnitOwnedMixin


class InspectionScope(LabelledEnum):
    EMULATION = "emulation_movements", N_("Phong trào thi đua")
    EXEMPLARS = "exemplar_detection_fostering", N_("Phát hiện, bồi dưỡng điển hình")
    PROPAGATION = "propagation", N_("Tuyên truyền")
    REPORTS = "reports", N_("Chế độ báo cáo")


class InspectionMethod(LabelledEnum):
    ON_SITE = "on_site", N_("Trực tiếp tại đơn vị")
    DOCUMENTS = "documents", N_("Qua hồ sơ, tài liệu")
    ONLINE = "online", N_("Trực tuyến")


class FindingSeverity(LabelledEnum):
    OBSERVATION = "observation", NC_("finding severity", "Ghi nhận"), "info"
    MINOR = "minor", N_("Tồn tại nhỏ"), "warning"
    MAJOR = "major", N_("Tồn tại lớn"), "danger"


class FindingStatus(LabelledEnum):
    OPEN = "open", N_("Chờ khắc phục"), "warning"
    ANSWERED = "answered", N_("Đơn vị đã trả lời"), "primary"
    CLOSED = "closed", N_("Đã đóng"), "success"
    SENT_BACK = "sent_back", N_("Bị trả lại"), "danger"


class ResponseKind(LabelledEnum):
    ANSWER = "answer", N_("Đơn vị trả lời")  # the unit says what was done
    SEND_BACK = "send_back", N_("Trả lại")  # the inspector is not satisfied
    CLOSE = "close", N_("Xác minh, đóng")  # the inspector verified and closed


# Statuses in which the unit still has to act (they count towards "overdue").
AWAITING_UNIT = (FindingStatus.OPEN, FindingStatus.SENT_BACK)
NOT_CLOSED = (FindingStatus.OPEN, FindingStatus.ANSWERED, FindingStatus.SENT_BACK)


class ScopeAndMembers:
    """What an inspection and a planned one both show: the scope in words and who takes
    part (rows with `scope`, a list of InspectionScope values, and `members`)."""

    @property
    def scope_text(self) -> str:
        return InspectionScope.labels_text(self.scope)

    @property
    def member_ids(self) -> set[int]:
        return {m.user_id for m in self.members}


class Inspection(ScopeAndMembers, UnitOwnedMixin, TimestampMixin, VersionedMixin, db.Model):
    """One inspection or supervision visit of a unit; locked once signed off."""

    __tablename__ = "inspections"

    id: Mapped[int] = mapped_column(primary_key=True)
    plan_item_id: Mapped[int | None] = mapped_column(
        ForeignKey("supervision_plan_items.id"), index=True
    )
    inspection_date: Mapped[date] = mapped_column(Date)
    year: Mapped[int] = mapped_column(index=True)
    # A list of InspectionScope values (several may apply to one visit).
    scope: Mapped[list[str]] = mapped_column(JSON, default=list)
    method: Mapped[InspectionMethod] = mapped_column(enum_column(InspectionMethod))
    summary: Mapped[str] = mapped_column(Text, default="")
    lead_inspector_id: Mapped[int] = mapped_column(ForeignKey("users.id"), index=True)
    # The old value is kept on change so that un-signing is recognised (see locking).
    signed_off_at: Mapped[datetime | None] = mapped_column(
        DateTime(timezone=True), active_history=True
    )
    signed_off_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))

    unit = relationship("Unit")
    lead_inspector = relationship("User", foreign_keys=[lead_inspector_id])
    signed_off_by = relationship("User", foreign_keys=[signed_off_by_id])
    plan_item = relationship("SupervisionPlanItem")
    members: Mapped[list[InspectionMember]] = relationship(
        back_populates="inspection", cascade="all, delete-orphan"
    )
    findings: Mapped[list[InspectionFinding]] = relationship(
        back_populates="inspection", order_by="InspectionFinding.id", cascade="all, delete-orphan"
    )
    corrections: Mapped[list[InspectionCorrection]] = relationship(
        back_populates="inspection",
        order_by="InspectionCorrection.created_at",
        cascade="all, delete-orphan",
    )

    @property
    def is_signed_off(self) -> bool:
        return self.signed_off_at is not None


class InspectionMember(UnitOwnedMixin, db.Model):
    """A person present at an inspection (a council member or an Office officer)."""

    __tablename__ = "inspection_members"
    __table_args__ = (UniqueConstraint("inspection_id", "user_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    inspection_id: Mapped[int] = mapped_column(ForeignKey("inspections.id"), index=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"), index=True)

    inspection: Mapped[Inspection] = relationship(back_populates="members")
    user = relationship("User")


class InspectionFinding(UnitOwnedMixin, TimestampMixin, VersionedMixin, db.Model):
    """What an inspection found, what should be done, by whom and by when."""

    __tablename__ = "inspection_findings"

    id: Mapped[int] = mapped_column(primary_key=True)
    inspection_id: Mapped[int] = mapped_column(ForeignKey("inspections.id"), index=True)
    severity: Mapped[FindingSeverity] = mapped_column(enum_column(FindingSeverity), index=True)
    finding: Mapped[str] = mapped_column(Text)
    recommendation: Mapped[str] = mapped_column(Text, default="")
    corrective_action: Mapped[str] = mapped_column(Text, default="")
    action_owner_user_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"), index=True)
    action_owner_name: Mapped[str] = mapped_column(String(255), default="")
    due_date: Mapped[date | None] = mapped_column(Date, index=True)
    status: Mapped[FindingStatus] = mapped_column(
        enum_column(FindingStatus), default=FindingStatus.OPEN, index=True
    )
    closed_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    closed_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))

    inspection: Mapped[Inspection] = relationship(back_populates="findings")
    unit = relationship("Unit")
    action_owner = relationship("User", foreign_keys=[action_owner_user_id])
    closed_by = relationship("User", foreign_keys=[closed_by_id])
    responses: Mapped[list[FindingResponse]] = relationship(
        back_populates="finding",
        order_by="FindingResponse.id",
        cascade="all, delete-orphan",
    )

    @property
    def owner_label(self) -> str:
        if self.action_owner is not None:
            return self.action_owner.full_name
        return self.action_owner_name


class FindingResponse(UnitOwnedMixin, TimestampMixin, db.Model):
    """One dated entry of a finding's follow-up thread: an answer or a verification."""

    __tablename__ = "finding_responses"

    id: Mapped[int] = mapped_column(primary_key=True)
    finding_id: Mapped[int] = mapped_column(ForeignKey("inspection_findings.id"), index=True)
    kind: Mapped[ResponseKind] = mapped_column(enum_column(ResponseKind))
    author_id: Mapped[int] = mapped_column(ForeignKey("users.id"), index=True)
    body: Mapped[str] = mapped_column(Text, default="")

    finding: Mapped[InspectionFinding] = relationship(back_populates="responses")
    author = relationship("User")


class InspectionCorrection(UnitOwnedMixin, TimestampMixin, db.Model):
    """A dated correction to a signed-off record: the record itself is never edited."""

    __tablename__ = "inspection_corrections"

    id: Mapped[int] = mapped_column(primary_key=True)
    inspection_id: Mapped[int] = mapped_column(ForeignKey("inspections.id"), index=True)
    # The finding the correction is about, when it is about one.
    finding_id: Mapped[int | None] = mapped_column(ForeignKey("inspection_findings.id"))
    author_id: Mapped[int] = mapped_column(ForeignKey("users.id"), index=True)
    text: Mapped[str] = mapped_column(Text)

    inspection: Mapped[Inspection] = relationship(back_populates="corrections")
    finding = relationship("InspectionFinding")
    author = relationship("User")


class SupervisionPlanItem(
    ScopeAndMembers, UnitOwnedMixin, TimestampMixin, VersionedMixin, db.Model
):
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


class SupervisionPlanMember(UnitOwnedMixin, db.Model):
    """A council member planned to take part in a planned inspection."""

    __tablename__ = "supervision_plan_members"
    __table_args__ = (UniqueConstraint("plan_item_id", "user_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    plan_item_id: Mapped[int] = mapped_column(ForeignKey("supervision_plan_items.id"), index=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"), index=True)

    plan_item: Mapped[SupervisionPlanItem] = relationship(back_populates="members")
    user = relationship("User")
