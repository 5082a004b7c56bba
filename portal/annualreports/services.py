"""The rules of annual reports: one per unit and year of a period, the coordinator's
commentary and the exemplars proposed for commendation (the unit's own only)."""

from __future__ import annotations

from flask import url_for
from flask_babel import gettext as _
from sqlalchemy import select

from portal.annualreports.figures import compute_figures
from portal.annualreports.models import AnnualReport, CommendationProposal
from portal.annualreports.sections import COMMENTARY_FIELDS
from portal.exemplars.queries import exemplar_choices
from portal.extensions import db
from portal.periods.models import PlanPeriod
from portal.reviews.models import ReviewEvent
from portal.reviews.states import ReviewAction
from portal.rules import RuleError


def find_report(unit_id: int, period_id: int, year: int) -> AnnualReport | None:
    return db.session.scalar(
        select(AnnualReport).where(
            AnnualReport.unit_id == unit_id,
            AnnualReport.period_id == period_id,
            AnnualReport.year == year,
        )
    )


def create_report(unit_id: int, period: PlanPeriod, year: int) -> AnnualReport:
    """A draft report of `unit_id` for `year`. The caller commits."""
    if year not in period.years:
        raise RuleError(
            _("Năm %(year)s không thuộc kỳ kế hoạch %(period)s.", year=year, period=period.name)
        )
    if find_report(unit_id, period.id, year) is not None:
        raise RuleError(_("Đơn vị đã có báo cáo năm %(year)s.", year=year))
    report = AnnualReport(unit_id=unit_id, period_id=period.id, year=year)
    db.session.add(report)
    db.session.flush()
    return report


def save_report(report: AnnualReport, commentary: dict[str, str], exemplar_ids: list[int]) -> None:
    """The coordinator's words and the proposed exemplars. The caller commits."""
    if not report.is_editable:
        raise RuleError(_("Báo cáo không còn được chỉnh sửa."))
    for field in COMMENTARY_FIELDS:
        if field in commentary:
            setattr(report, field, (commentary[field] or "").strip())
    set_commendations(report, exemplar_ids)


def set_commendations(report: AnnualReport, exemplar_ids: list[int]) -> None:
    allowed = {exemplar.id for exemplar in exemplar_choices(report.unit_id)}
    wanted = set(exemplar_ids)
    if not wanted <= allowed:
        raise RuleError(_("Chỉ được đề nghị khen thưởng điển hình của đơn vị mình."))
    for proposal in list(report.commendations):
        if proposal.exemplar_id not in wanted:
            report.commendations.remove(proposal)
    existing = {proposal.exemplar_id for proposal in report.commendations}
    for exemplar_id in sorted(wanted - existing):
        report.commendations.append(
            CommendationProposal(unit_id=report.unit_id, exemplar_id=exemplar_id)
        )


class AnnualReportReview:
    """The review workflow's adapter for an annual report (portal.reviews.adapters)."""

    def title(self, report: AnnualReport) -> str:
        unit_name = report.unit.name if report.unit else ""
        return _("Báo cáo năm %(year)s của %(unit)s", year=report.year, unit=unit_name)

    def path(self, report: AnnualReport) -> str:
        return url_for("annualreports.view", report_id=report.id, _external=False)

    def submission_problems(self, report: AnnualReport) -> list[str]:
        return []

    def after_transition(self, report: AnnualReport, event: ReviewEvent) -> None:
        """Freeze the figures when accepted; a reopened report shows live figures again."""
        if event.action == ReviewAction.ACCEPT:
            report.snapshot = compute_figures(report)
            report.snapshot_at = event.at
        elif event.action == ReviewAction.REOPEN:
            report.snapshot = None
            report.snapshot_at = None
