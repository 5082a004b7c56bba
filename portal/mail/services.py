"""Queue an email: render the paired templates, store the message, enqueue its job."""

from __future__ import annotations

from collections.abc import Iterable
from contextlib import nullcontext

from flask import current_app, render_template
from flask_babel import force_locale
from flask_babel import gettext as _
from sqlalchemy import Select, func, select, update

from portal.extensions import db
from portal.jobs.queues import MAIL, enqueue_after_commit
from portal.mail.models import MailMessage, MailStatus
from portal.rules import RuleError

BATCH_SIZE = 200  # messages per job (one SMTP connection); time bounds it too


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
        from portal.mail.jobs import new_job_id, send_email

        message.job_id = new_job_id()
        enqueue_after_commit(send_email, message.id, queue=MAIL, job_id=message.job_id)
    return message


def enqueue_send_batches(message_ids: Iterable[int], size: int = BATCH_SIZE) -> None:
    """Send stored messages in batches once the transaction commits. Each message
    records its batch's job, so that the recovery knows whether that job exists."""
    from portal.mail.jobs import new_job_id, send_batch

    ids = list(message_ids)
    for start in range(0, len(ids), size):
        chunk, job_id = ids[start : start + size], new_job_id()
        db.session.execute(
            update(MailMessage)
            .where(MailMessage.id.in_(chunk))
            .values(job_id=job_id)
            .execution_options(synchronize_session=False)
        )
        enqueue_after_commit(send_batch, chunk, queue=MAIL, job_id=job_id)


def can_resend(message: MailMessage) -> bool:
    return message.status == MailStatus.FAILED


def resend(message: MailMessage) -> bool:
    """Put a failed message back in the queue (the Office's re-send button). The row
    is locked and changed only while failed, so a second click (or a second tab)
    queues nothing more: False then. The caller commits; attempts stay counted."""
    current = db.session.scalar(
        select(MailMessage.status).where(MailMessage.id == message.id).with_for_update()
    )
    if current in (MailStatus.QUEUED, MailStatus.SENDING):
        return False  # already on its way: the same answer as the first click
    if current != MailStatus.FAILED:
        raise RuleError(_("Chỉ gửi lại được thư đã gửi không thành công."))
    return resend_failed(select(MailMessage.id).where(MailMessage.id == message.id)) == 1


def count_failed(query: Select) -> int:
    """How many failed messages a select of MailMessage (the outbox's filter) holds."""
    return db.session.scalar(
        query.where(MailMessage.status == MailStatus.FAILED)
        .order_by(None)
        .with_only_columns(func.count(MailMessage.id))
    )


def resend_failed(ids_query: Select) -> int:
    """Queue again every failed message among `ids_query` (a select of MailMessage.id,
    e.g. the outbox's filter): one conditional UPDATE, so two clicks queue each
    message once. Returns how many. The caller commits."""
    ids = list(
        db.session.scalars(ids_query.where(MailMessage.status == MailStatus.FAILED).order_by(None))
    )
    if not ids:
        return 0
    queued = []
    for start in range(0, len(ids), BATCH_SIZE):
        chunk = ids[start : start + BATCH_SIZE]
        queued += db.session.scalars(
            update(MailMessage)
            .where(MailMessage.id.in_(chunk), MailMessage.status == MailStatus.FAILED)
            .values(status=MailStatus.QUEUED, last_error="", claimed_at=None)
            .returning(MailMessage.id)
            .execution_options(synchronize_session=False)
        ).all()
    db.session.expire_all()
    enqueue_send_batches(sorted(queued))
    return len(queued)


def _organization_and_locale(user_id: int) -> tuple[int | None, str | None]:
    from portal.accounts.models import User
    from portal.i18n import locale_of

    # Usually in the session already (the caller has the person): no query then.
    user = db.session.get(User, user_id)
    if user is None:
        return None, None
    return user.organization_id, locale_of(user)
