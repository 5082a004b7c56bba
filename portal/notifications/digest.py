"""The daily digest: one email a day listing what a digest reader was told.

The periodic job may run many times a day and on several workers: the
(user, day) row is claimed before the email is stored, in the same
transaction, so each person gets at most one digest a day.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from flask_babel import ngettext
from sqlalchemy import select, update

from portal.accounts.models import User
from portal.extensions import db
from portal.formatting import VN_TZ, format_date
from portal.i18n import in_language_of, locale_of
from portal.mail.services import queue_email
from portal.models_base import as_utc, utcnow
from portal.notifications.claims import claim_rows, with_lock_retry
from portal.notifications.models import Notification, NotificationDigest
from portal.notifications.services import enqueue_send_batches

DIGEST_HOUR = 7  # digests go out from 07:00 Vietnam time
CHUNK_SIZE = 200


def send_daily_digests(now: datetime | str | None = None) -> str:
    """The periodic job: each person with notifications waiting gets today's digest."""
    moment = as_utc(datetime.fromisoformat(now) if isinstance(now, str) else now) or utcnow()
    local = moment.astimezone(VN_TZ)
    if local.hour < DIGEST_HOUR:
        return "before the digest hour"
    user_ids = sorted(
        db.session.scalars(
            select(Notification.user_id)
            .where(Notification.email_pending.is_(True), Notification.created_at <= moment)
            .distinct()
        )
    )
    sent = 0
    for start in range(0, len(user_ids), CHUNK_SIZE):
        chunk = user_ids[start : start + CHUNK_SIZE]
        sent += with_lock_retry(lambda chunk=chunk: _digest_chunk(chunk, local.date(), moment))
    return f"{sent} digests"


def _digest_chunk(user_ids: Sequence[int], day, moment: datetime) -> int:
    table = NotificationDigest.__table__
    claimed = claim_rows(
        table,
        [{"user_id": uid, "day": day, "item_count": 0, "created_at": utcnow()} for uid in user_ids],
        ("user_id", "day"),
        (table.c.id, table.c.user_id),
    )
    if not claimed:
        db.session.commit()
        return 0
    digest_of = {row.user_id: row.id for row in claimed}
    users = {u.id: u for u in db.session.scalars(select(User).where(User.id.in_(digest_of)))}
    notes: dict[int, list[Notification]] = {}
    for note in db.session.scalars(
        select(Notification)
        .where(
            Notification.user_id.in_(digest_of),
            Notification.email_pending.is_(True),
            Notification.created_at <= moment,
        )
        .order_by(Notification.created_at, Notification.id)
    ):
        notes.setdefault(note.user_id, []).append(note)
    message_ids = []
    for user_id, digest_id in digest_of.items():
        user, items = users[user_id], notes.get(user_id, [])
        message_id = _digest_message(user, items, day) if items and user.active else None
        if message_id:
            message_ids.append(message_id)
        db.session.execute(
            update(NotificationDigest)
            .where(NotificationDigest.id == digest_id)
            .values(item_count=len(items), mail_message_id=message_id)
        )
        for note in items:
            note.email_pending = False
            note.digest_id = digest_id
    enqueue_send_batches(message_ids)
    db.session.commit()
    return len(message_ids)


def _digest_message(user: User, items: list[Notification], day) -> int | None:
    if not user.email:
        return None
    with in_language_of(user):
        subject = ngettext(
            "Tổng hợp thông báo ngày %(day)s (%(num)s thông báo)",
            "Tổng hợp thông báo ngày %(day)s (%(num)s thông báo)",
            len(items),
            day=format_date(day),
        )
    message = queue_email(
        user.email,
        subject,
        "notification_digest",
        user_id=user.id,
        organization_id=user.organization_id,
        category="digest",
        locale=locale_of(user),
        send=False,
        recipient_name=user.full_name,
        notifications=items,
        day=format_date(day),
    )
    return message.id
