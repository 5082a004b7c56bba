"""MailMessage: what was sent to whom, with its delivery state."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import DateTime, ForeignKey, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from portal.db_types import enum_column
from portal.enums import LabelledEnum
from portal.extensions import db
from portal.models_base import utcnow
from portal.msgids import N_


class MailStatus(LabelledEnum):
    QUEUED = "queued", N_("Đang chờ gửi"), "secondary"
    # Claimed by one job, in the hands of the SMTP server (see mail/jobs.py).
    SENDING = "sending", N_("Đang gửi"), "info"
    SENT = "sent", N_("Đã gửi"), "success"
    FAILED = "failed", N_("Gửi không thành công"), "danger"


class MailMessage(db.Model):
    """One email to one recipient. With no SMTP server configured, this table
    is the outbox: a message is 'sent' when it is written here and the Office
    reads it in the portal."""

    __tablename__ = "mail_messages"
    __audited__ = False  # the table is its own record

    id: Mapped[int] = mapped_column(primary_key=True)
    organization_id: Mapped[int | None] = mapped_column(ForeignKey("organizations.id"), index=True)
    recipient_email: Mapped[str] = mapped_column(String(255), index=True)
    recipient_user_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"), index=True)
    subject: Mapped[str] = mapped_column(String(500))
    body_text: Mapped[str] = mapped_column(Text)
    body_html: Mapped[str] = mapped_column(Text, default="")
    # What the message is about, e.g. "reminder", "password_reset", "test".
    category: Mapped[str] = mapped_column(String(64), default="general", index=True)
    status: Mapped[MailStatus] = mapped_column(
        enum_column(MailStatus), default=MailStatus.QUEUED, index=True
    )
    attempts: Mapped[int] = mapped_column(default=0)
    last_error: Mapped[str] = mapped_column(Text, default="")
    backend: Mapped[str] = mapped_column(String(16), default="")
    created_at: Mapped[datetime] = mapped_column(
        DateTime(timezone=True), default=utcnow, index=True
    )
    sent_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    # The RQ job that sends (or will send) the message: the recovery sweep enqueues
    # again a queued message whose job never reached Redis or is gone.
    job_id: Mapped[str | None] = mapped_column(String(64), index=True)
    # When the job claimed it (status 'sending'): the lease the recovery checks.
    claimed_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))

    recipient = relationship("User")
