"""Queue an email: render the paired templates, store the message, enqueue its job."""

from __future__ import annotations

from flask import current_app, render_template

from portal.extensions import db
from portal.jobs.queues import MAIL, enqueue_after_commit
from portal.mail.models import MailMessage, MailStatus


class ResendError(ValueError):
    """Only a failed message can be sent again."""


def render_message(template: str, **context: object) -> tuple[str, str]:
    """Render `mail/<template>.txt` and `.html` with the portal's base URL."""
    context.setdefault("base_url", current_app.config["PORTAL_BASE_URL"])
    text = render_template(f"mail/{template}.txt", **context)
    html = render_template(f"mail/{template}.html", **context)
    return text, html


def queue_email(
    to: str,
    subject: str,
    template: str,
    *,
    user_id: int | None = None,
    organization_id: int | None = None,
    category: str = "general",
    send: bool = True,
    **context: object,
) -> MailMessage:
    """Store a message and enqueue its sending once the transaction commits.

    The caller commits. With `send=False` the message is stored only (the
    caller sends a batch itself, e.g. with `send_batch`). Without an
    organization, the recipient's is used, so that their Office sees the message.
    """
    if organization_id is None and user_id is not None:
        organization_id = _organization_of_user(user_id)
    text, html = render_message(template, subject=subject, **context)
    message = MailMessage(
        recipient_email=to,
        recipient_user_id=user_id,
        organization_id=organization_id,
        subject=subject,
        body_text=text,
        body_html=html,
        category=category,
        status=MailStatus.QUEUED,
    )
    db.session.add(message)
    db.session.flush()
    if send:
        from portal.mail.jobs import send_email

        enqueue_after_commit(send_email, message.id, queue=MAIL)
    return message


def can_resend(message: MailMessage) -> bool:
    return message.status == MailStatus.FAILED


def resend(message: MailMessage) -> None:
    """Put a failed message back in the queue (the Office's re-send button).
    The caller commits; its attempts so far stay counted."""
    from portal.mail.jobs import send_email

    if not can_resend(message):
        raise ResendError(f"message {message.id} is {message.status}, not failed")
    message.status = MailStatus.QUEUED
    message.last_error = ""
    enqueue_after_commit(send_email, message.id, queue=MAIL)


def _organization_of_user(user_id: int) -> int | None:
    from portal.accounts.models import User

    return db.session.scalar(db.select(User.organization_id).where(User.id == user_id))
