"""Named queues and the single helper through which every job is enqueued.

Jobs are module-level functions that take ids (never ORM objects), open their
own session through the worker's app context, and let exceptions propagate so
that RQ retries them with the backoff given here.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

from flask import flash, g, has_request_context
from redis.exceptions import RedisError
from rq import Queue, Retry
from rq.job import Job
from sqlalchemy.orm import Session

from portal.extensions import db
from portal.i18n import translated
from portal.jobs.connection import get_redis
from portal.msgids import N_

log = logging.getLogger(__name__)
_DEFERRED_FLAG = "portal_jobs_deferred"  # once per request

# Shown after the page's own success message when the job could not be queued.
DEFERRED = N_(
    "Hệ thống xử lý nền tạm thời chưa nhận việc; việc sẽ được bắt đầu trong ít phút, "
    "không cần làm lại."
)

MAIL = "mail"
DEFAULT = "default"
LONG = "long"
QUEUE_NAMES = (MAIL, DEFAULT, LONG)

# Backoff in seconds between attempts: 10 s, 1 min, 5 min.
DEFAULT_RETRY = Retry(max=3, interval=[10, 60, 300])
JOB_TIMEOUTS = {MAIL: 120, DEFAULT: 600, LONG: 3600}


def get_queue(name: str = DEFAULT) -> Queue:
    if name not in QUEUE_NAMES:
        raise ValueError(f"unknown queue {name!r}")
    return Queue(name, connection=get_redis())


def enqueue(
    func: Callable[..., Any],
    *args: Any,
    queue: str = DEFAULT,
    retry: Retry | None = DEFAULT_RETRY,
    job_id: str | None = None,
    description: str | None = None,
    meta: dict | None = None,
) -> Job:
    """Enqueue `func(*args)` now. Args must be plain values (ids, strings)."""
    return get_queue(queue).enqueue(
        func,
        *args,
        retry=retry,
        job_id=job_id,
        description=description,
        meta=meta or {},
        job_timeout=JOB_TIMEOUTS[queue],
        result_ttl=86400,
        failure_ttl=7 * 86400,
    )


def try_enqueue(func: Callable[..., Any], *args: Any, **kwargs: Any) -> bool:
    """Enqueue now; False (logged, and the user told that the work starts shortly) when
    Redis is unreachable, for a caller that has no stored row for the recovery sweep to
    find and so must keep the work itself (see accounts.services.request_password_reset)."""
    try:
        enqueue(func, *args, **kwargs)
    except (RedisError, OSError) as exc:
        log.warning("Redis unreachable (%s): %s done without a job", exc, func)
        _tell_the_user()
        return False
    return True


def enqueue_after_commit(func: Callable[..., Any], *args: Any, **kwargs: Any) -> None:
    """Enqueue once the current transaction commits, so the job sees the rows it
    is given; nothing is enqueued if the transaction rolls back."""
    db.session.info.setdefault("after_commit_jobs", []).append((func, args, kwargs))


def _enqueue_pending(session: Session) -> None:
    """Enqueue what the committed transaction asked for. Redis being unreachable is
    not the user's failure: what they did is committed, and the recovery sweep
    (portal/jobs/recovery.py) enqueues its work when Redis is back."""
    pending = session.info.pop("after_commit_jobs", [])
    for index, (func, args, kwargs) in enumerate(pending):
        try:
            enqueue(func, *args, **kwargs)
        except (RedisError, OSError) as exc:
            log.warning(
                "Redis unreachable (%s): %s jobs left to the recovery sweep",
                exc,
                len(pending) - index,
            )
            _tell_the_user()
            return


def _tell_the_user() -> None:
    if has_request_context() and not g.get(_DEFERRED_FLAG):
        setattr(g, _DEFERRED_FLAG, True)
        flash(translated(DEFERRED), "info")


def _drop_pending(session: Session) -> None:
    session.info.pop("after_commit_jobs", None)


# Installed by portal/registry.py at start-up.
LISTENERS = (
    (Session, "after_commit", _enqueue_pending),
    (Session, "after_rollback", _drop_pending),
)
