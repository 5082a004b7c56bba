"""The scheduler of periodic jobs: RQ's CronScheduler fed from every `periodic.py`.

Run exactly one (`python worker.py --scheduler`): each scheduler enqueues every
due job, so two would enqueue everything twice. Its liveness is read by
`/healthz` from RQ's registry of cron schedulers.
"""

from __future__ import annotations

import os
import time
from datetime import UTC, datetime

from redis import Redis
from rq import cron_scheduler_registry
from rq.cron import CronScheduler
from rq.defaults import DEFAULT_CRON_SCHEDULER_TTL

from portal.jobs.periodic import PeriodicJob, collect_periodic_jobs
from portal.jobs.queues import JOB_TIMEOUTS


def use_utc_clock() -> None:
    """CronScheduler reads cron fields in the process's local time; PeriodicJob
    expressions are written in UTC, so the scheduler process runs on UTC."""
    os.environ["TZ"] = "UTC"
    if hasattr(time, "tzset"):
        time.tzset()


def build_scheduler(
    connection: Redis, jobs: list[PeriodicJob] | None = None, name: str = ""
) -> CronScheduler:
    """A CronScheduler with every periodic job of the portal registered."""
    scheduler = CronScheduler(connection=connection, name=name)
    for job in collect_periodic_jobs() if jobs is None else jobs:
        scheduler.register(
            job.func,
            queue_name=job.queue,
            args=job.args,
            cron=job.cron,
            job_timeout=JOB_TIMEOUTS[job.queue],
            failure_ttl=7 * 86400,
        )
    return scheduler


def live_schedulers(connection: Redis) -> list[tuple[str, datetime]]:
    """(name, last heartbeat) of the schedulers seen within RQ's liveness window."""
    cutoff = time.time() - DEFAULT_CRON_SCHEDULER_TTL
    entries = connection.zrangebyscore(
        cron_scheduler_registry.get_registry_key(), cutoff, "+inf", withscores=True
    )
    return [
        (name.decode() if isinstance(name, bytes) else name, datetime.fromtimestamp(score, UTC))
        for name, score in entries
    ]
