"""Demo history for the dashboards: reminders of the past weeks and what became of
their email, so that the reminders chart has something to show before the
worker has run for weeks. Everything else the dashboards show comes from the
other capabilities' demo data."""

from __future__ import annotations

from datetime import UTC, datetime, time, timedelta

from sqlalchemy import select

from portal.accounts.models import Role, RoleMembership, User
from portal.deadlines.models import ReminderDelivery
from portal.demo.timeline import local_day
from portal.extensions import db
from portal.formatting import VN_TZ
from portal.mail.models import MailMessage, MailStatus
from portal.organizations.models import Organization

# Reminders sent and failed in each past week, oldest first (the current week is
# left to the worker's own sweep).
WEEKS = [(4, 0), (6, 1), (3, 0), (7, 0), (5, 2), (8, 0), (2, 0), (6, 1), (9, 0), (5, 0), (7, 1)]
ITEM_PREFIX = "demo-history"
SUBJECT = "Nhắc hạn: {title}"
TITLES = [
    "Báo cáo kết quả tuyên truyền gương điển hình tiên tiến quý",
    "Cập nhật hồ sơ, minh chứng của các điển hình trên Cổng",
    "Khắc phục tồn tại sau kiểm tra công tác thi đua",
    "Biện pháp bồi dưỡng điển hình đến hạn",
]


def seed(org: Organization, password: str, now: datetime | None = None) -> None:
    already = db.session.scalar(
        select(ReminderDelivery.id)
        .where(
            ReminderDelivery.organization_id == org.id,
            ReminderDelivery.item_key.startswith(ITEM_PREFIX),
        )
        .limit(1)
    )
    coordinators = db.session.execute(
        select(User, RoleMembership.unit_id)
        .join(RoleMembership, RoleMembership.user_id == User.id)
        .where(User.organization_id == org.id, RoleMembership.role == Role.COORDINATOR)
        .order_by(User.id)
    ).all()
    if already is not None or not coordinators:
        return
    today = local_day(now)
    this_monday = today - timedelta(days=today.weekday())
    for age, (sent, failed) in enumerate(reversed(WEEKS), start=1):
        tuesday = this_monday - timedelta(weeks=age) + timedelta(days=1)
        at = datetime.combine(tuesday, time(8, 0), tzinfo=VN_TZ).astimezone(UTC)
        for n in range(sent + failed):
            user, unit_id = coordinators[(age * 5 + n) % len(coordinators)]
            _reminder(org, user, unit_id, at, n, failed=n >= sent)


def _reminder(org, user: User, unit_id: int, at: datetime, n: int, failed: bool) -> None:
    title = TITLES[n % len(TITLES)]
    due = (at.astimezone(VN_TZ) + timedelta(days=7)).date()
    message = MailMessage(
        organization_id=org.id,
        recipient_email=user.email,
        recipient_user_id=user.id,
        subject=SUBJECT.format(title=title),
        body_text=f"Kính gửi {user.full_name},\n\n{title}: hạn ngày {due:%d/%m/%Y}.",
        category="reminder",
        status=MailStatus.FAILED if failed else MailStatus.SENT,
        attempts=3 if failed else 1,
        last_error="SMTP 451: máy chủ thư tạm thời không nhận" if failed else "",
        created_at=at,
        sent_at=None if failed else at + timedelta(minutes=1),
    )
    db.session.add(message)
    db.session.flush()
    db.session.add(
        ReminderDelivery(
            organization_id=org.id,
            unit_id=unit_id,
            item_key=f"{ITEM_PREFIX}:{at:%Y%m%d}:{n}:unit:{unit_id}",
            stage=f"before_7:{due.isoformat()}",
            recipient_user_id=user.id,
            category="reminder",
            mail_message_id=message.id,
            created_at=at,
        )
    )
