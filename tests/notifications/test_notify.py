"""notify() honours each person's choices: immediate, digest, muted, mandatory."""

from __future__ import annotations

from sqlalchemy import select

from portal.extensions import db
from portal.mail.models import MailMessage, MailStatus
from portal.notifications.models import EmailMode, Notification
from portal.notifications.services import (
    email_decision,
    notify,
    preference_of,
    save_preferences,
    unread_count,
)


def messages() -> list[MailMessage]:
    return list(db.session.scalars(select(MailMessage).order_by(MailMessage.id)))


def test_default_is_an_immediate_email_sent_by_the_worker(world, run_jobs):
    note = notify(
        world.staff_a,
        "Điển hình của bạn đã được công nhận",
        "Chúc mừng!",
        "/exemplars/1",
        category="exemplar_status",
    )
    db.session.commit()
    (message,) = messages()
    assert note.mail_message_id == message.id
    assert message.recipient_email == world.staff_a.email
    assert "Chúc mừng!" in message.body_text and "/exemplars/1" in message.body_html
    run_jobs("mail")
    db.session.refresh(message)
    assert message.status == MailStatus.SENT
    assert unread_count(world.staff_a) == 1


def test_digest_reader_gets_the_notification_now_and_no_email(world):
    save_preferences(world.staff_a, "digest", [])
    note = notify(world.staff_a, "Kết quả bình xét", category="nomination_result")
    db.session.commit()
    assert messages() == []
    assert note.email_pending and unread_count(world.staff_a) == 1


def test_muted_category_sends_no_email_but_keeps_the_notification(world):
    save_preferences(world.staff_a, "immediate", ["announcement"])
    notify(world.staff_a, "Lịch Đại hội", category="announcement")
    notify(world.staff_a, "Điển hình được công nhận", category="exemplar_status")
    db.session.commit()
    assert [m.subject for m in messages()] == ["Điển hình được công nhận"]
    assert db.session.scalar(select(db.func.count(Notification.id))) == 2


def test_escalations_cannot_be_turned_off_nor_held(world):
    save_preferences(world.coordinator_a, "digest", ["escalation", "reminder"])
    pref = preference_of(world.coordinator_a)
    assert pref.muted_categories == ["reminder"]
    assert pref.email_mode == EmailMode.DIGEST
    notify(world.coordinator_a, "Quá hạn 3 ngày", category="escalation")
    db.session.commit()
    assert [m.subject for m in messages()] == ["Quá hạn 3 ngày"]
    assert email_decision(pref, "escalation") == "now"
    assert email_decision(pref, "reminder") == "none"
    assert email_decision(pref, "general") == "digest"
    assert email_decision(None, "general") == "now"


def test_no_email_for_inactive_people_or_when_not_asked(world):
    world.staff_a.active = False
    notify(world.staff_a, "Thông báo")
    notify(world.coordinator_a, "Chỉ trên Cổng", email=False)
    db.session.commit()
    assert messages() == []
    assert db.session.scalar(select(db.func.count(Notification.id))) == 2
