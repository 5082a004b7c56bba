"""Helpers shared by the deadline tests: the messages sent."""

from __future__ import annotations

from portal.extensions import db
from portal.mail.models import MailMessage


def messages_to(email: str) -> list[MailMessage]:
    return list(
        db.session.scalars(
            db.select(MailMessage)
            .where(MailMessage.recipient_email == email)
            .order_by(MailMessage.id)
        )
    )


def all_messages() -> list[MailMessage]:
    return list(db.session.scalars(db.select(MailMessage).order_by(MailMessage.id)))
