"""The notifications' periodic jobs (the scheduler started by worker.py runs them):
the daily digest, and the deadline reminder sweep every 10 minutes, which
REMINDER_SWEEP_CRON changes, e.g. "* * * * *" for the browser journeys."""

from __future__ import annotations

from portal.jobs.periodic import PeriodicJob
from portal.notifications.digest import send_daily_digests
from portal.notifications.reminders import sweep_reminders

DEFAULT_SWEEP_CRON = "*/10 * * * *"

PERIODIC = [
    PeriodicJob(send_daily_digests, "*/15 * * * *"),
    PeriodicJob(sweep_reminders, DEFAULT_SWEEP_CRON, cron_setting="REMINDER_SWEEP_CRON"),
]
