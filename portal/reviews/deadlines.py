"""When a yearly record is due, and whether it was handed in on time.

The due time of a kind of record for a year is the Office's deadline of that
kind and year (`portal.deadlines`) when one is set; otherwise the period-level
default: 15 December of that year, end of day, Vietnam time. A deadline is met
when the record was first submitted (`submitted_at`) by the due time.
"""

from __future__ import annotations

from datetime import date, datetime, time

from sqlalchemy import select

from portal.deadlines.models import Deadline
from portal.enums import LabelledEnum
from portal.extensions import db
from portal.formatting import VN_TZ
from portal.models_base import as_utc
from portal.msgids import N_
from portal.periods.models import PlanPeriod

DEFAULT_DUE_MONTH = 12
DEFAULT_DUE_DAY = 15


class Punctuality(LabelledEnum):
    ON_TIME = "on_time", N_("Đúng hạn"), "success"  # submitted by the due time
    LATE = "late", N_("Nộp muộn"), "danger"  # submitted after it
    OVERDUE = "overdue", N_("Quá hạn, chưa nộp"), "danger"  # not submitted, due time passed
    PENDING = "pending", N_("Chưa đến hạn"), "secondary"  # not submitted, not yet due


def default_due(year: int) -> datetime:
    return end_of_day(date(year, DEFAULT_DUE_MONTH, DEFAULT_DUE_DAY))


def end_of_day(day: date) -> datetime:
    return datetime.combine(day, time(23, 59, 59), tzinfo=VN_TZ)


def due_times(
    period: PlanPeriod, kind: str, unit_ids: list[int]
) -> dict[tuple[int, int], datetime]:
    """(unit id, year) -> due time of records of `kind` ('self_assessment',
    'annual_report', ...) for every year of `period` (two queries at most)."""
    years = period.years
    result = {(unit_id, year): default_due(year) for unit_id in unit_ids for year in years}
    overridden: set[tuple[int, int]] = set()
    for deadline in _office_deadlines(period, kind):
        due = _as_due_time(deadline.due_at)
        applies_to = unit_ids if deadline.all_units else deadline.target_unit_ids
        for unit_id in applies_to:
            key = (unit_id, deadline.year)
            if key not in result:
                continue
            # With several deadlines of one kind and year, the earliest binds;
            # an Office deadline always replaces the default.
            if key not in overridden or due < result[key]:
                result[key] = due
            overridden.add(key)
    return result


def _office_deadlines(period: PlanPeriod, kind: str) -> list:
    return list(
        db.session.scalars(
            select(Deadline).where(
                Deadline.organization_id == period.organization_id,
                Deadline.period_id == period.id,
                Deadline.kind == kind,
            )
        )
    )


def _as_due_time(value: date | datetime) -> datetime:
    if isinstance(value, datetime):
        return as_utc(value)
    return end_of_day(value)


def punctuality(
    submitted_at: datetime | None, due: datetime, now: datetime | None = None
) -> Punctuality:
    if submitted_at is not None:
        return Punctuality.ON_TIME if as_utc(submitted_at) <= due else Punctuality.LATE
    now = now or datetime.now(VN_TZ)
    return Punctuality.OVERDUE if as_utc(now) > due else Punctuality.PENDING
