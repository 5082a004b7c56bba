"""REMINDER_SWEEP_CRON decides when the scheduler runs the reminder sweep."""

from __future__ import annotations

import pytest

import config
from portal.jobs.periodic import collect_periodic_jobs
from portal.jobs.scheduler import build_scheduler
from portal.notifications.reminders import sweep_reminders


def sweep_cron() -> str:
    return next(job.cron for job in collect_periodic_jobs() if job.func is sweep_reminders)


def test_the_sweep_runs_every_ten_minutes_by_default(monkeypatch):
    monkeypatch.delenv("REMINDER_SWEEP_CRON", raising=False)
    assert config.load("testing").REMINDER_SWEEP_CRON == "*/10 * * * *"


def test_the_setting_is_read_from_the_environment(monkeypatch):
    monkeypatch.setenv("REMINDER_SWEEP_CRON", "* * * * *")
    assert config.load("testing").REMINDER_SWEEP_CRON == "* * * * *"


def test_the_scheduler_registers_the_sweep_with_the_configured_cron(app, redis_server):
    app.config["REMINDER_SWEEP_CRON"] = "*/2 * * * *"
    assert sweep_cron() == "*/2 * * * *"
    scheduler = build_scheduler(redis_server)
    [cron_job] = [j for j in scheduler.get_jobs() if j.func is sweep_reminders]
    assert cron_job.cron == "*/2 * * * *"


def test_an_empty_setting_keeps_the_default(app):
    app.config["REMINDER_SWEEP_CRON"] = ""
    assert sweep_cron() == "*/10 * * * *"


def test_a_bad_expression_is_refused_naming_the_setting(app):
    app.config["REMINDER_SWEEP_CRON"] = "every minute"
    with pytest.raises(ValueError, match="REMINDER_SWEEP_CRON"):
        collect_periodic_jobs()
