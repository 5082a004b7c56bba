"""TrainingRecord: a course attended by someone of a unit (a portal user or a named person)."""

from __future__ import annotations

from datetime import date

from sqlalchemy import BigInteger, Date, Float, ForeignKey, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from portal.extensions import db
from portal.models_base import TimestampMixin, VersionedMixin
from portal.tenancy import UnitOwnedMixin


class TrainingRecord(UnitOwnedMixin, TimestampMixin, VersionedMixin, db.Model):
    __tablename__ = "training_records"

    id: Mapped[int] = mapped_column(primary_key=True)
    # Always filled (the account's name when person_user_id is set) so lists need no join.
    person_name: Mapped[str] = mapped_column(String(255))
    person_user_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"), index=True)
    course: Mapped[str] = mapped_column(String(500))
    organiser: Mapped[str] = mapped_column(String(255), default="")
    start_date: Mapped[date] = mapped_column(Date, index=True)
    end_date: Mapped[date] = mapped_column(Date)
    hours: Mapped[float] = mapped_column(Float)
    notes: Mapped[str] = mapped_column(Text, default="")
    # Plan IV: spent from the state budget, whole đồng.
    cost_vnd: Mapped[int | None] = mapped_column(BigInteger)
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))

    unit = relationship("Unit")
    person = relationship("User", foreign_keys=[person_user_id])

    def __str__(self) -> str:
        return f"{self.person_name}: {self.course}"
