"""PlanPeriod: the years a plan covers; criteria, councils and deadlines hang off it."""

from __future__ import annotations

from sqlalchemy import ForeignKey, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from portal.extensions import db
from portal.models_base import TimestampMixin, VersionedMixin


class PlanPeriod(TimestampMixin, VersionedMixin, db.Model):
    __tablename__ = "plan_periods"
    __table_args__ = (UniqueConstraint("organization_id", "name"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    organization_id: Mapped[int] = mapped_column(ForeignKey("organizations.id"), index=True)
    name: Mapped[str] = mapped_column(String(64))  # "2023-2025"
    title: Mapped[str] = mapped_column(String(500), default="")
    start_year: Mapped[int]
    end_year: Mapped[int]
    is_current: Mapped[bool] = mapped_column(default=False)

    organization = relationship("Organization")

    def __str__(self) -> str:
        return self.name

    @property
    def years(self) -> list[int]:
        return list(range(self.start_year, self.end_year + 1))


def current_period(organization_id: int) -> PlanPeriod | None:
    """The period marked current, else the latest one."""
    return db.session.scalars(
        db.select(PlanPeriod)
        .where(PlanPeriod.organization_id == organization_id)
        .order_by(PlanPeriod.is_current.desc(), PlanPeriod.end_year.desc())
        .limit(1)
    ).first()
