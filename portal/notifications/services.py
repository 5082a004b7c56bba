"""notify(): tell a person something, in the portal and by email."""

from __future__ import annotations

from portal.accounts.models import User
from portal.extensions import db
from portal.mail.services import queue_email
from portal.notifications.models import Notification


def notify(
    user: User,
    title: str,
    body: str = "",
    link: str = "",
    *,
    category: str = "general",
    email: bool = True,
) -> Notification:
    """Create a notification for `user` and, if `email`, queue the matching email
    (template `mail/notification`). The caller commits."""
    note = Notification(user_id=user.id, title=title, body=body, link=link, category=category)
    db.session.add(note)
    if email and user.active and user.email:
        message = queue_email(
            user.email,
            title,
            "notification",
            user_id=user.id,
            organization_id=user.organization_id,
            category=category,
            recipient_name=user.full_name,
            body=body,
            link=link,
        )
        note.mail_message_id = message.id
    return note


def unread_count(user: User) -> int:
    return db.session.scalar(
        db.select(db.func.count(Notification.id)).where(
            Notification.user_id == user.id, Notification.read_at.is_(None)
        )
    ) or 0
