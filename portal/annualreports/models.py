"""AnnualReport (one per unit per year of a period) and the exemplars it proposes
for commendation. The figures of its sections are computed from the records
(see figures.py); on acceptance they are frozen into `snapshot`."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import JSON, DateTime, ForeignKey, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from portal.extensions import db
from portal.models_base import TimestampMixin
from portal.reviews.models import ReviewableMixin, ReviewEvent
from portal.reviews.states import ReviewAction
from portal.tenancy import UnitOwnedMixin


class AnnualReport(UnitOwnedMixin, ReviewableMixin, TimestampMixin, db.Model):
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

    def __str__(self) -> str:
        return self.review_title()

    def review_title(self) -> str:
        from flask_babel import gettext as _

        unit_name = self.unit.name if self.unit else ""
        return _("Báo cáo năm %(year)s của %(unit)s", year=self.year, unit=unit_name)

    def review_path(self) -> str:
        from flask import url_for

        return url_for("annualreports.view", report_id=self.id, _external=False)

    def after_review_transition(self, event: ReviewEvent) -> None:
        """Freeze the figures when accepted; a reopened report shows live figures again."""
        from portal.annualreports.figures import compute_figures

        if event.action == ReviewAction.ACCEPT:
            self.snapshot = compute_figures(self)
            self.snapshot_at = event.at
        elif event.action == ReviewAction.REOPEN:
            self.snapshot = None
            self.snapshot_at = None


class CommendationProposal(UnitOwnedMixin, db.Model):
    """An exemplar of the unit that its annual report proposes for commendation."""

    __tablename__ = "annual_report_commendations"
    __table_args__ = (UniqueConstraint("report_id", "exemplar_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    report_id: Mapped[int] = mapped_column(ForeignKey("annual_reports.id"), index=True)
    exemplar_id: Mapped[int] = mapped_column(ForeignKey("exemplars.id"), index=True)

    report: Mapped[AnnualReport] = relationship(back_populates="commendations")
    exemplar = relationship("Exemplar")
