"""The recovery sweep runs every minute: work that never reached the queue (Redis
was down when its transaction committed), mail claims of dead jobs, and mail left
by a job that stopped early are enqueued again (see portal/jobs/recovery.py)."""

from __future__ import annotations

from portal.jobs.periodic import PeriodicJob
from portal.jobs.recovery import sweep_outstanding_work

PERIODIC = [PeriodicJob(sweep_outstanding_work, "* * * * *")]
