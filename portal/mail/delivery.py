"""Delivery backends: SMTP over one connection per batch, or the local outbox table.

Each message is rendered to its final bytes once, by `render`: headers written
already folded (RFC 2047 encoded words of at most 52 characters, lines under 78),
bodies in base64. No email policy parses and refolds them afterwards, which cost
more than the SMTP exchange itself (bench/README.md, reminder_sweep).
"""

from __future__ import annotations

import base64
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from email.utils import formataddr, formatdate, make_msgid, parseaddr

from flask import current_app
from flask_mail import BadHeaderError, sanitize_address

from portal.extensions import mail
from portal.mail.models import MailMessage

# Seconds an SMTP read or write may take before the connection counts as failed
# (smtplib has no timeout of its own: a hung relay would hold the job until RQ kills it).
SMTP_TIMEOUT = 30
# UTF-8 bytes per encoded word: 52 base64 characters, a header line under 78.
_WORD_BYTES = 39
# A sender's name up to this many bytes is one encoded word (72 characters, under
# RFC 2047's 75): no reader then has to join words (Python's address parser keeps
# the space between two, which RFC 2047 says to drop).
NAME_WORD_BYTES = 45
_CRLF = "\r\n"
# "Subject: " and the line's limit: a plain ASCII subject longer than this is encoded.
_PLAIN_SUBJECT = 78 - len("Subject: ")


def encoded_words(text: str, size: int = _WORD_BYTES) -> list[str]:
    """`text` as RFC 2047 encoded words cut between characters, never at a space:
    every space stays inside a word. Folding at spaces (Flask-Mail's Header, and
    Python's own email policy) puts the space between two encoded words, where
    readers drop it ("kết quảtuyên truyền")."""
    words, current = [], b""
    for char in text:
        encoded = char.encode("utf-8")
        if current and len(current) + len(encoded) > size:
            words.append(current)
            current = b""
        current += encoded
    if current:
        words.append(current)
    return [f"=?utf-8?b?{base64.b64encode(word).decode('ascii')}?=" for word in words]


def folded_text(text: str, limit: int) -> str:
    """An unstructured header value (RFC 5322) as written on the wire: as it is when
    it is short printable ASCII, else encoded words, one per line."""
    if len(text) <= limit and text.isascii() and text.isprintable():
        return text
    return (_CRLF + " ").join(encoded_words(text))


@dataclass(frozen=True)
class Sender:
    """The From header and the envelope sender, worked out once per batch."""

    header: str
    address: str
    domain: str

    @classmethod
    def of(cls, configured: str | tuple[str, str]) -> Sender:
        name, address = configured if isinstance(configured, tuple) else parseaddr(configured)
        address = sanitize_address(address)  # an international domain in IDNA
        if not name:
            header = address
        elif name.isascii() and name.isprintable():
            header = formataddr((name, address))  # quoted when it has specials
        else:
            lines = encoded_words(name, NAME_WORD_BYTES)
            # "From: " or the fold's space before the last word, then " <address>".
            start = len("From: ") if len(lines) == 1 else 1
            if start + len(lines[-1]) + len(address) + 3 > 78:
                lines.append(f"<{address}>")  # folded onto a line of its own
            else:
                lines[-1] += f" <{address}>"
            header = (_CRLF + " ").join(lines)
        return cls(header, address, address.rpartition("@")[2] or "localhost")


def _address(email: str) -> str:
    if "\r" in email or "\n" in email:
        raise BadHeaderError  # no header may be smuggled in through an address
    return email if email.isascii() else sanitize_address(email)  # IDNA domain


def _part(subtype: str, text: str) -> str:
    body = base64.encodebytes(text.encode("utf-8")).decode("ascii").replace("\n", _CRLF)
    return (
        f'Content-Type: text/{subtype}; charset="utf-8"{_CRLF}'
        f"MIME-Version: 1.0{_CRLF}"
        f"Content-Transfer-Encoding: base64{_CRLF}{_CRLF}{body}"
    )


def render(message: MailMessage, sender: Sender) -> tuple[str, bytes]:
    """The recipient (as the envelope gives it) and the message's bytes, CRLF lines."""
    recipient = _address(message.recipient_email)
    headers = [
        f"Subject: {folded_text(message.subject, _PLAIN_SUBJECT)}" if message.subject else "",
        f"From: {sender.header}",
        f"To: {recipient}",
        f"Date: {formatdate(localtime=True)}",
        f"Message-ID: {make_msgid(domain=sender.domain)}",
        # Tells mail servers and auto-responders that no person sent this.
        "Auto-Submitted: auto-generated",
        "MIME-Version: 1.0",
    ]
    head = _CRLF.join(h for h in headers if h)
    if not message.body_html:
        return recipient, f"{head}{_CRLF}{_part('plain', message.body_text)}".encode("ascii")
    # Base64 has no "-": no line of a part can start like the boundary.
    boundary = f"=_{uuid.uuid4().hex}"
    text = (
        f"{head}{_CRLF}Content-Type: multipart/alternative;{_CRLF}"
        f' boundary="{boundary}"{_CRLF}{_CRLF}'
        f"--{boundary}{_CRLF}{_part('plain', message.body_text)}"
        f"--{boundary}{_CRLF}{_part('html', message.body_html)}"
        f"--{boundary}--{_CRLF}"
    )
    return recipient, text.encode("ascii")


@dataclass
class Connection:
    """A batch's SMTP connection (None inside for the outbox)."""

    smtp: object | None
    sender: Sender


@contextmanager
def connection() -> Iterator[Connection | None]:
    """One SMTP connection for a batch of messages (None for the outbox)."""
    if current_app.config["MAIL_BACKEND"] != "smtp":
        yield None
        return
    sender = Sender.of(current_app.config["MAIL_DEFAULT_SENDER"])
    with mail.connect() as conn:
        sock = getattr(conn.host, "sock", None)
        if sock is not None:
            sock.settimeout(SMTP_TIMEOUT)
        # No host when Flask-Mail suppresses sending (MAIL_SUPPRESS_SEND).
        yield Connection(conn.host, sender)


def deliver(message: MailMessage, conn: Connection | None) -> str:
    """Send `message` over `conn`; returns the backend name. Raises on failure."""
    if conn is None:
        return "outbox"  # stored already: the outbox is the table itself
    recipient, data = render(message, conn.sender)
    if conn.smtp is not None:
        conn.smtp.sendmail(conn.sender.address, [recipient], data)  # type: ignore[attr-defined]
    return "smtp"
