"""Mail jobs. They take message ids; SMTP errors propagate so RQ retries them."""

from __future__ import annotations

from rq import get_current_job

from portal.extensions import db
from portal.i18n import translated
from portal.mail import delivery
from portal.mail.models import MailMessage, MailStatus
from portal.models_base import utcnow
from portal.msgids import N_

# Stored in Vietnamese (its msgid) and translated when the Office reads it.
UNSENT = N_("Chưa gửi: thư trước đó trong cùng lượt bị lỗi (%(error)s)")
_UNSENT_PREFIX = UNSENT.split("%(error)s")[0]


def send_email(message_id: int) -> str:
    """Send one stored message. Idempotent: a sent message is not sent again."""
    return send_batch([message_id])


def send_batch(message_ids: list[int]) -> str:
    """Send stored messages over one connection. A message already sent is skipped,
    so a retried batch never sends anything twice."""
    messages = db.session.scalars(
        db.select(MailMessage).where(MailMessage.id.in_(message_ids)).order_by(MailMessage.id)
    ).all()
    pending = [m for m in messages if m.status != MailStatus.SENT]
    pending_ids = [m.id for m in pending]
    sent = 0
    attempted: list[int] = []
    # The commit after each message would otherwise expire the whole batch and
    # reload every next message with its own SELECT (measured in bench/).
    session = db.session()
    expire_on_commit, session.expire_on_commit = session.expire_on_commit, False
    try:
        with delivery.connection() as conn:
            for message in pending:
                attempted = [message.id]
                message.attempts += 1
                message.backend = delivery.deliver(message, conn)
                message.status = MailStatus.SENT
                message.sent_at = utcnow()
                message.last_error = ""
                db.session.commit()  # per message: a crash later never re-sends it
                sent += 1
    except Exception as exc:
        db.session.rollback()
        unsent = pending_ids[sent:]
        # No message reached: the connection itself failed, and counts for every one.
        _record_failure(unsent, attempted or unsent, exc)
        raise
    finally:
        session.expire_on_commit = expire_on_commit
    return f"sent {sent} of {len(pending)}"


def _record_failure(message_ids: list[int], attempted_ids: list[int], exc: Exception) -> None:
    """Store the error on every unsent message and count the attempt on those
    tried. Failed when RQ has no retry left, queued (waiting for it) otherwise."""
    job = get_current_job()
    retries_left = job.retries_left if job is not None else 0
    final = not retries_left
    error = f"{type(exc).__name__}: {exc}"[:2000]
    for message in db.session.scalars(
        db.select(MailMessage).where(MailMessage.id.in_(message_ids))
    ):
        if message.status == MailStatus.SENT:
            continue
        if message.id in attempted_ids:
            message.attempts += 1
            message.last_error = error
        else:
            message.last_error = (UNSENT % {"error": error})[:2000]
        message.status = MailStatus.FAILED if final else MailStatus.QUEUED
    db.session.commit()


def error_text(stored: str) -> str:
    """A message's last error for the outbox, in the reader's language: the SMTP
    error itself stays as the server said it."""
    if not stored.startswith(_UNSENT_PREFIX):
        return stored
    error = stored[len(_UNSENT_PREFIX) :].removesuffix(")")
    return translated(UNSENT) % {"error": error}
