"""The reminder schedule: which stage an item is in at a given moment.

Stages, in Vietnam days: N days before the due date for each N of the
schedule (to the people who must act), the due date itself and then every
7 days while overdue (escalation: also to the Office). A stage opens at
07:00 Vietnam time on its day, so that nobody is woken at midnight; the
sweep sends only the stage open now (never a backlog of stale ones).
The stage key includes the due date, so moving a deadline re-arms its reminders.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta

from portal.formatting import VN_TZ
from portal.models_base import as_utc

SEND_HOUR = 7
DEFAULT_DAYS_BEFORE = (14, 7, 1)
OVERDUE_EVERY_DAYS = 7


@dataclass(frozen=True)
class Schedule:
    days_before: tuple[int, ...] = DEFAULT_DAYS_BEFORE
    escalate: bool = True  # on the due date, then weekly while overdue


@dataclass(frozen=True)
class Stage:
    name: str  # "before_7", "due", "overdue_w2"
    key: str  # name and due date: "before_7:2025-12-15"
    escalation: bool
    days_left: int  # > 0 before the due date, 0 on it, < 0 overdue (in local days)

    @property
    def category(self) -> str:
        return "escalation" if self.escalation else "reminder"


def local_day(moment: datetime) -> date:
    return as_utc(moment).astimezone(VN_TZ).date()


def reminder_day(now: datetime) -> date:
    """The day whose stages are open at `now`: the latest day whose 07:00 has passed
    (between midnight and 07:00 it is still yesterday)."""
    return (as_utc(now).astimezone(VN_TZ) - timedelta(hours=SEND_HOUR)).date()


def current_stage(due_at: datetime, schedule: Schedule, now: datetime) -> Stage | None:
    """The stage open at `now` for an item due at `due_at`, or None."""
    due_day = local_day(due_at)
    day = reminder_day(now)
    days_left = (due_day - day).days
    stamp = due_day.isoformat()
    if days_left <= 0:
        if not schedule.escalate:
            return None
        week = -days_left // OVERDUE_EVERY_DAYS
        name = "due" if week == 0 else f"overdue_w{week}"
        return Stage(name, f"{name}:{stamp}", True, days_left)
    opened = [d for d in schedule.days_before if d >= days_left]
    if not opened:
        return None
    name = f"before_{min(opened)}"
    return Stage(name, f"{name}:{stamp}", False, days_left)
