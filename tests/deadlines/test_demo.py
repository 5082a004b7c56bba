"""The demo deadlines: the plan's own, and some relative to today that remind at once."""

from __future__ import annotations

from sqlalchemy import func, select

from portal.deadlines.models import Deadline, DeadlineCompletion, DeadlineKind
from portal.demo.deadlines import seed
from portal.extensions import db
from portal.formatting import format_date
from portal.mail.models import MailMessage
from portal.models_base import utcnow
from portal.notifications.reminders import sweep_reminders


def test_demo_is_idempotent_and_shows_reminders_happening(world):
    seed(world.org, "demo")
    db.session.commit()
    seed(world.org, "demo")
    db.session.commit()
    deadlines = db.session.scalars(select(Deadline).order_by(Deadline.due_at)).all()
    kinds = [d.kind for d in deadlines]
    assert kinds.count(DeadlineKind.SELF_ASSESSMENT) == 3
    assert kinds.count(DeadlineKind.ANNUAL_REPORT) == 3
    (congress,) = [d for d in deadlines if d.kind == DeadlineKind.CONGRESS_SUBMISSION]
    assert format_date(congress.due_at) == "30/06/2025"
    assert {format_date(d.due_at) for d in deadlines if d.year == 2024} == {"15/12/2024"}
    assert len(deadlines) == 11
    assert db.session.scalar(select(func.count(DeadlineCompletion.id))) == 4
    result = sweep_reminders(utcnow())
    db.session.expire_all()
    subjects = db.session.scalars(select(MailMessage.subject)).all()
    # Due in 1, 7 and 14 days, and 3 days overdue: unit_b is reminded of each
    # (unit_a has marked them done), and the Office is warned of the overdue one.
    assert sum("[Nhắc hạn]" in s for s in subjects) == 3
    assert sum(s.startswith("[Quá hạn") for s in subjects) == 2
    assert "delivered now" in result
    assert sweep_reminders(utcnow()).endswith("0 delivered now")
