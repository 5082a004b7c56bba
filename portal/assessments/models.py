"""SelfAssessment (one per unit per year of a period) and its per-criterion items."""

from __future__ import annotations

from decimal import Decimal

from sqlalchemy import ForeignKey, Numeric, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from portal.extensions import db
from portal.models_base import TimestampMixin, VersionedMixin
from portal.reviews.models import ReviewableMixin
from portal.tenancy import UnitOwnedMixin

EVIDENCE_OWNER = "assessment_item"


class SelfAssessment(UnitOwnedMixin, ReviewableMixin, TimestampMixin, VersionedMixin, db.Model):
    """A unit's evaluation of its detection and fostering of exemplars for a year.

    It keeps the criteria set it was made against (`criteria_set_id`), so a later
    version of the criteria does not change it.
    """

    __tablename__ = "self_assessments"
    __table_args__ = (UniqueConstraint("unit_id", "period_id", "year"),)
    review_subject = "self_assessment"

    id: Mapped[int] = mapped_column(primary_key=True)
    period_id: Mapped[int] = mapped_column(ForeignKey("plan_periods.id"), index=True)
    year: Mapped[int] = mapped_column(index=True)
    criteria_set_id: Mapped[int] = mapped_column(ForeignKey("criteria_sets.id"), index=True)
    general_comment: Mapped[str] = mapped_column(Text, default="")  # the unit's summary
    office_comment: Mapped[str] = mapped_column(Text, default="")  # the Office's conclusion

    unit = relationship("Unit")
    period = relationship("PlanPeriod")
    criteria_set = relationship("CriteriaSet")
    items: Mapped[list[SelfAssessmentItem]] = relationship(
        back_populates="assessment",
        cascade="all, delete-orphan",
        order_by="SelfAssessmentItem.position",
    )


class SelfAssessmentItem(UnitOwnedMixin, TimestampMixin, db.Model):
    """The unit's score and comment on one criterion, and the Office's own."""

    __tablename__ = "self_assessment_items"
    __table_args__ = (UniqueConstraint("assessment_id", "criteria_item_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    assessment_id: Mapped[int] = mapped_column(ForeignKey("self_assessments.id"), index=True)
    criteria_item_id: Mapped[int] = mapped_column(ForeignKey("criteria_items.id"), index=True)
    position: Mapped[int] = mapped_column(default=0)  # the criterion's order when made
    self_score: Mapped[Decimal | None] = mapped_column(Numeric(6, 2))
    self_comment: Mapped[str] = mapped_column(Text, default="")
    office_score: Mapped[Decimal | None] = mapped_column(Numeric(6, 2))
    office_comment: Mapped[str] = mapped_column(Text, default="")

    assessment: Mapped[SelfAssessment] = relationship(back_populates="items")
    criteria_item = relationship("CriteriaItem", lazy="joined")
