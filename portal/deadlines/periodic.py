"""The reminder sweep runs every 10 minutes (the scheduler started by worker.py);
REMINDER_SWEEP_CRON changes that, e.g. "* * * * *" for the browser journeys."""

from __future__ import annotations

from portal.deadlines.reminders import sweep_reminders
from portal.jobs.periodic import PeriodicJob

DEFAULT_SWEEP_CRON = "*/10 * * * *"

PERIODIC = [
    PeriodicJob(sweep_reminders, DEFAULT_SWEEP_CRON, cron_setting="REMINDER_SWEEP_CRON"),
]
