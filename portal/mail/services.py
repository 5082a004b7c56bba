"""Queue an email: render the paired templates, store the message, enqueue its job."""

from __future__ import annotations

from contextlib import nullcontext

from flask import current_app, render_template
from flask_babel import force_locale
from flask_babel import gettext as _

from portal.extensions import db
from portal.jobs.queues import MAIL, enqueue_after_commit
from portal.mail.models import MailMessage, MailStatus
from portal.rules import RuleError


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
    locale: str | None = None,
    **context: object,
) -> MailMessage:
    """Store a message and enqueue its sending once the transaction commits.

    The caller commits. With `send=False` the message is stored only (the
    caller sends a batch itself, e.g. with `send_batch`). Without an
    organization, the recipient's is used, so that their Office sees the message.
    A known recipient reads the subject (a lazy text is translated here) and the
    body in their own language, or in `locale`; anyone else in the current one.
    """
    if user_id is not None and (organization_id is None or locale is None):
        known_org, known_locale = _organization_and_locale(user_id)
        organization_id = known_org if organization_id is None else organization_id
        locale = locale or known_locale
    with force_locale(locale) if locale else nullcontext():
        subject = str(subject)
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
        raise RuleError(_("Chỉ gửi lại được thư đã gửi không thành công."))
    message.status = MailStatus.QUEUED
    message.last_error = ""
    enqueue_after_commit(send_email, message.id, queue=MAIL)


def _organization_and_locale(user_id: int) -> tuple[int | None, str | None]:
    from portal.accounts.models import User
    from portal.i18n import locale_of

    # Usually in the session already (the caller has the person): no query then.
    user = db.session.get(User, user_id)
    if user is None:
        return None, None
    return user.organization_id, locale_of(user)
