"""Messages the relay accepted whose 'sent' is not yet committed: a Redis set per job.

A mail job records the outcomes of a group of messages in one statement (see
`mail/jobs.py`). Between a message's "250" and that statement, the message's id is
here, written right after the relay accepted it. A work horse killed in between
leaves its group in 'sending'; whoever releases those claims (the job's own rerun,
or the recovery sweep) reads this set first: an id found here is marked sent and
never handed to SMTP again, the others go back to the queue. So a kill can
duplicate at most the one message in flight, as with a commit per message.

RQ needs Redis to run a job at all, so a worker cannot send without it; when a
write fails all the same, the job commits that message's 'sent' at once instead.
"""

from __future__ import annotations

import logging

from redis.exceptions import RedisError

from portal.jobs.connection import get_redis

log = logging.getLogger(__name__)

# Kept well past the lease of a claim (mail/recovery.py) in case a release is late.
TTL_SECONDS = 7 * 24 * 3600


def _key(job_id: str) -> str:
    return f"portal:mail:accepted:{job_id}"


def record(job_id: str, message_id: int) -> bool:
    """Remember that the relay accepted `message_id`; False when Redis did not take it."""
    try:
        pipe = get_redis().pipeline(transaction=False)
        pipe.sadd(_key(job_id), message_id)
        pipe.expire(_key(job_id), TTL_SECONDS)
        pipe.execute()
    except RedisError:
        log.warning("mail %s: accepted, not journalled; committed at once", message_id)
        return False
    return True


def accepted(job_id: str) -> set[int]:
    """The ids recorded for `job_id`. Raises when Redis cannot answer: the caller
    must then release nothing (a message not known to be sent is not resent blind)."""
    return {int(member) for member in get_redis().smembers(_key(job_id))}


def forget(job_id: str, message_ids: list[int]) -> None:
    """Once their 'sent' is committed. Best effort: a leftover id names a message
    that is no longer 'sending', which no release looks at."""
    if not message_ids:
        return
    try:
        get_redis().srem(_key(job_id), *message_ids)
    except RedisError:
        log.warning("mail journal of %s not cleared; it expires on its own", job_id)
