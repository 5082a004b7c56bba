"""Deadlines of a plan period, their completion per unit, and the reminders sent."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import DateTime, ForeignKey, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from portal.db_types import enum_column
from portal.enums import LabelledEnum
from portal.extensions import db
from portal.models_base import TimestampMixin, VersionedMixin, utcnow
from portal.msgids import N_
from portal.tenancy import UnitOwnedMixin

DEFAULT_DAYS_BEFORE = "14,7,1"


class DeadlineKind(LabelledEnum):
    SELF_ASSESSMENT = "self_assessment", N_("Tự đánh giá hằng năm")
    ANNUAL_REPORT = "annual_report", N_("Báo cáo hằng năm")
    CONGRESS_SUBMISSION = "congress_submission", N_("Hồ sơ Đại hội Thi đua yêu nước")
    REGISTRATION = "registration", N_("Đăng ký thi đua đầu năm")
    OTHER = "other", N_("Nội dung khác")  # any other item the Office sets


class CompletionMode(LabelledEnum):
    # the matching record (self-assessment, report...) is submitted
    RECORD = "record", N_("Tự động: khi đơn vị gửi hồ sơ tương ứng trên Cổng")
    MANUAL = "manual", N_("Văn phòng Sở đánh dấu từng đơn vị đã hoàn thành")


class Deadline(TimestampMixin, VersionedMixin, db.Model):
    """Something every unit (or chosen units) must deliver by a date and time."""

    __tablename__ = "deadlines"

    id: Mapped[int] = mapped_column(primary_key=True)
    organization_id: Mapped[int] = mapped_column(ForeignKey("organizations.id"), index=True)
    period_id: Mapped[int] = mapped_column(ForeignKey("plan_periods.id"), index=True)
    kind: Mapped[DeadlineKind] = mapped_column(enum_column(DeadlineKind), index=True)
    year: Mapped[int] = mapped_column(index=True)
    title: Mapped[str] = mapped_column(String(500))
    description: Mapped[str] = mapped_column(Text, default="")
    # Stored in UTC; entered and shown in Asia/Ho_Chi_Minh.
    due_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), index=True)
    completion_mode: Mapped[CompletionMode] = mapped_column(
        enum_column(CompletionMode), default=CompletionMode.RECORD
    )
    all_units: Mapped[bool] = mapped_column(default=True)
    # The reminder schedule: days before the due date ("14,7,1"), then on the
    # due date and weekly while overdue when `escalate` is on.
    remind_days_before: Mapped[str] = mapped_column(String(64), default=DEFAULT_DAYS_BEFORE)
    escalate: Mapped[bool] = mapped_column(default=True)
    reminders_enabled: Mapped[bool] = mapped_column(default=True)
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))

    period = relationship("PlanPeriod")
    targets: Mapped[list[DeadlineTarget]] = relationship(
        back_populates="deadline", cascade="all, delete-orphan", lazy="selectin"
    )
    completions: Mapped[list[DeadlineCompletion]] = relationship(
        back_populates="deadline", cascade="all, delete-orphan"
    )

    def __str__(self) -> str:
        return self.title

    @property
    def target_unit_ids(self) -> set[int]:
        return {t.unit_id for t in self.targets}

    @property
    def days_before(self) -> tuple[int, ...]:
        return parse_days(self.remind_days_before)


def parse_days(text: str) -> tuple[int, ...]:
    """'14, 7,1' -> (14, 7, 1); ignores blanks, sorted from the earliest reminder."""
    days = {int(part) for part in text.replace(";", ",").split(",") if part.strip()}
    return tuple(sorted(days, reverse=True))


class DeadlineTarget(UnitOwnedMixin, db.Model):
    """A unit a deadline applies to, when it does not apply to all units."""

    __tablename__ = "deadline_targets"
    __table_args__ = (UniqueConstraint("deadline_id", "unit_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    deadline_id: Mapped[int] = mapped_column(ForeignKey("deadlines.id"), index=True)

    deadline: Mapped[Deadline] = relationship(back_populates="targets")
    unit = relationship("Unit")


class DeadlineCompletion(UnitOwnedMixin, db.Model):
    """The Office's record that a unit has done what a deadline asks."""

    __tablename__ = "deadline_completions"
    __table_args__ = (UniqueConstraint("deadline_id", "unit_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    deadline_id: Mapped[int] = mapped_column(ForeignKey("deadlines.id"), index=True)
    completed_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    marked_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    note: Mapped[str] = mapped_column(String(500), default="")

    deadline: Mapped[Deadline] = relationship(back_populates="completions")
    marked_by = relationship("User")


class ReminderDelivery(db.Model):
    """One reminder stage delivered to one person about one item.

    The row is inserted before the mail is stored, in the same transaction, and
    the unique constraint makes a second attempt (a repeated, overlapping or
    retried sweep) a no-op: nobody gets the same reminder twice. The Office's
    escalation about a deadline covers all its late units at once: its item is
    the deadline ("deadline:3") and it has no unit.
    """

    __tablename__ = "reminder_deliveries"
    __audited__ = False  # the table is its own record
    __table_args__ = (UniqueConstraint("item_key", "recipient_user_id", "stage"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    organization_id: Mapped[int] = mapped_column(ForeignKey("organizations.id"), index=True)
    unit_id: Mapped[int | None] = mapped_column(ForeignKey("units.id"), index=True)
    item_key: Mapped[str] = mapped_column(String(80), index=True)  # "deadline:3:unit:7"
    stage: Mapped[str] = mapped_column(String(40))  # "before_7:2025-12-15"
    recipient_user_id: Mapped[int] = mapped_column(ForeignKey("users.id"), index=True)
    category: Mapped[str] = mapped_column(String(32))  # reminder / escalation
    notification_id: Mapped[int | None] = mapped_column(ForeignKey("notifications.id"))
    mail_message_id: Mapped[int | None] = mapped_column(ForeignKey("mail_messages.id"))
    created_at: Mapped[datetime] = mapped_column(
        DateTime(timezone=True), default=utcnow, index=True
    )

    recipient = relationship("User")
    mail_message = relationship("MailMessage")
