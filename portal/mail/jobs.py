"""Mail jobs. They take message ids and decide the outcome of each message.

Each message is claimed before it is handed to SMTP: one conditional UPDATE moves
a group of GROUP_SIZE messages from 'queued' to 'sending' for this job only, so two
jobs holding the same id (a double click, two recovery sweeps, a retry racing its
original) never both send it. A message the relay accepted goes to the job's
journal in Redis at once (`mail/journal.py`), and one UPDATE per group records
those sent; a work horse killed in between leaves the journal to say which were
sent, so at most the message in flight can go twice, as with a commit per
message. Then, per message:

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
(`portal/mail/recovery.py`) or by the same job when RQ runs it again: marked sent
if the journal names it, queued again otherwise.
"""

from __future__ import annotations

import logging
import smtplib
import time
import uuid

from flask import current_app
from rq import get_current_job
from sqlalchemy import and_, or_, update

from portal.extensions import db
from portal.i18n import translated
from portal.jobs import stopping
from portal.jobs.queues import JOB_TIMEOUTS, MAIL, enqueue
from portal.mail import delivery, journal
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
# Messages claimed, then recorded sent, by one statement each (see _Batch).
GROUP_SIZE = 50


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
    if job is not None:
        _release_own_claims(message_ids, job.id)
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
    # Without a job (a direct call), claims still need an owner the journal can name.
    batch = _Batch(job.id if job is not None else new_job_id(), time.monotonic() + time_budget())
    try:
        with delivery.connection() as conn:
            batch.run(pending, conn)
    except Exception as exc:
        db.session.rollback()
        batch.settle()  # what the relay accepted is sent; claims not reached go back
        _connection_failed(pending, exc, batch.job_id)
        raise
    if batch.rest:
        _continue_later(batch.rest)
    summary = (
        f"sent {batch.sent}, refused {batch.refused}, to retry {len(batch.later)} of {len(pending)}"
    )
    if batch.rest:
        summary += f"; {len(batch.rest)} left to a continuation job"
    if batch.later:
        _after_temporary_failures(batch.later, job)
        raise TemporaryFailure(summary)
    return summary


class _Batch:
    """One job's messages, claimed and recorded a group at a time: one UPDATE claims
    a group, each accepted message goes to the journal (`mail/journal.py`), and one
    UPDATE per group records them sent. 4xx and 5xx, rare, are committed one by one."""

    def __init__(self, job_id: str, deadline: float) -> None:
        self.job_id, self.deadline = job_id, deadline
        self.sent = self.refused = 0
        self.later: list[int] = []
        self.rest: list[int] = []  # not reached: for a continuation job
        self.accepted: list[int] = []  # accepted by the relay, 'sent' not yet committed
        self.unreached: list[int] = []  # claimed, then the batch stopped before them
        self.backend = ""

    def _stop(self) -> bool:
        return stopping.requested() or time.monotonic() > self.deadline

    def run(self, pending: list[int], conn: delivery.Connection | None) -> None:
        for start in range(0, len(pending), GROUP_SIZE):
            if start and self._stop():
                self.rest = pending[start:]
                return
            group = self._claim(pending[start : start + GROUP_SIZE])
            for position, message in enumerate(group):
                if (start or position) and self._stop():
                    self.unreached = [m.id for m in group[position:]]
                    self.rest = self.unreached + pending[start + GROUP_SIZE :]
                    self.settle()
                    return
                self._send_one(message, conn)
            self.settle()

    def _claim(self, ids: list[int]) -> list:
        """queued -> sending for this job only; the rows it got (others are taken)."""
        claimed = db.session.scalars(
            update(MailMessage)
            .where(MailMessage.id.in_(ids), MailMessage.status == MailStatus.QUEUED)
            .values(
                status=MailStatus.SENDING,
                claimed_at=utcnow(),
                attempts=MailMessage.attempts + 1,
                job_id=self.job_id,
            )
            .returning(MailMessage.id)
            .execution_options(synchronize_session=False)
        ).all()
        db.session.commit()
        if not claimed:
            return []
        return db.session.execute(
            db.select(
                MailMessage.id,
                MailMessage.recipient_email,
                MailMessage.subject,
                MailMessage.body_text,
                MailMessage.body_html,
            )
            .where(MailMessage.id.in_(claimed))
            .order_by(MailMessage.id)
        ).all()

    def _send_one(self, message, conn: delivery.Connection | None) -> None:
        """Sent (journalled), refused (5xx, final) or later (4xx). Other errors propagate."""
        try:
            self.backend = delivery.deliver(message, conn)
        except smtplib.SMTPException as exc:
            code = smtp_code(exc)
            if code is None or not 400 <= code < 600:
                raise
            final = code >= 500
            _record_refusal(message.id, self.job_id, _describe(exc), final)
            if final:
                log.warning("mail %s refused for good: %s", message.id, _describe(exc))
                self.refused += 1
            else:
                self.later.append(message.id)
            return
        self.sent += 1
        self.accepted.append(message.id)
        if conn is not None and not journal.record(self.job_id, message.id):
            self.settle()  # no journal: its 'sent' is committed now, as it must be

    def settle(self) -> None:
        """One UPDATE for the accepted messages, one for the claims not reached."""
        accepted, unreached = self.accepted, self.unreached
        if not accepted and not unreached:
            return
        mark_sent(accepted, self.job_id, self.backend or "smtp")
        if unreached:
            db.session.execute(
                _own_claims(unreached, self.job_id)
                .values(
                    status=MailStatus.QUEUED,
                    claimed_at=None,
                    attempts=MailMessage.attempts - 1,  # claimed, never tried
                )
                .execution_options(synchronize_session=False)
            )
        db.session.commit()
        journal.forget(self.job_id, accepted)
        self.accepted, self.unreached = [], []


def _own_claims(ids: list[int], job_id: str):
    return update(MailMessage).where(
        MailMessage.id.in_(ids),
        MailMessage.status == MailStatus.SENDING,
        MailMessage.job_id == job_id,
    )


def mark_sent(ids: list[int], job_id: str, backend: str = "smtp") -> int:
    """The relay accepted these messages of `job_id`: sent (not committed here)."""
    if not ids:
        return 0
    result = db.session.execute(
        _own_claims(ids, job_id)
        .values(
            status=MailStatus.SENT,
            sent_at=utcnow(),
            claimed_at=None,
            last_error="",
            backend=backend,
        )
        .execution_options(synchronize_session=False)
    )
    return result.rowcount or 0


def _record_refusal(message_id: int, job_id: str, error: str, final: bool) -> None:
    db.session.execute(
        _own_claims([message_id], job_id)
        .values(
            status=MailStatus.FAILED if final else MailStatus.QUEUED,
            last_error=error,
            claimed_at=None,
        )
        .execution_options(synchronize_session=False)
    )
    db.session.commit()


def _release_own_claims(message_ids: list[int], job_id: str) -> None:
    """A job runs once at a time: a message it left 'sending' comes from a run of it
    that died (work horse killed). The relay accepted those in the journal: they are
    sent; the others are queued again for this run."""
    claimed = db.session.scalars(
        db.select(MailMessage.id).where(
            MailMessage.id.in_(message_ids),
            MailMessage.status == MailStatus.SENDING,
            MailMessage.job_id == job_id,
        )
    ).all()
    if not claimed:
        return
    accepted = [i for i in claimed if i in journal.accepted(job_id)]
    mark_sent(accepted, job_id)
    db.session.execute(
        _own_claims(claimed, job_id)
        .values(status=MailStatus.QUEUED, claimed_at=None)
        .execution_options(synchronize_session=False)
    )
    db.session.commit()
    journal.forget(job_id, accepted)


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


def _describe(exc: Exception) -> str:
    return f"{type(exc).__name__}: {exc}"[:2000]


def _connection_failed(pending: list[int], exc: Exception, job_id: str) -> None:
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
                or_(
                    MailMessage.status == MailStatus.QUEUED,
                    # Only this job's claim: another job's are its own business.
                    and_(MailMessage.status == MailStatus.SENDING, MailMessage.job_id == job_id),
                ),
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
