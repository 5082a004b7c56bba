"""Emails speak their recipient's language: English for those who chose it, the
unchanged Vietnamese for everyone else, whoever or whatever sent them."""

from __future__ import annotations

from flask_babel import force_locale, refresh
from sqlalchemy import select

from portal.extensions import db
from portal.i18n import LocalText
from portal.mail.jobs import UNSENT, error_text
from portal.mail.models import MailMessage
from portal.notifications.digest import send_daily_digests
from portal.notifications.models import Notification
from portal.notifications.reminders import sweep_reminders
from portal.notifications.services import notify, save_preferences
from tests.deadlines.helpers import messages_to
from tests.factories import make_deadline, vn


def speaks_english(*users) -> None:
    for user in users:
        user.locale = "en"
    db.session.commit()


def test_reminder_in_english_for_an_english_reader_and_vietnamese_for_the_others(world):
    speaks_english(world.coordinator_a)
    make_deadline(world, title="Báo cáo sơ kết 6 tháng")
    sweep_reminders(vn(2025, 12, 8, 7))  # 7 days before 15/12/2025 17:00
    db.session.expire_all()

    (english,) = messages_to(world.coordinator_a.email)
    assert english.subject == (
        "[Reminder] Báo cáo sơ kết 6 tháng – Phòng Môi trường – due 15/12/2025"
    )
    assert english.body_text.startswith(f"Dear {world.coordinator_a.full_name},")
    assert "The Exemplar Portal reminds Phòng Môi trường to complete the item below" in (
        english.body_text
    )
    assert "(7 days left)" in english.body_text
    assert "Due: 15/12/2025 at 17:00" in english.body_text
    assert "Complete it at: " in english.body_text
    assert '<html lang="en">' in english.body_html
    assert "Complete it on the Portal" in english.body_html
    assert "Please do not reply to it." in english.body_html
    for body in (english.body_text, english.body_html):
        assert "Kính gửi" not in body and "Thời hạn" not in body and "Cổng điển" not in body
        assert "Báo cáo sơ kết 6 tháng" in body  # what the Office typed stays as typed

    (vietnamese,) = messages_to(world.coordinator_b.email)
    assert vietnamese.subject == (
        "[Nhắc hạn] Báo cáo sơ kết 6 tháng – Thanh tra Sở – hạn 15/12/2025"
    )
    assert vietnamese.body_text.startswith(f"Kính gửi {world.coordinator_b.full_name},")
    assert "Cổng điển hình tiên tiến xin nhắc Thanh tra Sở hoàn thành" in vietnamese.body_text
    assert "Thời hạn: 15/12/2025 lúc 17:00" in vietnamese.body_text
    assert "(còn 7 ngày)" in vietnamese.body_text
    assert '<html lang="vi">' in vietnamese.body_html
    assert "Dear" not in vietnamese.body_text and "Reminder" not in vietnamese.subject

    notes = {
        n.user_id: n.title for n in db.session.scalars(select(Notification)).all()
    }  # the bell says it in the same language as the email
    assert notes[world.coordinator_a.id] == english.subject
    assert notes[world.coordinator_b.id] == vietnamese.subject


def test_office_escalation_in_english_lists_the_late_units(world):
    speaks_english(world.office)
    make_deadline(world, title="Báo cáo năm")
    sweep_reminders(vn(2025, 12, 22, 7))  # a week overdue
    db.session.expire_all()
    (escalation,) = messages_to(world.office.email)
    assert escalation.subject.startswith("[7 days overdue] Báo cáo năm – 2 units have not")
    assert "2 units have not completed it HAS NOT COMPLETED the item below" in (
        escalation.body_text
    )
    assert "7 days overdue" in escalation.body_text
    assert "Units that have not completed it:" in escalation.body_text
    assert "This email goes to the Department Office so that it can follow up." in (
        escalation.body_text
    )
    assert "Follow up on the Portal" in escalation.body_html
    (coordinator,) = messages_to(world.coordinator_a.email)
    assert coordinator.subject.startswith("[Quá hạn 7 ngày]")  # still Vietnamese


def test_notification_email_in_the_recipients_language_whoever_sends_it(world):
    speaks_english(world.coordinator_a)
    title = LocalText("Đã tổng hợp xong hồ sơ #%(id)s", id=12)
    with force_locale("en"):  # the sender reads English; the recipients need not
        notify(world.coordinator_a, title, LocalText("Hoàn thành"), "/compilations/12")
        notify(world.coordinator_b, title, LocalText("Hoàn thành"), "/compilations/12")
    db.session.commit()
    (english,) = messages_to(world.coordinator_a.email)
    assert english.subject == "Compilation #12 is ready"
    assert "Completed" in english.body_text and "View details: " in english.body_text
    assert "View details</a>" in english.body_html
    (vietnamese,) = messages_to(world.coordinator_b.email)
    assert vietnamese.subject == "Đã tổng hợp xong hồ sơ #12"
    assert vietnamese.body_text.startswith(f"Kính gửi {world.coordinator_b.full_name},")
    assert "Hoàn thành" in vietnamese.body_text and "Xem chi tiết: " in vietnamese.body_text


def test_password_reset_follows_the_account_not_the_page(world, client, run_jobs):
    speaks_english(world.coordinator_a)
    client.post("/forgot-password", data={"email": world.coordinator_a.email})
    run_jobs("mail")  # the request only enqueues the lookup (issue 16)
    (message,) = messages_to(world.coordinator_a.email)
    assert message.subject == "Reset your Exemplar Portal password"
    assert "We received a request to reset the password of your account" in message.body_text
    assert "Set a new password" in message.body_html
    client.post("/lang/en")  # a page in English does not make a Vietnamese email English
    refresh()  # the test's app context, shared by its requests, remembers the language
    client.post("/forgot-password", data={"email": world.coordinator_b.email})
    run_jobs("mail")
    (other,) = messages_to(world.coordinator_b.email)
    assert other.subject == "Đặt lại mật khẩu Cổng điển hình tiên tiến"
    assert "Chúng tôi nhận được yêu cầu đặt lại mật khẩu" in other.body_text


def test_daily_digest_in_english_for_an_english_reader(world):
    speaks_english(world.coordinator_a)
    for person in (world.coordinator_a, world.coordinator_b):
        save_preferences(person, "digest", [])
        note = notify(person, "Nhắc hạn báo cáo năm", "", "/deadlines/")
        note.created_at = vn(2025, 12, 1, 9)
    db.session.commit()
    send_daily_digests(vn(2025, 12, 2, 8))
    db.session.expire_all()
    digests = {
        m.recipient_user_id: m
        for m in db.session.scalars(select(MailMessage).where(MailMessage.category == "digest"))
    }
    english = digests[world.coordinator_a.id]
    assert english.subject == "Notifications of 02/12/2025 (1 notification)"
    assert "Your notifications on the Exemplar Portal (1 notification, digest of 02/12/2025):" in (
        english.body_text
    )
    assert "You receive a daily digest as you chose" in english.body_html
    vietnamese = digests[world.coordinator_b.id]
    assert vietnamese.subject == "Tổng hợp thông báo ngày 02/12/2025 (1 thông báo)"
    assert "(1 thông báo, tổng hợp ngày 02/12/2025):" in vietnamese.body_text


def test_outbox_error_of_an_unsent_batch_reads_in_the_readers_language(app):
    stored = UNSENT % {"error": "SMTPServerDisconnected: lost"}
    assert stored == "Chưa gửi: thư trước đó trong cùng lượt bị lỗi (SMTPServerDisconnected: lost)"
    assert error_text(stored) == stored
    with force_locale("en"):
        assert error_text(stored) == (
            "Not sent: an earlier message of the same batch failed (SMTPServerDisconnected: lost)"
        )
        assert error_text("SMTPDataError: 451") == "SMTPDataError: 451"  # the server's words
