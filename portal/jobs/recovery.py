"""Outstanding work whose job never reached Redis (or was lost with it) is enqueued
again by a sweep that the scheduler runs every minute and at once when Redis
comes back.

Each capability that queues work after a commit provides a function returning its
outstanding `Work` (portal/registry.py lists them in OUTSTANDING_WORK). Every
piece of work names its job by a stable id; the sweep enqueues it only when no
live job of that id exists in Redis. The jobs themselves are idempotent (mail
claims each message, announcements claim each delivery, a compilation starts
from 'queued' only), so even two sweeps at once never do anything twice.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from redis.exceptions import RedisError
from rq import Retry
from rq.exceptions import NoSuchJobError
from rq.job import Job, JobStatus

from portal.jobs.connection import get_redis
from portal.jobs.queues import DEFAULT, DEFAULT_RETRY, enqueue

log = logging.getLogger(__name__)

# A job in one of these states will still run (or runs now).
LIVE = {JobStatus.QUEUED, JobStatus.STARTED, JobStatus.SCHEDULED, JobStatus.DEFERRED}
SWEEP_JOB_ID = "recovery-sweep"


@dataclass(frozen=True)
class Work:
    func: Callable[..., Any]
    args: tuple
    queue: str
    job_id: str
    retry: Retry | None = field(default=DEFAULT_RETRY, compare=False)
    # Enqueue again also when its job ended (finished, failed) but the work is still
    # outstanding, e.g. mail left queued by a job that stopped early.
    after_final: bool = False


# name -> provider; filled by portal/registry.py.
PROVIDERS: dict[str, Callable[[], list[Work]]] = {}


def register_outstanding(name: str, provider: Callable[[], list[Work]]) -> None:
    PROVIDERS[name] = provider


def job_is_live(job_id: str, after_final: bool = False) -> bool:
    try:
        status = Job.fetch(job_id, connection=get_redis()).get_status(refresh=False)
    except NoSuchJobError:
        return False
    if status in LIVE:
        return True
    return not after_final


def sweep_outstanding_work() -> str:
    """The periodic job: enqueue each outstanding piece of work without a live job."""
    counts = []
    for name, provider in PROVIDERS.items():
        enqueued = 0
        for work in provider():
            if job_is_live(work.job_id, work.after_final):
                continue
            enqueue(work.func, *work.args, queue=work.queue, job_id=work.job_id, retry=work.retry)
            enqueued += 1
        counts.append(f"{name} {enqueued}")
    return "enqueued: " + ", ".join(counts)


def enqueue_sweep() -> bool:
    """Run the sweep soon (the scheduler calls it when Redis is back). One job id:
    asking twice while one waits enqueues it once."""
    try:
        if job_is_live(SWEEP_JOB_ID):
            return False
        enqueue(sweep_outstanding_work, queue=DEFAULT, job_id=SWEEP_JOB_ID, retry=None)
    except RedisError:
        log.warning("Redis unreachable: the recovery sweep waits for the next minute.")
        return False
    return True
