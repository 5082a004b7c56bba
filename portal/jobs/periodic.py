"""Periodic jobs: each capability lists its own in `portal/<capability>/periodic.py`
as `PERIODIC = [PeriodicJob(...)]`, portal/registry.py registers them at start-up,
and the scheduler started by worker.py runs them."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from croniter import croniter
from flask import current_app, has_app_context

from portal.jobs.queues import DEFAULT


@dataclass(frozen=True)
class PeriodicJob:
    func: Callable[..., Any]
    cron: str  # standard 5-field cron expression, evaluated in UTC
    queue: str = DEFAULT
    args: tuple = ()
    # A configuration key that, when set, replaces `cron` (e.g. REMINDER_SWEEP_CRON).
    cron_setting: str = ""


# "module.function" -> the job: registering the same job again (every app the
# tests create) replaces it rather than scheduling it twice.
PERIODIC_JOBS: dict[str, PeriodicJob] = {}


def register_periodic_job(job: PeriodicJob) -> None:
    PERIODIC_JOBS[f"{job.func.__module__}.{job.func.__qualname__}"] = job


def collect_periodic_jobs() -> list[PeriodicJob]:
    """Every registered job, with its cron as the application's settings say."""
    return [configured(job) for job in PERIODIC_JOBS.values()]


def configured(job: PeriodicJob) -> PeriodicJob:
    """The job with its cron taken from the application's settings, when it names one.
    A bad expression stops the scheduler here, naming the setting, rather than deep
    inside RQ."""
    if not job.cron_setting or not has_app_context():
        return job
    cron = (current_app.config.get(job.cron_setting) or "").strip() or job.cron
    if not croniter.is_valid(cron):
        raise ValueError(f"{job.cron_setting}={cron!r} is not a valid 5-field cron expression")
    return dataclasses.replace(job, cron=cron)
