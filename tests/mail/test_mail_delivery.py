"""Sending stored messages by job: the outbox, SMTP, retries with backoff, failure."""

from __future__ import annotations

import email
from email import policy
from email.header import decode_header, make_header
from email.utils import parseaddr

import pytest
from flask_mail import BadHeaderError
from rq.registry import FailedJobRegistry

from portal.extensions import db
from portal.jobs.queues import MAIL, enqueue, get_queue
from portal.mail import delivery, services
from portal.mail.jobs import TemporaryFailure, send_batch, send_email
from portal.mail.models import MailMessage, MailStatus
from portal.mail.outbox import queue_test_email
from portal.rules import RuleError

SUBJECT = "Thông báo: nhắc hạn nộp báo cáo điển hình tiên tiến năm 2025"
SENDER = "Trần Thị Hồng Nhung – Văn phòng Sở"


def queue(to: str = "coord.a@example.vn", subject: str = SUBJECT, **kwargs) -> MailMessage:
    """A stored message rendered from the mail package's own test template."""
    message = services.queue_email(
        to,
        subject,
        "test_message",
        recipient_name="Nguyễn Văn An",
        sender_name=SENDER,
        sent_at="15/12/2025 08:30",
        **kwargs,
    )
    db.session.commit()
    return message


def parsed(envelope) -> email.message.EmailMessage:
    return email.message_from_bytes(envelope.content, policy=policy.default)


def test_without_smtp_the_outbox_is_the_delivery(app, world, run_jobs):
    message = queue_test_email("kiemtra@example.vn", world.office)
    db.session.commit()
    assert message.status == MailStatus.QUEUED
    assert get_queue(MAIL).count == 1

    run_jobs()

    db.session.refresh(message)
    assert message.status == MailStatus.SENT
    assert message.backend == "outbox"
    assert message.attempts == 1
    assert message.sent_at is not None
    assert message.organization_id == world.org.id
    assert message.category == "test"
    assert "Văn Phòng" in message.body_text  # the sender's name, rendered in Vietnamese


def test_nothing_is_enqueued_when_the_transaction_rolls_back(app):
    services.queue_email("a@example.vn", SUBJECT, "test_message", sender_name=SENDER)
    db.session.rollback()
    assert get_queue(MAIL).count == 0
    assert db.session.scalar(db.select(db.func.count(MailMessage.id))) == 0


def test_organization_is_taken_from_the_recipient(app, world):
    message = queue(world.coordinator_a.email, user_id=world.coordinator_a.id)
    assert message.organization_id == world.org.id


def test_smtp_delivers_vietnamese_subject_and_body_intact(smtp_app, smtp_server, run_jobs):
    message = queue()

    run_jobs()

    db.session.refresh(message)
    assert message.status == MailStatus.SENT
    assert message.backend == "smtp"
    assert len(smtp_server.handler.received) == 1
    envelope = smtp_server.handler.received[0]
    assert envelope.rcpt_tos == ["coord.a@example.vn"]
    received = parsed(envelope)
    assert received["Subject"] == SUBJECT
    assert received["From"].addresses[0].display_name == "Cổng điển hình tiên tiến"
    assert received["Auto-Submitted"] == "auto-generated"
    text = received.get_body(("plain",)).get_content()
    assert "Kính gửi Nguyễn Văn An," in text
    assert f"do {SENDER} gửi lúc 15/12/2025 08:30" in text
    html = received.get_body(("html",)).get_content()
    assert "Kính gửi Nguyễn Văn An," in html
    assert "thư kiểm tra cấu hình gửi thư của Cổng điển hình tiên tiến" in html


def test_a_sent_message_is_never_sent_again(smtp_app, smtp_server, run_jobs):
    message = queue()
    run_jobs()
    enqueue(send_email, message.id, queue=MAIL)  # a duplicate job, e.g. a double click
    enqueue(send_batch, [message.id], queue=MAIL)

    run_jobs()

    db.session.refresh(message)
    assert len(smtp_server.handler.received) == 1
    assert message.attempts == 1
    assert message.status == MailStatus.SENT


def test_a_batch_goes_over_one_connection_and_skips_what_was_sent(smtp_app, smtp_server, run_jobs):
    first = queue("a@example.vn", send=False)
    second = queue("b@example.vn", send=False)
    send_batch([first.id])  # already sent before the batch
    enqueue(send_batch, [first.id, second.id], queue=MAIL)

    run_jobs()

    recipients = [e.rcpt_tos[0] for e in smtp_server.handler.received]
    assert recipients == ["a@example.vn", "b@example.vn"]
    db.session.refresh(second)
    assert second.status == MailStatus.SENT


def test_a_refusal_is_retried_after_a_backoff_then_sent(
    smtp_app, smtp_server, run_jobs, retries_now
):
    smtp_server.handler.refuse = 1
    message = queue()

    run_jobs()

    db.session.refresh(message)
    assert message.status == MailStatus.QUEUED  # waiting for its retry
    assert message.attempts == 1
    assert "451" in message.last_error
    assert retries_now() == 1  # scheduled later, not re-run at once

    run_jobs()

    db.session.refresh(message)
    assert message.status == MailStatus.SENT
    assert message.attempts == 2
    assert message.last_error == ""
    assert len(smtp_server.handler.received) == 1


def test_after_the_last_retry_the_message_is_failed(smtp_app, smtp_server, run_jobs_with_retries):
    smtp_server.handler.refuse = 100
    message = queue()

    rounds = run_jobs_with_retries()

    db.session.refresh(message)
    assert rounds == 3
    assert message.status == MailStatus.FAILED
    assert message.attempts == 4  # the first try and three retries
    assert "SMTPDataError" in message.last_error and "451" in message.last_error
    assert smtp_server.handler.received == []
    assert len(FailedJobRegistry(queue=get_queue(MAIL))) == 1


def test_an_unreachable_server_leads_to_failed(
    app, run_jobs_with_retries, point_mail_at, unused_port
):
    point_mail_at(unused_port)  # nothing listens there
    message = queue()

    run_jobs_with_retries()

    db.session.refresh(message)
    assert message.status == MailStatus.FAILED
    assert message.attempts == 4
    assert "ConnectionRefusedError" in message.last_error


def test_a_temporary_refusal_mid_batch_leaves_the_rest_of_the_batch_going(smtp_app, smtp_server):
    first = queue("a@example.vn", send=False)
    second = queue("b@example.vn", send=False)
    third = queue("c@example.vn", send=False)
    smtp_server.handler.refuse = 0
    original = smtp_server.handler.handle_DATA
    calls = []

    async def refuse_second(server, session, envelope):
        calls.append(envelope.rcpt_tos[0])
        if envelope.rcpt_tos[0] == "b@example.vn":
            return "451 4.3.0 Try again later"
        return await original(server, session, envelope)

    smtp_server.handler.handle_DATA = refuse_second
    with pytest.raises(TemporaryFailure, match="to retry 1 of 3"):
        send_batch([first.id, second.id, third.id])  # no job: this was the last attempt

    for message in (first, second, third):
        db.session.refresh(message)
    assert first.status == MailStatus.SENT
    assert (second.status, second.attempts) == (MailStatus.FAILED, 1)
    assert "451" in second.last_error
    assert (third.status, third.attempts) == (MailStatus.SENT, 1)
    assert calls == ["a@example.vn", "b@example.vn", "c@example.vn"]


def test_resend_puts_a_failed_message_back_in_the_queue(app, run_jobs):
    message = queue()
    message.status = MailStatus.FAILED
    message.last_error = "SMTPDataError: 451"
    db.session.commit()
    get_queue(MAIL).empty()

    services.resend(message)
    db.session.commit()

    assert message.status == MailStatus.QUEUED
    assert message.last_error == ""
    assert get_queue(MAIL).count == 1
    run_jobs()
    db.session.refresh(message)
    assert message.status == MailStatus.SENT


def test_resending_a_message_already_queued_again_queues_nothing(app):
    message = queue()
    get_queue(MAIL).empty()

    assert services.resend(message) is False  # e.g. the second click
    db.session.commit()

    assert message.status == MailStatus.QUEUED
    assert get_queue(MAIL).count == 0


@pytest.mark.parametrize("status", [MailStatus.SENT])
def test_only_a_failed_message_can_be_resent(app, status):
    message = queue()
    message.status = status
    db.session.commit()
    get_queue(MAIL).empty()

    with pytest.raises(RuleError, match="Chỉ gửi lại được thư đã gửi không thành công"):
        services.resend(message)
    db.session.commit()

    assert message.status == status
    assert get_queue(MAIL).count == 0


# --- the bytes sent: rendered once, headers already folded ------------------------------

LONG = "Thông báo kết quả tuyên truyền nhân rộng điển hình tiên tiến năm 2025 của các đơn vị"


@pytest.mark.parametrize(
    ("subject", "sender", "name"),
    [
        ("Nhắc hạn", "Cổng điển hình tiên tiến <no-reply@localhost>", "Cổng điển hình tiên tiến"),
        (
            LONG,
            ("Văn phòng Sở " * 6).strip() + " <vp@so.example.vn>",
            ("Văn phòng Sở " * 6).strip(),
        ),
        ("Reminder", '"Office, Department" <office@so.example.vn>', "Office, Department"),
        ("An ASCII subject far longer than one header line may hold, " * 2, "a@b.vn", ""),
        ('Trộn =?utf-8?q?x?= "dấu" ; : <>', ("Phòng Thi đua", "td@so.example.vn"), "Phòng Thi đua"),
    ],
)
@pytest.mark.parametrize("html", ["<p>Kính gửi <b>anh</b></p>", ""])
def test_the_bytes_parse_back_to_what_was_stored(app, subject, sender, name, html):
    message = MailMessage(
        recipient_email="nguoi.nhan@example.vn",
        subject=subject,
        body_text="Kính gửi anh,\nNội dung dài " + "x" * 200,
        body_html=html,
    )

    recipient, data = delivery.render(message, delivery.Sender.of(sender))
    address = sender[1] if isinstance(sender, tuple) else parseaddr(sender)[1]

    assert recipient == "nguoi.nhan@example.vn"
    assert max(len(line) for line in data.split(b"\r\n")) <= 78
    assert b"\n" not in data.replace(b"\r\n", b"")  # CRLF lines only
    for strict in (policy.default, policy.SMTP):
        received = email.message_from_bytes(data, policy=strict)
        assert received["Subject"] == subject
        assert received["To"] == "nguoi.nhan@example.vn"
        [author] = received["From"].addresses
        assert author.addr_spec == address
        if len(name.encode()) <= delivery.NAME_WORD_BYTES:  # one encoded word
            assert author.display_name == name
        assert received["Auto-Submitted"] == "auto-generated"
        assert received["Message-ID"].endswith(f"@{author.domain}>")
        assert received.get_body(("plain",)).get_content() == message.body_text
        if html:
            assert received.get_body(("html",)).get_content() == html
        else:
            assert not received.is_multipart()
    legacy = email.message_from_bytes(data)
    assert str(make_header(decode_header(legacy["Subject"]))) == subject
    # RFC 2047: the space between two encoded words is not text. (Python's own address
    # parser keeps it, so a name longer than one word reads with an extra space there.)
    assert parseaddr(str(make_header(decode_header(legacy["From"])))) == (name, address)


def test_no_header_can_be_smuggled_in_through_an_address(app):
    message = MailMessage(recipient_email="a@example.vn\r\nBcc: b@example.vn", subject="x")
    with pytest.raises(BadHeaderError):
        delivery.render(message, delivery.Sender.of("a@b.vn"))
