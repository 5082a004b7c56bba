"""Mail jobs. They take message ids and decide the outcome of each message.

Each message is claimed before it is handed to SMTP: one conditional UPDATE moves
it from 'queued' to 'sending' for this job only, so two jobs holding the same id
(a double click, two recovery sweeps, a retry racing its original) never both
send it. Then, per message:

- 2xx: sent.
- 5xx (the server refuses this recipient or this message): failed at once, with
  the server's answer; the batch goes on. Never retried.
- 4xx (try later): back to 'queued' with the answer; the batch goes on, and the
  job ends by raising `TemporaryFailure`, so that RQ retries it with its backoff
  (the retry claims only what is still queued). After the last retry: failed.
- the connection itself fails: the message is put back, the batch stops, and the
  error propagates so RQ retries the job; after the last retry its unsent messages
  are failed, each saying why.

A batch stops between two messages when its time budget is spent or the worker
was asked to stop (Ctrl-C of `make run`); what is left goes to a continuation job.
A message left in 'sending' by a job that died is released by the recovery
(`portal/mail/recovery.py`) or by the same job when RQ runs it again.
"""

from __future__ import annotations

import logging
import smtplib
import time
import uuid

from flask import current_app
from rq import get_current_job
from sqlalchemy import update

from portal.extensions import db
from portal.i18n import translated
from portal.jobs import stopping
from portal.jobs.queues import JOB_TIMEOUTS, MAIL, enqueue
from portal.mail import delivery
from portal.mail.models import MailMessage, MailStatus
from portal.models_base import utcnow
from portal.msgids import N_

log = logging.getLogger(__name__)

# Stored in Vietnamese (its msgid) and translated when the Office reads it.
UNSENT = N_("Chưa gửi: thư trước đó trong cùng lượt bị lỗi (%(error)s)")
_UNSENT_PREFIX = UNSENT.split("%(error)s")[0]

# A batch spends at most this share of its job's timeout sending; the rest of its
# messages go to a continuation job (a slow relay never makes the job time out).
TIME_BUDGET_SHARE = 0.5


class TemporaryFailure(Exception):  # noqa: N818 (the server said: try later)
    """Some messages of the batch had a 4xx answer and wait for the job's retry."""


def send_email(message_id: int) -> str:
    """Send one stored message. Idempotent: a sent message is not sent again."""
    return send_batch([message_id])


def new_job_id() -> str:
    return f"mail-{uuid.uuid4().hex}"


def time_budget() -> float:
    """Seconds a batch may spend sending (MAIL_BATCH_SECONDS, else half the timeout)."""
    configured = current_app.config.get("MAIL_BATCH_SECONDS")
    return float(configured) if configured else JOB_TIMEOUTS[MAIL] * TIME_BUDGET_SHARE


def send_batch(message_ids: list[int]) -> str:
    """Send the still queued messages among `message_ids` over one connection."""
    job = get_current_job()
    job_id = job.id if job is not None else None
    if job_id is not None:
        _release_own_claims(message_ids, job_id)
    pending = list(
        db.session.scalars(
            db.select(MailMessage.id)
            .where(MailMessage.id.in_(message_ids), MailMessage.status == MailStatus.QUEUED)
            .order_by(MailMessage.id)
        )
    )
    db.session.commit()
    if not pending:
        return "sent 0 of 0"
    deadline = time.monotonic() + time_budget()
    sent = refused = 0
    later: list[int] = []
    session = db.session()
    # The commit after each message would otherwise expire the whole batch.
    expire_on_commit, session.expire_on_commit = session.expire_on_commit, False
    done = 0
    try:
        with delivery.connection() as conn:
            for done, message_id in enumerate(pending):  # noqa: B007 (read after the loop)
                if done and (stopping.requested() or time.monotonic() > deadline):
                    break
                message = _claim(message_id, job_id)
                if message is None:
                    continue  # another job has it, or it is no longer queued
                outcome = _send_one(message, conn)
                if outcome == "sent":
                    sent += 1
                elif outcome == "refused":
                    refused += 1
                else:
                    later.append(message_id)
            else:
                done = len(pending)
    except Exception as exc:
        db.session.rollback()
        _connection_failed(pending, exc)
        raise
    finally:
        session.expire_on_commit = expire_on_commit
    rest = pending[done:]
    if rest:
        _continue_later(rest)
    summary = f"sent {sent}, refused {refused}, to retry {len(later)} of {len(pending)}"
    if rest:
        summary += f"; {len(rest)} left to a continuation job"
    if later:
        _after_temporary_failures(later, job)
        raise TemporaryFailure(summary)
    return summary


def _release_own_claims(message_ids: list[int], job_id: str) -> None:
    """A job runs once at a time: a message it left 'sending' comes from a run of it
    that died (work horse killed), so it is queued again for this run."""
    db.session.execute(
        update(MailMessage)
        .where(
            MailMessage.id.in_(message_ids),
            MailMessage.status == MailStatus.SENDING,
            MailMessage.job_id == job_id,
        )
        .values(status=MailStatus.QUEUED, claimed_at=None)
        .execution_options(synchronize_session=False)
    )


def _claim(message_id: int, job_id: str | None) -> MailMessage | None:
    """queued -> sending for this job only; None when someone else has it."""
    values = {
        "status": MailStatus.SENDING,
        "claimed_at": utcnow(),
        "attempts": MailMessage.attempts + 1,
    }
    if job_id is not None:
        values["job_id"] = job_id
    result = db.session.execute(
        update(MailMessage)
        .where(MailMessage.id == message_id, MailMessage.status == MailStatus.QUEUED)
        .values(**values)
        .execution_options(synchronize_session=False)
    )
    db.session.commit()
    if result.rowcount != 1:
        return None
    message = db.session.get(MailMessage, message_id)
    db.session.refresh(message)
    return message


def smtp_code(exc: Exception) -> int | None:
    """The SMTP reply code of a refusal, None for a connection-level failure."""
    if isinstance(exc, smtplib.SMTPRecipientsRefused):
        codes = [code for code, _ in exc.recipients.values()]
        return max(codes) if codes else None
    if isinstance(exc, smtplib.SMTPServerDisconnected):
        return None
    if isinstance(exc, smtplib.SMTPResponseException):
        return exc.smtp_code
    return None


def _send_one(message: MailMessage, conn: object | None) -> str:
    """'sent', 'refused' (5xx, final) or 'later' (4xx). Other errors propagate."""
    try:
        message.backend = delivery.deliver(message, conn)
    except smtplib.SMTPException as exc:
        code = smtp_code(exc)
        if code is None or not 400 <= code < 600:
            raise
        message.last_error = _describe(exc)
        message.claimed_at = None
        if code >= 500:
            message.status = MailStatus.FAILED
            db.session.commit()
            log.warning("mail %s refused for good: %s", message.id, message.last_error)
            return "refused"
        message.status = MailStatus.QUEUED
        db.session.commit()
        return "later"
    message.status = MailStatus.SENT
    message.sent_at = utcnow()
    message.claimed_at = None
    message.last_error = ""
    db.session.commit()  # per message: a crash later never re-sends it
    return "sent"


def _describe(exc: Exception) -> str:
    return f"{type(exc).__name__}: {exc}"[:2000]


def _connection_failed(pending: list[int], exc: Exception) -> None:
    """The connection failed: the message in hand goes back to the queue with the
    error (when none was reached, the failure counts for every one); on the job's
    last try every unsent message is failed, saying why."""
    job = get_current_job()
    final = not (job.retries_left if job is not None else 0)
    error = _describe(exc)
    messages = list(
        db.session.scalars(
            db.select(MailMessage).where(
                MailMessage.id.in_(pending),
                MailMessage.status.in_([MailStatus.QUEUED, MailStatus.SENDING]),
            )
        )
    )
    in_hand = [m for m in messages if m.status == MailStatus.SENDING]
    for message in messages:
        if message.status == MailStatus.SENDING:
            message.last_error = error
        elif not in_hand and len(messages) == len(pending):
            message.attempts += 1  # the connection itself: it counts for every one
            message.last_error = error
        elif final or not message.last_error:
            message.last_error = (UNSENT % {"error": error})[:2000]
        message.claimed_at = None
        message.status = MailStatus.FAILED if final else MailStatus.QUEUED
    db.session.commit()


def _after_temporary_failures(later: list[int], job) -> None:
    """4xx messages wait for the job's retry; after the last one they are failed."""
    if job is not None and job.retries_left:
        return
    db.session.execute(
        update(MailMessage)
        .where(MailMessage.id.in_(later), MailMessage.status == MailStatus.QUEUED)
        .values(status=MailStatus.FAILED)
        .execution_options(synchronize_session=False)
    )
    db.session.commit()


def _continue_later(rest: list[int]) -> None:
    """Hand the messages not reached to a new job (the recovery sweep enqueues it
    if Redis cannot take it now)."""
    job_id = new_job_id()
    db.session.execute(
        update(MailMessage)
        .where(MailMessage.id.in_(rest), MailMessage.status == MailStatus.QUEUED)
        .values(job_id=job_id)
        .execution_options(synchronize_session=False)
    )
    db.session.commit()
    try:
        enqueue(send_batch, rest, queue=MAIL, job_id=job_id)
    except Exception:  # Redis unreachable: the recovery sweep finds them
        log.warning("continuation of %s messages not enqueued; the recovery will", len(rest))


def error_text(stored: str) -> str:
    """A message's last error for the outbox, in the reader's language: the SMTP
    error itself stays as the server said it."""
    if not stored.startswith(_UNSENT_PREFIX):
        return stored
    error = stored[len(_UNSENT_PREFIX) :].removesuffix(")")
    return translated(UNSENT) % {"error": error}
