"""The Office's outbox: the filters over stored messages, and the test message."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta

from flask import current_app
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from sqlalchemy import Select, func, select

from portal.accounts.models import User
from portal.extensions import db
from portal.formatting import VN_TZ, format_datetime
from portal.mail.models import MailMessage, MailStatus
from portal.mail.services import queue_email
from portal.models_base import utcnow

# What each notify()/queue_email() category is about, as the Office reads it.
CATEGORY_LABELS = {
    "general": _l("Chung"),
    "test": _l("Thư kiểm tra"),
    "password_reset": _l("Đặt lại mật khẩu"),
    "reminder": _l("Nhắc hạn"),
    "escalation": _l("Báo cáo quá hạn"),
    "exemplar_status": _l("Trạng thái điển hình"),
    "nomination_result": _l("Kết quả bình xét"),
    "finding_assigned": _l("Kết luận kiểm tra"),
    "announcement": _l("Thông báo chung"),
    "compilation_done": _l("Tổng hợp hồ sơ xong"),
    "digest": _l("Thư tổng hợp thông báo"),
    "account_setup": _l("Tạo tài khoản"),
    "account_locked": _l("Tài khoản tạm khóa"),
}


def category_label(category: str) -> str:
    return str(CATEGORY_LABELS.get(category, category))


@dataclass(frozen=True)
class OutboxFilters:
    recipient: str = ""
    status: MailStatus | None = None
    category: str = ""
    date_from: date | None = None
    date_to: date | None = None


def _start_of_day_utc(day: date) -> datetime:
    """Dates are read in Vietnam time; messages are stored in UTC."""
    return datetime.combine(day, time.min, tzinfo=VN_TZ).astimezone(UTC)


def filter_outbox(query: Select, filters: OutboxFilters) -> Select:
    """Apply the Office's filters to a select of MailMessage, newest first."""
    if filters.recipient:
        pattern = f"%{filters.recipient.strip().lower()}%"
        query = query.where(func.lower(MailMessage.recipient_email).like(pattern))
    if filters.status is not None:
        query = query.where(MailMessage.status == filters.status)
    if filters.category:
        query = query.where(MailMessage.category == filters.category)
    if filters.date_from is not None:
        query = query.where(MailMessage.created_at >= _start_of_day_utc(filters.date_from))
    if filters.date_to is not None:
        end = _start_of_day_utc(filters.date_to + timedelta(days=1))
        query = query.where(MailMessage.created_at < end)
    return query.order_by(MailMessage.created_at.desc(), MailMessage.id.desc())


def categories_in_use(organization_id: int) -> list[str]:
    """The categories the organization's messages carry, for the filter's choices."""
    return list(
        db.session.scalars(
            select(MailMessage.category)
            .where(MailMessage.organization_id == organization_id)
            .distinct()
            .order_by(MailMessage.category)
        )
    )


def queue_test_email(to: str, sender: User) -> MailMessage:
    """Queue the set-up check message to `to`, on behalf of `sender` (the caller commits)."""
    return queue_email(
        to.strip(),
        _("Thư kiểm tra từ Cổng điển hình tiên tiến"),
        "test_message",
        organization_id=sender.organization_id,
        category="test",
        sender_name=sender.full_name,
        sent_at=format_datetime(utcnow()),
        recipient_name=None,
    )


def delivery_description() -> str:
    """Where mail goes with the current settings, in the Office's words."""
    config = current_app.config
    if config["MAIL_BACKEND"] == "smtp":
        return _(
            "máy chủ SMTP %(server)s:%(port)s",
            server=config["MAIL_SERVER"],
            port=config["MAIL_PORT"],
        )
    return _("hộp thư đi của cổng (chưa cấu hình máy chủ SMTP, thư không rời khỏi cổng)")
