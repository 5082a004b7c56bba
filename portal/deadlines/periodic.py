"""The reminder sweep runs every 10 minutes (the scheduler started by worker.py)."""

from __future__ import annotations

from portal.deadlines.reminders import sweep_reminders
from portal.jobs.periodic import PeriodicJob

PERIODIC = [PeriodicJob(sweep_reminders, "*/10 * * * *")]
