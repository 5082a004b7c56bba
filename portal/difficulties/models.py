"""Difficulty: an obstacle a unit raises to the Department, and the Office's answer."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import DateTime, ForeignKey, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from portal.db_types import enum_column
from portal.enums import LabelledEnum
from portal.extensions import db
from portal.models_base import TimestampMixin, VersionedMixin, utcnow
from portal.msgids import N_
from portal.tenancy import UnitOwnedMixin


class DifficultyStatus(LabelledEnum):
    OPEN = "open", N_("Chờ trả lời"), "warning"  # waiting for the Department's answer
    ANSWERED = "answered", N_("Đã trả lời"), "info"  # answered; the unit closes it when satisfied
    CLOSED = "closed", N_("Đã đóng"), "secondary"


class Difficulty(UnitOwnedMixin, TimestampMixin, VersionedMixin, db.Model):
    __tablename__ = "difficulties"

    id: Mapped[int] = mapped_column(primary_key=True)
    title: Mapped[str] = mapped_column(String(500))
    description: Mapped[str] = mapped_column(Text, default="")
    status: Mapped[DifficultyStatus] = mapped_column(
        enum_column(DifficultyStatus), default=DifficultyStatus.OPEN, index=True
    )
    answer: Mapped[str] = mapped_column(Text, default="")
    raised_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    answered_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    raised_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow, index=True)
    answered_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    closed_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    closed_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))

    unit = relationship("Unit")
    raised_by = relationship("User", foreign_keys=[raised_by_id])
    answered_by = relationship("User", foreign_keys=[answered_by_id])
    closed_by = relationship("User", foreign_keys=[closed_by_id])

    def __str__(self) -> str:
        return self.title

    @property
    def is_editable(self) -> bool:
        """The unit may change its text and files only while it waits for an answer."""
        return self.status == DifficultyStatus.OPEN

    @property
    def can_be_withdrawn(self) -> bool:
        """The unit may withdraw it only before anyone has answered."""
        return self.is_editable and not self.answer

    @property
    def is_closed(self) -> bool:
        return self.status == DifficultyStatus.CLOSED
