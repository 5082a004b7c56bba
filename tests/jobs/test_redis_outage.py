"""Redis is optional for the web: a real Redis server is stopped (losing what it
held) and started again during a request, a sweep and the scheduler. What people
did is committed, answered with the normal page, and done once when Redis is back."""

from __future__ import annotations

import os
import signal
import threading

import pytest
from rq import Queue, SimpleWorker
from rq.job import Job
from sqlalchemy import func, select, update

from portal.compilations import builders
from portal.compilations.models import Compilation, CompilationStatus
from portal.compilations.services import start_compilation
from portal.extensions import db
from portal.jobs.queues import DEFERRED, LONG, QUEUE_NAMES
from portal.jobs.recovery import SWEEP_JOB_ID, sweep_outstanding_work
from portal.jobs.scheduler import run_surviving_redis
from portal.mail.models import MailMessage, MailStatus
from portal.mail.recovery import GRACE
from portal.models_base import utcnow
from portal.notifications.models import Announcement, AnnouncementDelivery, AnnouncementStatus
from tests import redis_process

own_redis = redis_process.own_redis

DEFERRED_TEXT = "việc sẽ được bắt đầu trong ít phút"
assert DEFERRED_TEXT in DEFERRED


def run_all(connection) -> None:
    """A real RQ worker, in burst mode, on the test's own Redis."""
    handlers = {sig: signal.getsignal(sig) for sig in (signal.SIGINT, signal.SIGTERM)}
    try:
        queues = [Queue(name, connection=connection) for name in QUEUE_NAMES]
        SimpleWorker(queues, connection=connection).work(burst=True, with_scheduler=True)
    finally:
        for sig, handler in handlers.items():
            signal.signal(sig, handler)


def past_the_grace() -> None:
    db.session.execute(update(MailMessage).values(created_at=utcnow() - GRACE * 2))
    db.session.commit()


def test_a_test_email_while_redis_is_down_is_sent_once_when_it_is_back(
    app, world, login_as, own_redis
):
    client = login_as(world.office)
    own_redis.stop()

    response = client.post(
        "/mail/test", data={"email": "kiemtra@example.vn"}, follow_redirects=True
    )

    page = response.get_data(as_text=True)
    assert response.status_code == 200
    assert "Đã đưa thư kiểm tra gửi kiemtra@example.vn vào hàng đợi." in page
    assert DEFERRED_TEXT in page
    (message,) = db.session.scalars(select(MailMessage)).all()
    assert message.status == MailStatus.QUEUED and message.job_id

    own_redis.start()
    past_the_grace()
    assert sweep_outstanding_work().startswith("enqueued: mail 1")
    assert sweep_outstanding_work().startswith("enqueued: mail 0")
    run_all(own_redis.client())

    db.session.refresh(message)
    assert (message.status, message.attempts) == (MailStatus.SENT, 1)


def test_forgot_password_while_redis_is_down_answers_the_normal_page(app, world, own_redis):
    own_redis.stop()

    response = app.test_client().post(
        "/forgot-password", data={"email": world.coordinator_a.email}, follow_redirects=True
    )

    assert response.status_code == 200
    assert DEFERRED_TEXT in response.get_data(as_text=True)
    (message,) = db.session.scalars(select(MailMessage)).all()
    assert message.category == "password_reset" and message.status == MailStatus.QUEUED
    # Recovered within minutes (the sweep runs every minute), not after an hour.
    assert GRACE.total_seconds() <= 120


def test_forgot_password_for_an_unknown_address_while_redis_is_down_answers_alike(
    app, world, own_redis
):
    own_redis.stop()

    response = app.test_client().post(
        "/forgot-password", data={"email": "khong-co@example.vn"}, follow_redirects=True
    )

    assert response.status_code == 200
    assert DEFERRED_TEXT in response.get_data(as_text=True)  # as for a known address
    assert db.session.scalars(select(MailMessage)).all() == []


def test_an_announcement_sent_while_redis_is_down_reaches_everyone_once(
    app, world, login_as, own_redis
):
    client = login_as(world.office)
    client.post(
        "/notifications/announcements/new",
        data={"title": "Lịch Đại hội", "body": "Khai mạc 8 giờ.", "to_coordinators": "y",
              "all_units": "y"},
    )  # fmt: skip
    announcement = db.session.scalar(select(Announcement))
    own_redis.stop()

    response = client.post(f"/notifications/announcements/{announcement.id}/send")

    assert response.status_code == 302
    db.session.refresh(announcement)
    assert announcement.status == AnnouncementStatus.QUEUED
    own_redis.start()
    assert "announcements 1" in sweep_outstanding_work()
    assert "announcements 0" in sweep_outstanding_work()  # its job is queued now
    run_all(own_redis.client())
    past_the_grace()
    sweep_outstanding_work()  # the emails' own jobs exist: nothing more
    run_all(own_redis.client())

    db.session.refresh(announcement)
    assert announcement.status == AnnouncementStatus.SENT
    deliveries = db.session.scalar(select(func.count(AnnouncementDelivery.id)))
    emails = db.session.execute(
        select(MailMessage.recipient_email, func.count())
        .where(MailMessage.category == "announcement", MailMessage.status == MailStatus.SENT)
        .group_by(MailMessage.recipient_email)
    ).all()
    assert deliveries == 2 and len(emails) == 2 and {n for _, n in emails} == {1}


@pytest.fixture
def quick_builder():
    builders.register_builder(
        "test_outage", builders.Builder(label="t", inputs=lambda c: {}, steps=lambda c: [])
    )
    yield
    builders.BUILDERS.pop("test_outage", None)


def test_a_compilation_started_while_redis_is_down_is_enqueued_once(
    app, world, own_redis, quick_builder
):
    own_redis.stop()
    compilation = start_compilation("test_outage", world.period, world.office)
    db.session.commit()  # the commit does not fail: the job is left to the sweep

    own_redis.start()
    assert "compilations 1" in sweep_outstanding_work()
    assert "compilations 0" in sweep_outstanding_work()
    job = Job.fetch(compilation.job_id, connection=own_redis.client())
    assert job.origin == LONG and job.args == (compilation.id,)
    run_all(own_redis.client())
    db.session.refresh(compilation)
    assert compilation.status == CompilationStatus.DONE
    assert "compilations 0" in sweep_outstanding_work()
    assert db.session.scalar(select(func.count(Compilation.id))) == 1


def test_redis_stopping_during_a_sweep_loses_nothing(app, own_redis):
    from tests.factories import make_mail_message

    for n in range(3):
        make_mail_message(f"nguoinhan{n}@example.vn", "Thư", job_id="mail-lost")
    past_the_grace()
    own_redis.stop()
    with pytest.raises(Exception, match="(?i)connect"):
        sweep_outstanding_work()

    own_redis.start()
    assert sweep_outstanding_work().startswith("enqueued: mail 1")
    run_all(own_redis.client())

    messages = db.session.scalars(select(MailMessage)).all()
    for message in messages:
        db.session.refresh(message)
    assert {(m.status, m.attempts) for m in messages} == {(MailStatus.SENT, 1)}


def test_the_scheduler_survives_an_outage_and_sweeps_when_redis_is_back(app, own_redis):
    own_redis.stop()
    waits = []

    def sleep(seconds):
        waits.append(seconds)
        if len(waits) == 2:
            own_redis.start()
            # Stop the scheduler a moment after it started again (as Ctrl-C would).
            threading.Timer(1.0, os.kill, (os.getpid(), signal.SIGTERM)).start()

    handlers = {sig: signal.getsignal(sig) for sig in (signal.SIGINT, signal.SIGTERM)}
    try:
        restarts = run_surviving_redis(own_redis.client(), sleep=sleep)
    finally:
        for sig, handler in handlers.items():
            signal.signal(sig, handler)

    assert restarts == 2 and waits == [1, 2]  # backoff, then running again
    job = Job.fetch(SWEEP_JOB_ID, connection=own_redis.client())
    assert job.func_name.endswith("sweep_outstanding_work")
