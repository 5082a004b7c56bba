"""The recovery sweep is run by the scheduler every minute."""

from __future__ import annotations

from portal.jobs.periodic import collect_periodic_jobs
from portal.jobs.recovery import PROVIDERS, sweep_outstanding_work
from portal.mail.recovery import outstanding_mail


def test_the_scheduler_runs_the_recovery_every_minute(app):
    jobs = {job.func: job.cron for job in collect_periodic_jobs()}
    assert jobs[sweep_outstanding_work] == "* * * * *"


def test_mail_announcements_and_compilations_provide_outstanding_work(app):
    assert PROVIDERS["mail"] is outstanding_mail
    assert set(PROVIDERS) == {"mail", "announcements", "compilations"}
