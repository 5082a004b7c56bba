"""notify(): tell a person something, in the portal and by email, as they chose."""

from __future__ import annotations

import secrets
from collections.abc import Iterable
from dataclasses import dataclass

from sqlalchemy import func, select, update
from sqlalchemy.orm import with_expression
from sqlalchemy.orm.attributes import set_committed_value

from portal.accounts.models import User
from portal.extensions import db
from portal.i18n import in_language_of, locale_of
from portal.mail import services as mail_services
from portal.mail.models import MailMessage, MailStatus
from portal.mail.services import queue_email, render_message
from portal.models_base import utcnow
from portal.notifications.categories import MANDATORY
from portal.notifications.models import EmailMode, Notification, NotificationPreference

NOW, DIGEST, NO_EMAIL = "now", "digest", "none"
BATCH_SIZE = 200  # messages per send_batch job: one SMTP connection each
_LOAD = object()  # "look the preference up" (None means "the person has none")


@dataclass
class Delivered:
    notification: Notification
    message: MailMessage | None


def notify(
    user: User,
    title: str,
    body: str = "",
    link: str = "",
    *,
    category: str = "general",
    email: bool = True,
) -> Notification:
    """Create a notification for `user` and, if `email` and the person's choices
    allow, queue the matching email (template `mail/notification`) or keep it for
    their daily digest. The caller commits."""
    return deliver(user, title, body, link, category=category, email=email).notification


def deliver(
    user: User,
    title: str,
    body: str = "",
    link: str = "",
    *,
    category: str = "general",
    email: bool = True,
    preference: NotificationPreference | None | object = _LOAD,
    template: str = "notification",
    context: dict | None = None,
    send: bool = True,
) -> Delivered:
    """notify() for callers that deliver in bulk: they pass the preference they
    loaded, their own mail template, and `send=False` to send in batches.

    Title and body may be lazy texts: they are stored, like the email is
    written, in the person's language."""
    with in_language_of(user):
        title, body = str(title), str(body)
    note = Notification(user_id=user.id, title=title, body=body, link=link, category=category)
    db.session.add(note)
    forget_count(user)
    if not (email and user.active and user.email):
        return Delivered(note, None)
    if preference is _LOAD:
        preference = preferences_for([user.id]).get(user.id)
    decision = email_decision(preference, category)  # type: ignore[arg-type]
    if decision == DIGEST:
        note.email_pending = True
        return Delivered(note, None)
    if decision == NO_EMAIL:
        return Delivered(note, None)
    context = {"recipient_name": user.full_name, "body": body, "link": link, **(context or {})}
    with in_language_of(user):
        message = _message(user, title, template, category, context, send)
    note.mail_message = message
    return Delivered(note, message)


def _message(user: User, title: str, template: str, category: str, context: dict, send: bool):
    if send:
        return queue_email(
            user.email,
            title,
            template,
            user_id=user.id,
            organization_id=user.organization_id,
            category=category,
            locale=locale_of(user),
            **context,
        )
    # Stored only; the caller flushes many at once and sends them with send_batch.
    text, html = render_message(template, subject=title, **context)
    message = MailMessage(
        recipient_email=user.email,
        recipient_user_id=user.id,
        organization_id=user.organization_id,
        subject=title,
        body_text=text,
        body_html=html,
        category=category,
        status=MailStatus.QUEUED,
    )
    db.session.add(message)
    return message


def email_decision(preference: NotificationPreference | None, category: str) -> str:
    """Email now, keep for the digest, or no email, for this person and category."""
    if category in MANDATORY:
        return NOW  # escalations always go out at once
    if preference is None:
        return NOW
    if category in (preference.muted_categories or []):
        return NO_EMAIL
    if preference.email_mode == EmailMode.DIGEST:
        return DIGEST
    return NOW


def preferences_for(user_ids: Iterable[int]) -> dict[int, NotificationPreference]:
    ids = set(user_ids)
    if not ids:
        return {}
    rows = db.session.scalars(
        select(NotificationPreference).where(NotificationPreference.user_id.in_(ids))
    )
    return {p.user_id: p for p in rows}


def preference_of(user: User) -> NotificationPreference:
    """The person's preference row, created with the defaults when missing: for the
    services that save a choice, never for a page that only shows them."""
    pref = preferences_for([user.id]).get(user.id)
    if pref is None:
        pref = NotificationPreference(
            user_id=user.id, email_mode=EmailMode.IMMEDIATE, muted_categories=[]
        )
        db.session.add(pref)
        db.session.flush()
    return pref


def save_preferences(user: User, mode: str, muted: Iterable[str]) -> NotificationPreference:
    """The person's email mode and muted categories. The caller commits."""
    pref = preference_of(user)
    pref.email_mode = EmailMode(mode)
    pref.muted_categories = sorted(c for c in set(muted) if c not in MANDATORY)
    return pref


def regenerate_calendar_token(user: User) -> str:
    """A new secret (the first one on the first request): the old feed URL, if any,
    stops working once the caller commits."""
    pref = preference_of(user)
    pref.calendar_token = secrets.token_urlsafe(32)
    return pref.calendar_token


def user_for_calendar_token(token: str) -> User | None:
    if not token or len(token) < 20:
        return None
    pref = db.session.scalar(
        select(NotificationPreference).where(NotificationPreference.calendar_token == token)
    )
    if pref is None or not pref.user.active:
        return None
    return pref.user


def unread_count_option():
    """The bell's count as a column of the statement that loads the signed-in user."""
    count = (
        select(func.count(Notification.id))
        .where(Notification.user_id == User.id, Notification.read_at.is_(None))
        .scalar_subquery()
    )
    return with_expression(User.unread_notifications, count)


def unread_count(user: User) -> int:
    """Read with the user when it was (one statement less on every page), else counted."""
    # From the instance's state: reading an unloaded expression would try to load it.
    loaded = user.__dict__.get("unread_notifications")
    if loaded is not None:
        return loaded
    return (
        db.session.scalar(
            db.select(db.func.count(Notification.id)).where(
                Notification.user_id == user.id, Notification.read_at.is_(None)
            )
        )
        or 0
    )


def forget_count(user: User) -> None:
    """The count read with the user no longer holds: the next one is counted."""
    set_committed_value(user, "unread_notifications", None)


def mark_read(note: Notification) -> None:
    """The caller commits."""
    if note.read_at is None:
        note.read_at = utcnow()
        if user := db.session.identity_map.get(db.session.identity_key(User, note.user_id)):
            forget_count(user)


def mark_all_read(user: User) -> int:
    """How many were unread. The caller commits."""
    forget_count(user)
    result = db.session.execute(
        update(Notification)
        .where(Notification.user_id == user.id, Notification.read_at.is_(None))
        .values(read_at=utcnow())
    )
    return result.rowcount or 0


def record_deliveries(delivery_model: type, results: list[tuple[int, Delivered]]) -> None:
    """Link each claimed delivery row (by id) to the notification and email it produced,
    and queue those emails in batches. Used by every bulk sender (reminders,
    announcements); the caller commits."""
    db.session.flush()
    db.session.execute(
        update(delivery_model),
        [
            {
                "id": delivery_id,
                "notification_id": done.notification.id,
                "mail_message_id": done.message.id if done.message else None,
            }
            for delivery_id, done in results
        ],
    )
    enqueue_send_batches([done.message.id for _, done in results if done.message])


def enqueue_send_batches(message_ids: Iterable[int], size: int | None = None) -> None:
    """Send stored messages in batches once the transaction commits."""
    mail_services.enqueue_send_batches(message_ids, size or BATCH_SIZE)
