"""The daily digest: one email per digest reader per day, whatever the job runs."""

from __future__ import annotations

from datetime import UTC, datetime

from sqlalchemy import select

from portal.extensions import db
from portal.formatting import VN_TZ
from portal.mail.models import MailMessage, MailStatus
from portal.notifications.digest import send_daily_digests
from portal.notifications.models import Notification, NotificationDigest
from portal.notifications.services import notify, save_preferences


def vn(day: int, hour: int, minute: int = 0, month: int = 12) -> datetime:
    return datetime(2025, month, day, hour, minute, tzinfo=VN_TZ).astimezone(UTC)


def told(user, title: str, at: datetime, category: str = "reminder") -> Notification:
    note = notify(user, title, f"Nội dung: {title}", "/deadlines/", category=category)
    note.created_at = at
    db.session.commit()
    return note


def digests_to(user) -> list[MailMessage]:
    db.session.expire_all()
    return list(
        db.session.scalars(
            select(MailMessage)
            .where(MailMessage.recipient_user_id == user.id, MailMessage.category == "digest")
            .order_by(MailMessage.id)
        )
    )


def test_one_digest_a_day_listing_what_was_pending(world, run_jobs):
    save_preferences(world.coordinator_a, "digest", [])
    told(world.coordinator_a, "Nhắc hạn báo cáo năm", vn(1, 9))
    told(world.coordinator_a, "Kết luận kiểm tra mới", vn(1, 15), category="finding_assigned")
    assert send_daily_digests(vn(2, 6, 59)) == "before the digest hour"
    assert digests_to(world.coordinator_a) == []
    send_daily_digests(vn(2, 7, 15))
    (digest,) = digests_to(world.coordinator_a)
    assert "02/12/2025" in digest.subject and "(2 thông báo)" in digest.subject
    for body in (digest.body_text, digest.body_html):
        assert "Nhắc hạn báo cáo năm" in body and "Kết luận kiểm tra mới" in body
        assert "/deadlines/" in body
    notes = db.session.scalars(select(Notification)).all()
    assert all(not n.email_pending and n.digest_id for n in notes)
    run_jobs("mail")
    assert digests_to(world.coordinator_a)[0].status == MailStatus.SENT
    # The job runs every 15 minutes: nothing more that day, even with new news.
    told(world.coordinator_a, "Thông báo buổi chiều", vn(2, 14))
    send_daily_digests(vn(2, 7, 30))
    send_daily_digests(vn(2, 20, 0))
    assert len(digests_to(world.coordinator_a)) == 1
    send_daily_digests(vn(3, 7, 0))
    later = digests_to(world.coordinator_a)
    assert len(later) == 2 and "Thông báo buổi chiều" in later[1].body_text
    assert db.session.scalar(select(db.func.count(NotificationDigest.id))) == 2


def test_immediate_readers_get_no_digest(world):
    told(world.coordinator_b, "Nhắc hạn", vn(1, 9))  # immediate: emailed at once
    send_daily_digests(vn(2, 8))
    assert digests_to(world.coordinator_b) == []


def test_notifications_after_the_cutoff_wait_for_the_next_digest(world):
    save_preferences(world.staff_a, "digest", [])
    told(world.staff_a, "Trước giờ tổng hợp", vn(2, 6))
    told(world.staff_a, "Sau giờ tổng hợp", vn(2, 9))
    send_daily_digests(vn(2, 8))
    (digest,) = digests_to(world.staff_a)
    assert "Trước giờ tổng hợp" in digest.body_text
    assert "Sau giờ tổng hợp" not in digest.body_text
    pending = db.session.scalars(select(Notification).where(Notification.email_pending)).all()
    assert [n.title for n in pending] == ["Sau giờ tổng hợp"]


def test_digest_run_by_two_workers_is_sent_once(world, run_jobs):
    from portal.jobs.queues import enqueue

    save_preferences(world.staff_a, "digest", [])
    told(world.staff_a, "Nhắc hạn", vn(1, 9))
    enqueue(send_daily_digests, vn(2, 8).isoformat())
    enqueue(send_daily_digests, vn(2, 8).isoformat())
    run_jobs()
    digests = digests_to(world.staff_a)
    assert len(digests) == 1 and digests[0].status == MailStatus.SENT
