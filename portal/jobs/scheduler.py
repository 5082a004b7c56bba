"""The scheduler of periodic jobs: RQ's CronScheduler fed from every `periodic.py`.

Run exactly one (`python worker.py --scheduler`): each scheduler enqueues every
due job, so two would enqueue everything twice. Its liveness is read by
`/healthz` from RQ's registry of cron schedulers.
"""

from __future__ import annotations

import logging
import os
import time
from datetime import UTC, datetime

from redis import Redis
from redis.exceptions import ConnectionError as RedisConnectionError
from redis.exceptions import TimeoutError as RedisTimeoutError
from rq import cron_scheduler_registry
from rq.cron import CronScheduler
from rq.defaults import DEFAULT_CRON_SCHEDULER_TTL
from rq.exceptions import StopRequested

from portal.jobs.periodic import PeriodicJob, collect_periodic_jobs
from portal.jobs.queues import JOB_TIMEOUTS

log = logging.getLogger(__name__)


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


# Seconds to wait before reconnecting after Redis went away: doubling, capped.
RECONNECT_BACKOFF = (1, 2, 4, 8, 15, 30)


def run_surviving_redis(
    connection: Redis, max_restarts: int | None = None, sleep=time.sleep
) -> int:
    """Run the scheduler until stopped; a Redis outage does not end the process: it
    waits with backoff, starts again and enqueues the recovery sweep at once (work
    queued during the outage never reached Redis). Returns how many restarts."""
    from portal.jobs.recovery import enqueue_sweep

    restarts = failures = 0
    while True:
        try:
            others = live_schedulers(connection)
            if others:
                log.warning(
                    "Another scheduler is alive (%s): periodic jobs will be enqueued twice.",
                    ", ".join(name for name, _ in others),
                )
            if restarts:
                enqueue_sweep()
            failures = 0
            build_scheduler(connection).start()
            return restarts
        except (RedisConnectionError, RedisTimeoutError, OSError) as exc:
            if max_restarts is not None and restarts >= max_restarts:
                raise
            wait = RECONNECT_BACKOFF[min(failures, len(RECONNECT_BACKOFF) - 1)]
            log.warning("Redis unreachable (%s); the scheduler retries in %s s.", exc, wait)
            failures += 1
            restarts += 1
            try:
                sleep(wait)
            except (StopRequested, KeyboardInterrupt):
                return restarts
