"""Mail whose job is gone: claims left by a dead job, and queued messages whose job
never reached Redis (down at commit, data lost) or ended before sending them.

Run by the recovery sweep (`portal/jobs/recovery.py`) every minute. Sending stays
exactly once: a message is sent only by the job that claims it (`mail/jobs.py`),
and re-assigning a group of messages to a new job is one conditional UPDATE, so of
two sweeps at once only one enqueues it.
"""

from __future__ import annotations

from datetime import timedelta
from itertools import groupby

from sqlalchemy import update

from portal.extensions import db
from portal.jobs.queues import JOB_TIMEOUTS, MAIL
from portal.jobs.recovery import Work, job_is_live
from portal.mail import journal
from portal.mail.models import MailMessage, MailStatus
from portal.models_base import as_utc, utcnow

# A message younger than this is left to the job its transaction enqueues.
GRACE = timedelta(seconds=60)
# A claim older than its job's timeout (and a margin) belongs to a job that died.
LEASE = timedelta(seconds=JOB_TIMEOUTS[MAIL] + 60)
BATCH_SIZE = 200


def release_abandoned_claims() -> int:
    """'sending' back to 'queued' when its job no longer runs or its lease expired;
    'sent' instead when the job's journal says the relay accepted it (`mail/journal.py`).
    The journal is read before anything is released: if Redis cannot answer, this
    raises and nothing is released until it can (a message is never resent blind)."""
    now = utcnow()
    released = 0
    rows = db.session.execute(
        db.select(MailMessage.id, MailMessage.job_id, MailMessage.claimed_at).where(
            MailMessage.status == MailStatus.SENDING
        )
    ).all()
    journals: dict[str, set[int]] = {}
    for message_id, job_id, claimed_at in rows:
        expired = claimed_at is None or as_utc(claimed_at) < now - LEASE
        if not expired and job_id and _job_running(job_id):
            continue
        if job_id and job_id not in journals:
            journals[job_id] = journal.accepted(job_id)
        accepted = message_id in journals.get(job_id, ())
        values = (
            {"status": MailStatus.SENT, "sent_at": now, "last_error": "", "backend": "smtp"}
            if accepted
            else {"status": MailStatus.QUEUED}
        )
        result = db.session.execute(
            update(MailMessage)
            .where(
                MailMessage.id == message_id,
                MailMessage.status == MailStatus.SENDING,
                MailMessage.claimed_at == claimed_at
                if claimed_at is not None
                else MailMessage.claimed_at.is_(None),
            )
            .values(claimed_at=None, **values)
            .execution_options(synchronize_session=False)
        )
        released += result.rowcount or 0
    db.session.commit()
    for job_id, accepted in journals.items():
        journal.forget(job_id, list(accepted))
    return released


def _job_running(job_id: str) -> bool:
    from rq.exceptions import NoSuchJobError
    from rq.job import Job, JobStatus

    from portal.jobs.connection import get_redis

    try:
        job = Job.fetch(job_id, connection=get_redis())
    except NoSuchJobError:
        return False
    return job.get_status(refresh=False) == JobStatus.STARTED


def outstanding_mail() -> list[Work]:
    """Queued messages without a live job, moved to new jobs of BATCH_SIZE."""
    from portal.mail.jobs import new_job_id, send_batch

    release_abandoned_claims()
    rows = db.session.execute(
        db.select(MailMessage.id, MailMessage.job_id)
        .where(
            MailMessage.status == MailStatus.QUEUED,
            MailMessage.created_at < utcnow() - GRACE,
        )
        .order_by(MailMessage.job_id, MailMessage.id)
    ).all()
    work = []
    for job_id, group in groupby(rows, key=lambda row: row.job_id):
        if job_id and job_is_live(job_id, after_final=True):
            continue
        ids = [row.id for row in group]
        for start in range(0, len(ids), BATCH_SIZE):
            chunk, new_id = ids[start : start + BATCH_SIZE], new_job_id()
            result = db.session.execute(
                update(MailMessage)
                .where(
                    MailMessage.id.in_(chunk),
                    MailMessage.status == MailStatus.QUEUED,
                    MailMessage.job_id == job_id if job_id else MailMessage.job_id.is_(None),
                )
                .values(job_id=new_id)
                .execution_options(synchronize_session=False)
            )
            db.session.commit()
            if result.rowcount:  # another sweep took them first otherwise
                work.append(Work(send_batch, (chunk,), MAIL, new_id))
    return work
