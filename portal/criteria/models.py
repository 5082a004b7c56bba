"""CriteriaSet and CriteriaItem. A set already used by an assessment is never edited
in place: a new version is made (see services), and old assessments keep theirs."""

from __future__ import annotations

from decimal import Decimal

from sqlalchemy import ForeignKey, Numeric, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from portal.db_types import enum_column
from portal.enums import LabelledEnum
from portal.extensions import db
from portal.models_base import TimestampMixin, VersionedMixin
from portal.msgids import N_


class CriteriaAudience(LabelledEnum):
    COLLECTIVE = "collective", N_("Tập thể")
    INDIVIDUAL = "individual", N_("Cá nhân")


class CriteriaSet(TimestampMixin, VersionedMixin, db.Model):
    __tablename__ = "criteria_sets"
    __table_args__ = (UniqueConstraint("period_id", "audience", "version"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    organization_id: Mapped[int] = mapped_column(ForeignKey("organizations.id"), index=True)
    period_id: Mapped[int] = mapped_column(ForeignKey("plan_periods.id"), index=True)
    audience: Mapped[CriteriaAudience] = mapped_column(enum_column(CriteriaAudience))
    version: Mapped[int] = mapped_column(default=1)
    title: Mapped[str] = mapped_column(String(500))
    # The version in force for new assessments; older versions stay for history.
    is_current: Mapped[bool] = mapped_column(default=True)

    period = relationship("PlanPeriod")
    items: Mapped[list[CriteriaItem]] = relationship(
        back_populates="criteria_set",
        order_by="CriteriaItem.position",
        cascade="all, delete-orphan",
    )

    @property
    def total_weight(self) -> Decimal:
        return sum((item.weight for item in self.items), Decimal(0))


class CriteriaItem(VersionedMixin, db.Model):
    __tablename__ = "criteria_items"

    id: Mapped[int] = mapped_column(primary_key=True)
    criteria_set_id: Mapped[int] = mapped_column(ForeignKey("criteria_sets.id"), index=True)
    position: Mapped[int] = mapped_column(default=0)
    title: Mapped[str] = mapped_column(String(500))
    guidance: Mapped[str] = mapped_column(Text, default="")
    weight: Mapped[Decimal] = mapped_column(Numeric(6, 2), default=Decimal(1))
    # Maximum score of the item in assessments (self-scores run from 0 to this).
    max_score: Mapped[int] = mapped_column(default=10)
    required: Mapped[bool] = mapped_column(default=True)

    criteria_set: Mapped[CriteriaSet] = relationship(back_populates="items")
