"""The demo's calendar: the 2023-2025 plan is history, told as it happened; the
current plan period is the one around "now", and its live obligations are dated
from "now" (some done, some due soon, a few overdue).

"Now" is a parameter (`flask demo --today`, `seed(..., now=...)`) so that tests
can pin it; by default it is the moment the demo is seeded.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta

from sqlalchemy import select

from portal.extensions import db
from portal.formatting import VN_TZ
from portal.models_base import as_utc, utcnow
from portal.organizations.models import Organization
from portal.periods.models import PlanPeriod, current_period

HISTORY_NAME = "2023-2025"
HISTORY_START, HISTORY_END = 2023, 2025
PERIOD_LENGTH = 5  # the next plans follow the five-year terms (2026-2030, ...)


def resolve_now(now: datetime | None) -> datetime:
    """`now` as an aware UTC datetime (the real now when None)."""
    return utcnow() if now is None else as_utc(now)


def local_day(now: datetime | None) -> date:
    """The day it is in Vietnam at `now`."""
    return resolve_now(now).astimezone(VN_TZ).date()


def at_local(day: date, hour: int = 9, minute: int = 30) -> datetime:
    """`day` at `hour`:`minute` Vietnam time, in UTC."""
    return datetime.combine(day, time(hour, minute), tzinfo=VN_TZ).astimezone(UTC)


def days_before(now: datetime | None, days: int, hour: int = 9) -> datetime:
    """`days` days before the local day of `now`, at `hour` (never after `now`)."""
    moment = at_local(local_day(now) - timedelta(days=days), hour)
    return min(moment, resolve_now(now) - timedelta(minutes=1))


def current_span(today: date) -> tuple[int, int]:
    """The years of the plan period that covers `today`: five-year plans after 2025."""
    first = HISTORY_END + 1
    start = first + max(0, today.year - first) // PERIOD_LENGTH * PERIOD_LENGTH
    return start, start + PERIOD_LENGTH - 1


def history_period(org: Organization) -> PlanPeriod | None:
    """The 2023-2025 plan (the programme's first), whether or not it is current."""
    return db.session.scalar(
        select(PlanPeriod).where(
            PlanPeriod.organization_id == org.id, PlanPeriod.name == HISTORY_NAME
        )
    )


def live_period(org: Organization) -> PlanPeriod | None:
    """The period the live obligations belong to: the current one."""
    return current_period(org.id)


def live_year(period: PlanPeriod, now: datetime | None) -> int:
    """The year of `period` that is "now" (its first or last when now is outside it)."""
    return min(max(local_day(now).year, period.start_year), period.end_year)
