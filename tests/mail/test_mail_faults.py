"""Mail under faults, with a real relay (aiosmtpd) and real RQ workers: per-message
outcomes (550/452), a slow relay, a relay that is down, two jobs or two clicks on
the same messages. For each: the sink receives every deliverable recipient exactly
once, refused ones never, and the outbox says why."""

from __future__ import annotations

import email
import threading
from email import policy
from email.header import decode_header, make_header

import pytest
from redis import Redis
from redis.exceptions import RedisError
from sqlalchemy import select, update

from portal.extensions import db
from portal.jobs.queues import MAIL, enqueue, get_queue
from portal.jobs.recovery import sweep_outstanding_work
from portal.mail import jobs, journal, services
from portal.mail.jobs import error_text, send_batch
from portal.mail.models import MailMessage, MailStatus
from portal.mail.recovery import GRACE, LEASE, release_abandoned_claims
from portal.models_base import utcnow
from tests.factories import make_mail_message


def address(n: int) -> str:
    return f"nguoinhan{n:03d}@example.vn"


def stored(
    count: int, subject: str = "Nhắc hạn nộp báo cáo", start: int = 0, **fields
) -> list[int]:
    """`count` messages stored and handed to batch jobs, as the reminders do."""
    ids = [
        make_mail_message(address(n), subject, body_text="Nội dung", **fields).id
        for n in range(start, start + count)
    ]
    services.enqueue_send_batches(ids)
    db.session.commit()
    return ids


def statuses() -> dict[str, MailMessage]:
    db.session.expire_all()
    return {m.recipient_email: m for m in db.session.scalars(select(MailMessage))}


def test_a_550_fails_only_its_message_and_a_452_waits_for_the_retry(
    smtp_app, smtp_server, run_jobs, retries_now
):
    handler = smtp_server.handler
    handler.answers = {
        address(3): ["550 5.1.1 <nguoinhan003@example.vn>: Recipient address rejected"],
        address(10): ["452 4.2.2 Mailbox full", "250 OK"],
    }
    stored(60)

    run_jobs()

    messages = statuses()
    refused, waiting = messages[address(3)], messages[address(10)]
    assert (refused.status, refused.attempts) == (MailStatus.FAILED, 1)
    assert "550" in error_text(refused.last_error) and "rejected" in refused.last_error
    assert (waiting.status, waiting.attempts) == (MailStatus.QUEUED, 1)
    assert "452" in waiting.last_error
    counts = handler.per_recipient()
    assert len(counts) == 58 and set(counts.values()) == {1}  # the batch went on

    assert retries_now() == 1  # the 452 is retried after the backoff, the 550 never
    run_jobs()

    messages = statuses()
    counts = handler.per_recipient()
    assert counts[address(3)] == 0
    assert all(counts[address(n)] == 1 for n in range(60) if n != 3)
    assert (messages[address(10)].status, messages[address(10)].attempts) == (MailStatus.SENT, 2)
    assert messages[address(3)].attempts == 1  # a permanent refusal is not retried
    assert retries_now() == 0


def test_the_outbox_shows_why_a_message_was_refused(
    smtp_app, smtp_server, run_jobs, world, login_as
):
    smtp_server.handler.answers = {address(0): ["550 5.1.1 User unknown"]}
    stored(2, organization_id=world.org.id)
    run_jobs()

    page = login_as(world.office).get("/mail/outbox?status=failed").get_data(as_text=True)

    assert "550" in page and "User unknown" in page
    assert "1 thư trong danh sách này gửi không thành công." in page


def test_a_slow_relay_splits_the_batch_by_time(smtp_app, smtp_server, run_jobs):
    smtp_app.config["MAIL_BATCH_SECONDS"] = 0.5
    smtp_server.handler.delay = 0.15
    stored(12)

    run_jobs()

    counts = smtp_server.handler.per_recipient()
    assert [counts[address(n)] for n in range(12)] == [1] * 12
    assert all(m.status == MailStatus.SENT for m in statuses().values())
    # Each job used its own connection: the batch went on in continuation jobs.
    assert smtp_server.handler.connections >= 3


def test_a_relay_that_is_down_leaves_the_batch_to_its_retry(
    app, smtp_server, run_jobs, retries_now, point_mail_at, unused_port
):
    point_mail_at(unused_port)  # nothing listens there
    stored(5)

    run_jobs()

    waiting = statuses().values()
    assert {(m.status, m.attempts) for m in waiting} == {(MailStatus.QUEUED, 1)}
    assert all("ConnectionRefusedError" in m.last_error for m in waiting)

    point_mail_at(smtp_server.port)  # the relay is back
    assert retries_now() == 1
    run_jobs()

    assert [smtp_server.handler.per_recipient()[address(n)] for n in range(5)] == [1] * 5
    assert {m.status for m in statuses().values()} == {MailStatus.SENT}


def test_the_relay_dropping_mid_batch_stops_it_and_nothing_is_sent_twice(
    smtp_app, smtp_server, run_jobs, retries_now
):
    handler = smtp_server.handler
    handler.answers = {address(4): ["421 4.3.2 Service shutting down", "250 OK"]}
    stored(10)

    run_jobs()
    while retries_now():
        run_jobs()

    counts = handler.per_recipient()
    assert [counts[address(n)] for n in range(10)] == [1] * 10
    assert {m.status for m in statuses().values()} == {MailStatus.SENT}


def test_two_jobs_holding_the_same_messages_send_each_once(smtp_app, smtp_server, run_jobs):
    ids = stored(20)
    enqueue(send_batch, ids, queue=MAIL)  # e.g. a recovery job racing the original
    enqueue(send_batch, list(reversed(ids)), queue=MAIL)

    run_jobs()

    assert set(smtp_server.handler.per_recipient().values()) == {1}
    assert len(smtp_server.handler.received) == 20
    assert {m.attempts for m in statuses().values()} == {1}


def test_a_job_claims_a_message_before_sending_it(smtp_app, smtp_server):
    message = make_mail_message(address(0), "Thư")
    db.session.execute(
        update(MailMessage).where(MailMessage.id == message.id).values(status=MailStatus.SENDING)
    )
    db.session.commit()

    send_batch([message.id])  # another job has it: not sent here

    assert smtp_server.handler.received == []


def test_two_clicks_on_resend_send_once(smtp_app, smtp_server, world, login_as, run_jobs):
    message = make_mail_message(
        address(0), "Thư lỗi", organization_id=world.org.id, status=MailStatus.FAILED
    )
    client = login_as(world.office)

    first = client.post(f"/mail/outbox/{message.id}/resend")
    second = client.post(f"/mail/outbox/{message.id}/resend", follow_redirects=True)

    assert first.status_code == 302 and second.status_code == 200
    assert "Thư đã được đưa lại vào hàng đợi gửi." in second.get_data(as_text=True)
    assert get_queue(MAIL).count == 1
    run_jobs()
    assert smtp_server.handler.per_recipient() == {address(0): 1}


def test_the_office_resends_every_failed_message_of_a_filter_at_once(
    smtp_app, smtp_server, world, login_as, run_jobs
):
    for n in range(5):
        make_mail_message(
            address(n), "Nhắc hạn", organization_id=world.org.id, category="reminder",
            status=MailStatus.FAILED, attempts=4, last_error="ConnectionRefusedError",
        )  # fmt: skip
    other = make_mail_message(
        address(9), "Thư kiểm tra", organization_id=world.org.id, category="test",
        status=MailStatus.FAILED,
    )  # fmt: skip
    client = login_as(world.office)
    url = "/mail/outbox/resend-failed?status=failed&category=reminder"

    first = client.post(url, follow_redirects=True).get_data(as_text=True)
    second = client.post(url, follow_redirects=True).get_data(as_text=True)

    assert "Đã đưa lại 5 thư gửi không thành công vào hàng đợi gửi." in first
    assert "Đã đưa lại 0 thư gửi không thành công" in second
    run_jobs()
    counts = smtp_server.handler.per_recipient()
    assert [counts[address(n)] for n in range(5)] == [1] * 5
    assert counts[address(9)] == 0
    db.session.refresh(other)
    assert other.status == MailStatus.FAILED


def test_resend_of_a_filter_stays_in_the_organization(world, login_as, app):
    foreign = make_mail_message(
        address(0), "Thư", organization_id=world.other_org.id, status=MailStatus.FAILED
    )
    login_as(world.office).post("/mail/outbox/resend-failed?status=failed")
    db.session.refresh(foreign)
    assert foreign.status == MailStatus.FAILED


# --- recovery ------------------------------------------------------------------------


def aged(ids: list[int], job_id: str | None = "mail-lost") -> None:
    """As if the messages were stored past the grace and their job was lost."""
    db.session.execute(
        update(MailMessage)
        .where(MailMessage.id.in_(ids))
        .values(created_at=utcnow() - GRACE * 2, job_id=job_id)
    )
    db.session.commit()


def test_the_sweep_enqueues_mail_whose_job_never_reached_redis(smtp_app, smtp_server, run_jobs):
    lost = stored(3)
    no_job = stored(2, start=3)
    get_queue(MAIL).empty()  # their jobs are gone
    aged(lost)
    aged(no_job, job_id=None)
    recent = stored(1, subject="Vừa lưu", start=5)  # its own job is queued: left alone

    assert sweep_outstanding_work() == "enqueued: mail 2, announcements 0, compilations 0"
    assert sweep_outstanding_work().startswith("enqueued: mail 0")  # their jobs exist now
    run_jobs()

    counts = smtp_server.handler.per_recipient()
    assert sum(counts.values()) == 6 and set(counts.values()) == {1}
    assert all(m.status == MailStatus.SENT for m in statuses().values())
    assert recent


def test_two_sweeps_at_once_enqueue_each_message_once(smtp_app, smtp_server, run_jobs):
    ids = stored(30)
    get_queue(MAIL).empty()
    aged(ids)
    results = []

    def sweep():
        with smtp_app.app_context():
            results.append(sweep_outstanding_work())

    if db.engine.dialect.name == "postgresql":  # truly concurrent on a real server
        threads = [threading.Thread(target=sweep) for _ in range(2)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(timeout=120)
        assert not any(thread.is_alive() for thread in threads), "a sweep never returned"
    else:  # SQLite in memory: one connection, so one after the other
        sweep()
        sweep()
    run_jobs()

    assert len(smtp_server.handler.received) == 30
    assert set(smtp_server.handler.per_recipient().values()) == {1}
    assert sorted(r.split(",")[0] for r in results) in (
        ["enqueued: mail 0", "enqueued: mail 1"],
        ["enqueued: mail 1", "enqueued: mail 1"],  # both enqueued: the claims still hold
    )


def test_a_claim_left_by_a_dead_job_is_released_then_sent_once(smtp_app, smtp_server, run_jobs):
    ids = stored(2)
    get_queue(MAIL).empty()
    # One message was in the hands of a job that died (its job no longer exists).
    db.session.execute(
        update(MailMessage)
        .where(MailMessage.id == ids[0])
        .values(status=MailStatus.SENDING, claimed_at=utcnow(), job_id="mail-dead", attempts=1)
    )
    # The other's claim is fresh, but older than the lease.
    db.session.execute(
        update(MailMessage)
        .where(MailMessage.id == ids[1])
        .values(status=MailStatus.SENDING, claimed_at=utcnow() - LEASE * 2, attempts=1)
    )
    db.session.commit()
    aged(ids, job_id="mail-dead")

    assert release_abandoned_claims() == 2
    assert sweep_outstanding_work().startswith("enqueued: mail 1")
    run_jobs()

    assert smtp_server.handler.per_recipient() == {address(0): 1, address(1): 1}


def test_a_claim_of_a_running_job_is_kept_within_its_lease(app):
    from rq.job import JobStatus

    job = enqueue(send_batch, [1], queue=MAIL)
    job.set_status(JobStatus.STARTED)
    message = make_mail_message(address(0), "Thư")
    db.session.execute(
        update(MailMessage)
        .where(MailMessage.id == message.id)
        .values(status=MailStatus.SENDING, claimed_at=utcnow(), job_id=job.id)
    )
    db.session.commit()

    assert release_abandoned_claims() == 0
    db.session.execute(
        update(MailMessage).where(MailMessage.id == message.id).values(job_id="mail-gone")
    )
    db.session.commit()
    assert release_abandoned_claims() == 1


def dead_claims(count: int) -> list[int]:
    """`count` messages left 'sending' by a job that died, their lease long expired."""
    ids = stored(count)
    get_queue(MAIL).empty()
    aged(ids, job_id="mail-dead")
    db.session.execute(
        update(MailMessage)
        .where(MailMessage.id.in_(ids))
        .values(status=MailStatus.SENDING, claimed_at=utcnow() - LEASE * 2, attempts=1)
    )
    db.session.commit()
    return ids


def test_what_the_journal_says_was_accepted_is_marked_sent_not_resent(
    smtp_app, smtp_server, run_jobs
):
    ids = dead_claims(3)
    # The relay accepted the first before the job died, its group not yet committed.
    assert journal.record("mail-dead", ids[0])

    assert release_abandoned_claims() == 3
    messages = statuses()
    assert (messages[address(0)].status, messages[address(0)].backend) == (MailStatus.SENT, "smtp")
    assert {messages[address(n)].status for n in (1, 2)} == {MailStatus.QUEUED}
    assert journal.accepted("mail-dead") == set()  # cleared once recorded
    assert sweep_outstanding_work().startswith("enqueued: mail 1")
    run_jobs()

    assert smtp_server.handler.per_recipient() == {address(1): 1, address(2): 1}
    assert {m.status for m in statuses().values()} == {MailStatus.SENT}


def test_no_claim_is_released_while_the_journal_cannot_be_read(smtp_app, monkeypatch, unused_port):
    ids = dead_claims(2)
    journal.record("mail-dead", ids[0])
    unreachable = Redis(port=unused_port, socket_connect_timeout=0.5)
    monkeypatch.setattr(journal, "get_redis", lambda: unreachable)

    with pytest.raises(RedisError):
        release_abandoned_claims()  # not resent blind: it waits for Redis
    db.session.rollback()
    assert {m.status for m in statuses().values()} == {MailStatus.SENDING}

    monkeypatch.undo()  # Redis is back
    assert release_abandoned_claims() == 2
    messages = statuses()
    assert [messages[address(n)].status for n in (0, 1)] == [MailStatus.SENT, MailStatus.QUEUED]


def test_a_journal_that_cannot_be_written_commits_each_sent_at_once(
    smtp_app, smtp_server, monkeypatch, unused_port, caplog
):
    ids = stored(4)
    unreachable = Redis(port=unused_port, socket_connect_timeout=0.5)
    monkeypatch.setattr(journal, "get_redis", lambda: unreachable)
    groups = []
    settle = jobs._Batch.settle

    def counting_settle(batch):
        groups.append(len(batch.accepted))
        settle(batch)

    monkeypatch.setattr(jobs._Batch, "settle", counting_settle)

    send_batch(ids)

    assert [n for n in groups if n] == [1, 1, 1, 1]  # one commit per message
    assert caplog.text.count("not journalled; committed at once") == 4
    assert {m.status for m in statuses().values()} == {MailStatus.SENT}
    assert set(smtp_server.handler.per_recipient().values()) == {1}


# --- headers ---------------------------------------------------------------------------

SENTENCE = (
    "Thông báo kết quả tuyên truyền nhân rộng điển hình tiên tiến năm 2025 của các đơn vị "
    "trực thuộc Sở Tài nguyên và Môi trường tỉnh Quảng Bình gửi Văn phòng"
)
WORDS = SENTENCE.split(" ")


@pytest.mark.parametrize("length", range(6, len(WORDS) + 1, 3))
def test_long_vietnamese_subjects_keep_their_spaces(smtp_app, smtp_server, length):
    subjects = [" ".join(WORDS[start:length]) for start in range(4)]
    ids = [make_mail_message(address(n), s).id for n, s in enumerate(subjects)]

    send_batch(ids)

    for envelope, subject in zip(smtp_server.handler.received, subjects, strict=True):
        assert max(len(line) for line in envelope.content.split(b"\r\n")) <= 78
        modern = email.message_from_bytes(envelope.content, policy=policy.default)["subject"]
        legacy = str(
            make_header(decode_header(email.message_from_bytes(envelope.content)["subject"]))
        )
        assert modern == subject and legacy == subject
