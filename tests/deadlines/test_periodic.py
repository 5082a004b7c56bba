"""The sweep and the digest are registered as periodic jobs for the scheduler."""

from __future__ import annotations

from croniter import croniter

from portal.jobs.periodic import collect_periodic_jobs
from portal.notifications.digest import send_daily_digests
from portal.notifications.reminders import sweep_reminders


def test_sweep_every_ten_minutes_and_digest_registered(app):
    jobs = {job.func: job for job in collect_periodic_jobs()}
    assert jobs[sweep_reminders].cron == "*/10 * * * *"
    assert croniter.is_valid(jobs[send_daily_digests].cron)
    assert jobs[sweep_reminders].args == ()  # the sweep reads the clock itself
