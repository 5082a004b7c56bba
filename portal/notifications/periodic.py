"""The daily digest job: runs often, sends each digest reader one email a day."""

from __future__ import annotations

from portal.jobs.periodic import PeriodicJob
from portal.notifications.digest import send_daily_digests

PERIODIC = [PeriodicJob(send_daily_digests, "*/15 * * * *")]
