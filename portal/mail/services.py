"""Queue an email: render the paired templates, store the message, enqueue its job."""

from __future__ import annotations

from flask import current_app, render_template

from portal.extensions import db
from portal.jobs.queues import MAIL, enqueue_after_commit
from portal.mail.models import MailMessage, MailStatus


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
    caller sends a batch itself, e.g. with `send_batch`).
    """
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


def resend(message: MailMessage) -> None:
    """Put a failed message back in the queue (the Office's re-send button)."""
    from portal.mail.jobs import send_email

    message.status = MailStatus.QUEUED
    message.last_error = ""
    enqueue_after_commit(send_email, message.id, queue=MAIL)
