"""Find stored messages whose sending job never ran, and enqueue them again.

A message is stalled when it is still 'queued', was never attempted and carries no
error an hour after it was stored: its job was lost (Redis unreachable at commit,
Redis data lost). A message waiting for an RQ retry has an attempt or an error
recorded, so it is left to its retry. Sending stays idempotent: `send_batch`
skips a message already sent, so a late original job sends nothing twice.
"""

from __future__ import annotations

from datetime import timedelta

from portal.extensions import db
from portal.jobs.queues import MAIL, enqueue
from portal.mail.models import MailMessage, MailStatus
from portal.models_base import utcnow

STALLED_AFTER = timedelta(hours=1)
BATCH_SIZE = 200


def stalled_message_ids(limit: int | None = None) -> list[int]:
    query = (
        db.select(MailMessage.id)
        .where(
            MailMessage.status == MailStatus.QUEUED,
            MailMessage.attempts == 0,
            MailMessage.last_error == "",
            MailMessage.created_at < utcnow() - STALLED_AFTER,
        )
        .order_by(MailMessage.id)
    )
    if limit is not None:
        query = query.limit(limit)
    return list(db.session.scalars(query))


def requeue_stalled_messages() -> str:
    """Enqueue the stalled messages in batches (one SMTP connection per batch)."""
    from portal.mail.jobs import send_batch

    ids = stalled_message_ids()
    for start in range(0, len(ids), BATCH_SIZE):
        enqueue(send_batch, ids[start : start + BATCH_SIZE], queue=MAIL)
    return f"requeued {len(ids)} stalled messages"
