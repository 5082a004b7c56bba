"""AnnualReport (one per unit per year of a period) and the exemplars it proposes
for commendation. The figures of its sections are computed from the records
(see figures.py); on acceptance they are frozen into `snapshot`."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import JSON, DateTime, ForeignKey, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from portal.extensions import db
from portal.models_base import TimestampMixin, VersionedMixin
from portal.reviews.models import ReviewableMixin
from portal.tenancy import UnitOwnedMixin


class AnnualReport(UnitOwnedMixin, ReviewableMixin, TimestampMixin, VersionedMixin, db.Model):
    __tablename__ = "annual_reports"
    __table_args__ = (UniqueConstraint("unit_id", "period_id", "year"),)
    review_subject = "annual_report"

    id: Mapped[int] = mapped_column(primary_key=True)
    period_id: Mapped[int] = mapped_column(ForeignKey("plan_periods.id"), index=True)
    year: Mapped[int] = mapped_column(index=True)
    # The coordinator's commentary on each section (the figures are computed).
    detection_commentary: Mapped[str] = mapped_column(Text, default="")
    exemplars_commentary: Mapped[str] = mapped_column(Text, default="")
    propagation_commentary: Mapped[str] = mapped_column(Text, default="")
    training_commentary: Mapped[str] = mapped_column(Text, default="")
    inspections_commentary: Mapped[str] = mapped_column(Text, default="")
    difficulties_commentary: Mapped[str] = mapped_column(Text, default="")
    proposals: Mapped[str] = mapped_column(Text, default="")  # đề xuất, kiến nghị
    commendation_commentary: Mapped[str] = mapped_column(Text, default="")
    # The computed figures as they stood when the Office accepted the report.
    snapshot: Mapped[dict | None] = mapped_column(JSON)
    snapshot_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))

    unit = relationship("Unit")
    period = relationship("PlanPeriod")
    commendations: Mapped[list[CommendationProposal]] = relationship(
        back_populates="report", cascade="all, delete-orphan", order_by="CommendationProposal.id"
    )


class CommendationProposal(UnitOwnedMixin, db.Model):
    """An exemplar of the unit that its annual report proposes for commendation."""

    __tablename__ = "annual_report_commendations"
    __table_args__ = (UniqueConstraint("report_id", "exemplar_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    report_id: Mapped[int] = mapped_column(ForeignKey("annual_reports.id"), index=True)
    exemplar_id: Mapped[int] = mapped_column(ForeignKey("exemplars.id"), index=True)

    report: Mapped[AnnualReport] = relationship(back_populates="commendations")
    exemplar = relationship("Exemplar")
