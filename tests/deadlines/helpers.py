"""Helpers shared by the deadline tests: Vietnam-time moments and deadlines."""

from __future__ import annotations

from datetime import UTC, datetime

from portal.deadlines.models import CompletionMode, Deadline, DeadlineKind, DeadlineTarget
from portal.extensions import db
from portal.formatting import VN_TZ
from portal.mail.models import MailMessage


def vn(year: int, month: int, day: int, hour: int = 7, minute: int = 0) -> datetime:
    """A moment given in Vietnam time, as an aware UTC datetime."""
    return datetime(year, month, day, hour, minute, tzinfo=VN_TZ).astimezone(UTC)


def make_deadline(world, *, due_at=None, units=None, **fields) -> Deadline:
    values = {
        "organization_id": world.org.id,
        "period_id": world.period.id,
        "kind": DeadlineKind.OTHER,
        "year": 2025,
        "title": "Báo cáo sơ kết phong trào thi đua",
        "due_at": due_at or vn(2025, 12, 15, 17),
        "completion_mode": CompletionMode.MANUAL,
        "all_units": units is None,
        "remind_days_before": "14,7,1",
        "escalate": True,
        "reminders_enabled": True,
    }
    values.update(fields)
    deadline = Deadline(**values)
    for unit in units or []:
        deadline.targets.append(DeadlineTarget(unit_id=unit.id))
    db.session.add(deadline)
    db.session.commit()
    return deadline


def messages_to(email: str) -> list[MailMessage]:
    return list(
        db.session.scalars(
            db.select(MailMessage)
            .where(MailMessage.recipient_email == email)
            .order_by(MailMessage.id)
        )
    )


def all_messages() -> list[MailMessage]:
    return list(db.session.scalars(db.select(MailMessage).order_by(MailMessage.id)))
