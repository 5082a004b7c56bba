"""Delivery backends: SMTP through Flask-Mail, or the local outbox table."""

from __future__ import annotations

import base64
from collections.abc import Iterator
from contextlib import contextmanager
from email import policy

from flask import current_app
from flask_mail import Message

from portal.extensions import mail
from portal.mail.models import MailMessage

# Seconds an SMTP read or write may take before the connection counts as failed
# (smtplib has no timeout of its own: a hung relay would hold the job until RQ kills it).
SMTP_TIMEOUT = 30
# UTF-8 bytes per encoded word: 52 base64 characters, a header line under 78.
_WORD_BYTES = 39


def encoded_words(text: str) -> list[str]:
    """`text` as RFC 2047 encoded words cut between characters, never at a space:
    every space stays inside a word. Folding at spaces (Flask-Mail's Header, and
    Python's own email policy) puts the space between two encoded words, where
    readers drop it ("kết quảtuyên truyền")."""
    words, current = [], b""
    for char in text:
        encoded = char.encode("utf-8")
        if current and len(current) + len(encoded) > _WORD_BYTES:
            words.append(current)
            current = b""
        current += encoded
    if current:
        words.append(current)
    return [f"=?utf-8?b?{base64.b64encode(word).decode('ascii')}?=" for word in words]


class PortalMessage(Message):
    """Flask-Mail's message with a subject folded without losing its spaces."""

    def _message(self):
        msg = super()._message()
        if self.subject and not self.subject.isascii():
            # Stored as written (compat32 keeps the value as given); the final policy
            # then writes its short lines unchanged.
            final, msg.policy = msg.policy, policy.compat32
            del msg["Subject"]
            msg["Subject"] = "\r\n ".join(encoded_words(self.subject))
            msg.policy = final
        return msg


def to_flask_message(message: MailMessage) -> Message:
    return PortalMessage(
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
        sock = getattr(conn.host, "sock", None)
        if sock is not None:
            sock.settimeout(SMTP_TIMEOUT)
        yield conn


def deliver(message: MailMessage, conn: object | None) -> str:
    """Send `message` over `conn`; returns the backend name. Raises on failure."""
    if conn is None:
        return "outbox"  # stored already: the outbox is the table itself
    conn.send(to_flask_message(message))  # type: ignore[attr-defined]
    return "smtp"
