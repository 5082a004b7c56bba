"""A unit's registration for the year's emulation titles (đăng ký thi đua) and its lines.

One registration per unit and year, reviewed by the Office like a self-assessment
(`ReviewableMixin`). Each line names a title and who aims at it: the unit itself, one
of its collective or individual exemplars, or one of its people. `nominee_key`
("unit:3", "exemplar:7", "user:12") says who, so that the same person cannot register
twice for one title and a nomination can be matched with the registration.
"""

from __future__ import annotations

from sqlalchemy import ForeignKey, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from portal.db_types import enum_column
from portal.exemplars.models import ExemplarKind
from portal.extensions import db
from portal.models_base import TimestampMixin, VersionedMixin
from portal.reviews.models import ReviewableMixin
from portal.tenancy import UnitOwnedMixin


class Registration(UnitOwnedMixin, ReviewableMixin, TimestampMixin, VersionedMixin, db.Model):
    __tablename__ = "registrations"
    __table_args__ = (UniqueConstraint("unit_id", "year"),)
    review_subject = "registration"

    id: Mapped[int] = mapped_column(primary_key=True)
    period_id: Mapped[int] = mapped_column(ForeignKey("plan_periods.id"), index=True)
    year: Mapped[int] = mapped_column(index=True)
    # The Office's registration deadline it answers (portal.deadlines).
    deadline_id: Mapped[int | None] = mapped_column(ForeignKey("deadlines.id"), index=True)
    note: Mapped[str] = mapped_column(Text, default="")
    # First submitted after the deadline: the Office accepts it only with a reason.
    late: Mapped[bool] = mapped_column(default=False)
    late_acceptance_reason: Mapped[str] = mapped_column(Text, default="")

    unit = relationship("Unit")
    period = relationship("PlanPeriod")
    deadline = relationship("Deadline")
    entries: Mapped[list[RegistrationEntry]] = relationship(
        back_populates="registration",
        cascade="all, delete-orphan",
        order_by="[RegistrationEntry.kind, RegistrationEntry.name, RegistrationEntry.id]",
    )


class RegistrationEntry(UnitOwnedMixin, db.Model):
    """One title aimed at by the unit, one of its exemplars or one of its people."""

    __tablename__ = "registration_entries"
    __table_args__ = (UniqueConstraint("registration_id", "award_title_id", "nominee_key"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    registration_id: Mapped[int] = mapped_column(ForeignKey("registrations.id"), index=True)
    award_title_id: Mapped[int] = mapped_column(ForeignKey("award_titles.id"), index=True)
    kind: Mapped[ExemplarKind] = mapped_column(enum_column(ExemplarKind))
    nominee_key: Mapped[str] = mapped_column(String(40), index=True)
    # The person's account (also for an individual exemplar that has one).
    user_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"), index=True)
    exemplar_id: Mapped[int | None] = mapped_column(ForeignKey("exemplars.id"), index=True)
    name: Mapped[str] = mapped_column(String(255))

    registration: Mapped[Registration] = relationship(back_populates="entries")
    award_title = relationship("AwardTitle")
    user = relationship("User")
    exemplar = relationship("Exemplar")
