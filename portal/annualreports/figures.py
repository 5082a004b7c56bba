"""The figures of an annual report, computed from the unit's records at render time.

Every section is a plain JSON-able dict so that the figures of an accepted report
can be frozen as they were (AnnualReport.snapshot). Years are calendar years; for
timestamps the year is taken in Vietnam time.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, time
from decimal import Decimal

from sqlalchemy import Date, DateTime, select
from sqlalchemy.orm import joinedload, selectinload

from portal.budget.services import unit_figures
from portal.difficulties.models import Difficulty
from portal.exemplars.models import Exemplar, ExemplarStatus, FosteringAction, FosteringStatus
from portal.exemplars.quota import quota_flag, unit_quota
from portal.extensions import db
from portal.formatting import VN_TZ, local_datetime
from portal.inspections.models import FindingSeverity, FindingStatus, Inspection
from portal.models_base import utcnow
from portal.propagation.models import Channel, PropagationActivity
from portal.reviews.states import ReviewState
from portal.training.models import TrainingRecord


def figures_for(report) -> dict:
    """The frozen figures of an accepted report, else the live ones."""
    if report.state == ReviewState.ACCEPTED and report.snapshot:
        return report.snapshot
    return compute_figures(report)


def compute_figures(report) -> dict:
    unit_id, year = report.unit_id, report.year
    return {
        "unit_id": unit_id,
        "year": year,
        "computed_at": utcnow().isoformat(),
        "exemplars": exemplar_figures(unit_id, year),
        "fostering": fostering_figures(unit_id, year),
        "propagation": propagation_figures(unit_id, year),
        "training": training_figures(unit_id, year),
        "budget": unit_figures(unit_id, year),
        "inspections": inspection_figures(unit_id, year),
        "difficulties": difficulty_figures(unit_id, year),
        "commendations": [_exemplar(c.exemplar) for c in report.commendations],
    }


def within_year(column, year: int):
    """SQL condition: `column` (a Date or a DateTime) falls in `year`."""
    if isinstance(column.type, DateTime):
        # Bounds in UTC: SQLite keeps timestamps as naive UTC text.
        start = datetime.combine(date(year, 1, 1), time(), tzinfo=VN_TZ).astimezone(UTC)
        end = datetime.combine(date(year + 1, 1, 1), time(), tzinfo=VN_TZ).astimezone(UTC)
    elif isinstance(column.type, Date):
        start, end = date(year, 1, 1), date(year + 1, 1, 1)
    else:
        raise TypeError(f"{column} is neither a date nor a datetime")
    return (column >= start) & (column < end)


def _iso(value: date | datetime | None) -> str | None:
    if value is None:
        return None
    if isinstance(value, datetime):
        return local_datetime(value).date().isoformat()
    return value.isoformat()


def _number(value) -> int | float:
    if isinstance(value, Decimal):
        return int(value) if value == value.to_integral_value() else float(value)
    return value or 0


def _value(enum_value) -> str:
    return getattr(enum_value, "value", enum_value)


def _exemplar(exemplar) -> dict:
    return {
        "id": exemplar.id,
        "name": exemplar.name,
        "kind": _value(exemplar.kind),
        "status": _value(exemplar.status),
        "level": _value(exemplar.level),
        "year_identified": exemplar.year_identified,
        "year_recognised": exemplar.year_recognised,
    }


def exemplar_figures(unit_id: int, year: int) -> dict:
    """The unit's exemplars known by the end of `year`, by (current) status; those
    identified and those recognised in `year`; the 1-2 a year quota."""
    rows = db.session.scalars(
        select(Exemplar)
        .where(Exemplar.unit_id == unit_id, Exemplar.year_identified <= year)
        .order_by(Exemplar.name)
    ).all()
    by_status = {_value(status): 0 for status in ExemplarStatus}
    for row in rows:
        by_status[_value(row.status)] += 1
    return {
        "total": len(rows),
        "by_status": by_status,
        "identified": [_exemplar(e) for e in rows if e.year_identified == year],
        "recognised": [_exemplar(e) for e in rows if e.year_recognised == year],
        "quota": _quota(unit_id, year),
    }


def _quota(unit_id: int, year: int) -> dict:
    count = unit_quota([unit_id], [year])[(unit_id, year)]
    return {"count": count, "flag": quota_flag(count)}


def fostering_figures(unit_id: int, year: int) -> dict:
    """Fostering actions completed in `year`."""
    rows = db.session.scalars(
        select(FosteringAction)
        .where(
            FosteringAction.unit_id == unit_id,
            FosteringAction.status == FosteringStatus.DONE,
            within_year(FosteringAction.completed_at, year),
        )
        .options(joinedload(FosteringAction.exemplar))
        .order_by(FosteringAction.completed_at)
    ).all()
    return {
        "done_count": len(rows),
        "done": [
            {
                "exemplar": row.exemplar.name,
                "support_type": _value(row.support_type),
                "description": row.description,
                "outcome": row.outcome,
                "completed_on": _iso(row.completed_at),
            }
            for row in rows
        ],
    }


def propagation_figures(unit_id: int, year: int) -> dict:
    """Propagation activities of `year`, by channel, with their cost."""
    rows = db.session.scalars(
        select(PropagationActivity)
        .where(
            PropagationActivity.unit_id == unit_id,
            within_year(PropagationActivity.activity_date, year),
        )
        .order_by(PropagationActivity.activity_date, PropagationActivity.id)
    ).all()
    by_channel = {_value(c): {"count": 0, "cost_vnd": 0} for c in Channel}
    for row in rows:
        bucket = by_channel.setdefault(_value(row.channel), {"count": 0, "cost_vnd": 0})
        bucket["count"] += 1
        bucket["cost_vnd"] += row.cost_vnd or 0
    return {
        "count": len(rows),
        "by_channel": by_channel,
        "total_cost_vnd": sum(row.cost_vnd or 0 for row in rows),
        "audience": sum(row.audience_reached or 0 for row in rows),
        "items": [
            {
                "date": _iso(row.activity_date),
                "title": row.title,
                "activity_type": _value(row.activity_type),
                "channel": _value(row.channel),
                "cost_vnd": row.cost_vnd,
                "audience": row.audience_reached,
            }
            for row in rows
        ],
    }


def training_figures(unit_id: int, year: int) -> dict:
    """Trainings that started in `year`: how many, how many people, how many hours."""
    rows = db.session.scalars(
        select(TrainingRecord)
        .where(TrainingRecord.unit_id == unit_id, within_year(TrainingRecord.start_date, year))
        .order_by(TrainingRecord.start_date, TrainingRecord.id)
    ).all()
    people = {row.person_user_id or row.person_name.strip().lower() for row in rows}
    return {
        "count": len(rows),
        "people": len(people),
        "hours": _number(sum((Decimal(str(row.hours or 0)) for row in rows), Decimal(0))),
        "items": [
            {
                "person": row.person_name,
                "course": row.course,
                "organiser": row.organiser,
                "start_date": _iso(row.start_date),
                "end_date": _iso(row.end_date),
                "hours": _number(row.hours),
            }
            for row in rows
        ],
    }


def inspection_figures(unit_id: int, year: int) -> dict:
    """Inspections the unit received in `year` and their findings."""
    rows = db.session.scalars(
        select(Inspection)
        .where(Inspection.unit_id == unit_id, Inspection.year == year)
        .options(selectinload(Inspection.findings))
        .order_by(Inspection.inspection_date, Inspection.id)
    ).all()
    findings = [finding for row in rows for finding in row.findings]
    by_severity = {_value(s): 0 for s in FindingSeverity}
    by_status = {_value(s): 0 for s in FindingStatus}
    for finding in findings:
        by_severity[_value(finding.severity)] += 1
        by_status[_value(finding.status)] += 1
    return {
        "count": len(rows),
        "items": [
            {
                "date": _iso(row.inspection_date),
                "method": _value(row.method),
                "scope": [_value(s) for s in (row.scope or [])],
                "summary": row.summary,
                "findings": len(row.findings),
            }
            for row in rows
        ],
        "findings_count": len(findings),
        "findings_by_severity": by_severity,
        "findings_by_status": by_status,
        "findings": [
            {
                "severity": _value(f.severity),
                "finding": f.finding,
                "recommendation": f.recommendation,
                "status": _value(f.status),
                "due_date": _iso(f.due_date),
            }
            for f in findings
        ],
    }


def difficulty_figures(unit_id: int, year: int) -> dict:
    """Difficulties raised in `year`, and how many the Department answered in `year`."""
    raised = db.session.scalars(
        select(Difficulty)
        .where(Difficulty.unit_id == unit_id, within_year(Difficulty.raised_at, year))
        .order_by(Difficulty.raised_at, Difficulty.id)
    ).all()
    answered = db.session.scalar(
        select(db.func.count(Difficulty.id)).where(
            Difficulty.unit_id == unit_id,
            Difficulty.answered_at.is_not(None),
            within_year(Difficulty.answered_at, year),
        )
    )
    return {
        "raised": len(raised),
        "answered": answered or 0,
        "open": sum(1 for row in raised if _value(row.status) == "open"),
        "items": [
            {
                "title": row.title,
                "status": _value(row.status),
                "raised_on": _iso(row.raised_at),
                "answered_on": _iso(row.answered_at),
                "answer": row.answer,
            }
            for row in raised
        ],
    }
