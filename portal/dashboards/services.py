"""What the dashboards are about: the chosen period and year, and where each unit
stands on its obligations, gathered from the services that own each rule."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from flask import abort
from sqlalchemy import case, func, select

from portal.annualreports.models import AnnualReport
from portal.assessments.matrix import ASSESSMENT_KIND, REPORT_KIND
from portal.assessments.models import SelfAssessment
from portal.congress.models import CongressSubmission
from portal.congress.services import submission_deadlines
from portal.council.planning import Coverage
from portal.deadlines.completion import completion_map
from portal.deadlines.services import CellStatus, cell_status
from portal.exemplars.quota import quota_flag, unit_quota
from portal.extensions import db
from portal.inspections.models import NOT_CLOSED, Inspection, InspectionFinding, SupervisionPlanItem
from portal.inspections.services import overdue_clause
from portal.models_base import as_utc, in_ids
from portal.organizations.models import Unit
from portal.periods.models import PlanPeriod
from portal.reviews.deadlines import Punctuality
from portal.reviews.grid import GridCell, yearly_grid

# A deadline's cell status read as the punctuality of a reviewed record.
PUNCTUALITY_OF_STATUS = {
    CellStatus.DONE: Punctuality.ON_TIME,
    CellStatus.LATE: Punctuality.LATE,
    CellStatus.OVERDUE: Punctuality.OVERDUE,
    CellStatus.PENDING: Punctuality.PENDING,
}


@dataclass(frozen=True)
class Selection:
    """The organization's periods, and the period and year the dashboard shows."""

    periods: list[PlanPeriod]
    period: PlanPeriod | None
    year: int | None


def default_year(period: PlanPeriod, today: date) -> int:
    """This year, or the period's last (first) year when today is after (before) it."""
    return min(max(today.year, period.start_year), period.end_year)


def select_period_year(
    organization_id: int, period_id: int | None, year: int | None, today: date
) -> Selection:
    """The period asked for (404 when it is not the organization's), else the
    current one; the year asked for when it is in that period, else the default."""
    periods = list(
        db.session.scalars(
            select(PlanPeriod)
            .where(PlanPeriod.organization_id == organization_id)
            .order_by(PlanPeriod.start_year.desc(), PlanPeriod.id)
        )
    )
    if period_id is not None:
        period = next((p for p in periods if p.id == period_id), None)
        if period is None:
            abort(404)
    else:
        # Same choice as portal.periods.models.current_period, without another query.
        period = next((p for p in periods if p.is_current), None)
        period = period or max(periods, key=lambda p: p.end_year, default=None)
    if period is None:
        return Selection(periods, None, None)
    if year not in period.years:
        year = default_year(period, today)
    return Selection(periods, period, year)


@dataclass(frozen=True)
class Obligations:
    """Where one unit stands in a year of a period (the raw facts of a matrix row)."""

    unit: Unit
    quota_count: int
    assessment: GridCell
    report: GridCell
    planned_inspections: int
    done_inspections: int
    open_findings: int
    overdue_findings: int
    congress: CongressSubmission | None
    congress_punctuality: Punctuality | None
    congress_due: datetime | None = None  # the binding congress deadline, when one is set

    @property
    def quota_flag(self) -> str:
        return quota_flag(self.quota_count)

    @property
    def coverage(self) -> Coverage:
        # The rule of portal.council.planning.UnitCoverage, from counts.
        if self.done_inspections:
            return Coverage.DONE
        if self.planned_inspections:
            return Coverage.PLANNED
        return Coverage.NOT_COVERED


def obligations(
    units: list[Unit], period: PlanPeriod, year: int, today: date, now: datetime
) -> list[Obligations]:
    """One row per unit, in a fixed number of grouped queries whatever their number."""
    ids = [unit.id for unit in units]
    quota = unit_quota(ids, [year])
    assessments = yearly_grid(SelfAssessment, ASSESSMENT_KIND, ids, period, now)
    reports = yearly_grid(AnnualReport, REPORT_KIND, ids, period, now)
    planned, done = inspection_counts(ids, year)
    findings = finding_counts(ids, year, today)
    submissions, punctuality, congress_dues = congress_states(ids, period, now)
    return [
        Obligations(
            unit=unit,
            quota_count=quota[(unit.id, year)],
            assessment=assessments[unit.id][year],
            report=reports[unit.id][year],
            planned_inspections=planned.get(unit.id, 0),
            done_inspections=done.get(unit.id, 0),
            open_findings=findings.get(unit.id, (0, 0))[0],
            overdue_findings=findings.get(unit.id, (0, 0))[1],
            congress=submissions.get(unit.id),
            congress_punctuality=punctuality.get(unit.id),
            congress_due=congress_dues.get(unit.id),
        )
        for unit in units
    ]


def inspection_counts(unit_ids: list[int], year: int) -> tuple[dict[int, int], dict[int, int]]:
    """Planned inspections (supervision plan items) and inspections done, per unit."""
    planned = db.session.execute(
        select(SupervisionPlanItem.unit_id, func.count(SupervisionPlanItem.id))
        .where(in_ids(SupervisionPlanItem.unit_id, unit_ids), SupervisionPlanItem.year == year)
        .group_by(SupervisionPlanItem.unit_id)
    )
    done = db.session.execute(
        select(Inspection.unit_id, func.count(Inspection.id))
        .where(in_ids(Inspection.unit_id, unit_ids), Inspection.year == year)
        .group_by(Inspection.unit_id)
    )
    return dict(planned.all()), dict(done.all())


def finding_counts(unit_ids: list[int], year: int, today: date) -> dict[int, tuple[int, int]]:
    """(not closed, overdue) findings of the year's inspections, per unit."""
    rows = db.session.execute(
        select(
            InspectionFinding.unit_id,
            func.sum(case((InspectionFinding.status.in_(NOT_CLOSED), 1), else_=0)),
            func.sum(case((overdue_clause(today), 1), else_=0)),
        )
        .join(Inspection, Inspection.id == InspectionFinding.inspection_id)
        .where(in_ids(InspectionFinding.unit_id, unit_ids), Inspection.year == year)
        .group_by(InspectionFinding.unit_id)
    )
    return {unit_id: (int(open_ or 0), int(late or 0)) for unit_id, open_, late in rows}


def congress_states(
    unit_ids: list[int], period: PlanPeriod, now: datetime
) -> tuple[dict[int, CongressSubmission], dict[int, Punctuality], dict[int, datetime]]:
    """Each unit's congress submission of the period and, when the Office set a
    congress deadline for it, whether it met the earliest one (portal.deadlines rules)
    and when that one is due."""
    submissions = db.session.scalars(
        select(CongressSubmission).where(
            in_ids(CongressSubmission.unit_id, unit_ids),
            CongressSubmission.period_id == period.id,
        )
    )
    by_unit = {s.unit_id: s for s in submissions}
    deadlines = submission_deadlines(period)
    done = completion_map(deadlines, unit_ids)
    moment = as_utc(now)
    states: dict[int, Punctuality] = {}
    dues: dict[int, datetime] = {}
    for unit_id in unit_ids:
        binding = next((d for d in deadlines if d.all_units or unit_id in d.target_unit_ids), None)
        if binding is not None:
            status = cell_status(binding, done.get((binding.id, unit_id)), moment)
            states[unit_id] = PUNCTUALITY_OF_STATUS[status]
            dues[unit_id] = as_utc(binding.due_at)
    return by_unit, states, dues
