"""Reminders through a real SMTP server: one connection per batch, retries, failures."""

from __future__ import annotations

from email import message_from_bytes
from email.header import decode_header, make_header

from portal.extensions import db
from portal.mail.models import MailStatus
from portal.notifications.reminders import sweep_reminders
from tests.factories import make_deadline, vn

from .helpers import all_messages


def subject_of(envelope) -> str:
    parsed = message_from_bytes(envelope.original_content)
    return str(make_header(decode_header(parsed["Subject"])))


def test_batch_goes_over_one_connection(world, smtp_sink, run_jobs):
    make_deadline(world)
    sweep_reminders(vn(2025, 12, 15, 8))
    run_jobs("mail")
    assert sorted(e.rcpt_tos[0] for e in smtp_sink.received) == sorted(
        [world.coordinator_a.email, world.coordinator_b.email, world.office.email]
    )
    assert smtp_sink.connections == 1
    assert all("[Đến hạn hôm nay]" in subject_of(e) for e in smtp_sink.received)


def test_refused_then_accepted_is_retried_and_sent_once(world, smtp_sink, run_jobs_with_retries):
    smtp_sink.refuse = 2  # the first two messages of the batch are refused (451)
    make_deadline(world)
    sweep_reminders(vn(2025, 12, 15, 8))
    rounds = run_jobs_with_retries()
    assert rounds == 1  # the batch went on; one retry sent the two refused
    recipients = [e.rcpt_tos[0] for e in smtp_sink.received]
    assert len(recipients) == 3 == len(set(recipients))
    db.session.expire_all()
    messages = all_messages()
    assert {m.status for m in messages} == {MailStatus.SENT}
    assert sorted(m.attempts for m in messages) == [1, 2, 2]
    # A second sweep later that day sends nothing more.
    sweep_reminders(vn(2025, 12, 15, 9))
    run_jobs_with_retries()
    assert len(smtp_sink.received) == 3


def test_always_refused_is_marked_failed_with_the_error(world, smtp_sink, run_jobs_with_retries):
    smtp_sink.refuse = 1000
    make_deadline(world, units=[world.unit_a])
    sweep_reminders(vn(2025, 12, 8, 8))
    run_jobs_with_retries()
    db.session.expire_all()
    (message,) = all_messages()
    assert message.status == MailStatus.FAILED
    assert "451" in message.last_error
    assert message.attempts == 4  # the first try and three retries
    assert smtp_sink.received == []
