"""Delivery backends: SMTP through Flask-Mail, or the local outbox table."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from flask import current_app
from flask_mail import Message

from portal.extensions import mail
from portal.mail.models import MailMessage


def to_flask_message(message: MailMessage) -> Message:
    return Message(
        subject=message.subject,
        recipients=[message.recipient_email],
        body=message.body_text,
        html=message.body_html or None,
        sender=current_app.config["MAIL_DEFAULT_SENDER"],
        charset="utf-8",
        # Tells mail servers and auto-responders that no person sent this.
        extra_headers={"Auto-Submitted": "auto-generated"},
    )


@contextmanager
def connection() -> Iterator[object | None]:
    """One SMTP connection for a batch of messages (None for the outbox)."""
    if current_app.config["MAIL_BACKEND"] != "smtp":
        yield None
        return
    with mail.connect() as conn:
        yield conn


def deliver(message: MailMessage, conn: object | None) -> str:
    """Send `message` over `conn`; returns the backend name. Raises on failure."""
    if conn is None:
        return "outbox"  # stored already: the outbox is the table itself
    conn.send(to_flask_message(message))  # type: ignore[attr-defined]
    return "smtp"
