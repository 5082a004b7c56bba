"""A real `python worker.py` (forked work horse) sending a batch to a slow relay:
killed with SIGKILL (worker and horse), or stopped by a first SIGTERM as Ctrl-C of
`make run` does. Every recipient receives its message exactly once."""

from __future__ import annotations

import contextlib
import os
import signal
import subprocess
import sys
import time

import psutil
import pytest
from aiosmtpd.controller import Controller
from rq.registry import ScheduledJobRegistry, StartedJobRegistry
from sqlalchemy import select

from portal.extensions import db
from portal.jobs.queues import MAIL, QUEUE_NAMES, get_queue
from portal.jobs.workers import PortalSimpleWorker
from portal.mail import journal
from portal.mail.jobs import GROUP_SIZE
from portal.mail.models import MailMessage, MailStatus
from portal.mail.services import enqueue_send_batches
from tests.factories import make_mail_message
from tests.jobs.test_jobs_worker import file_app, redis_url  # noqa: F401 (fixture)
from tests.mail_server import RecordingHandler, free_port, use_smtp

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
COUNT = 20


@pytest.fixture
def slow_relay():
    handler = RecordingHandler(delay=0.25)
    controller = Controller(handler, hostname="127.0.0.1", port=free_port())
    controller.start()
    yield controller
    controller.stop()


STARTED: list[subprocess.Popen] = []


@pytest.fixture(autouse=True)
def _no_worker_left():
    """A worker process a test started never outlives it: left running, it would take
    the jobs and the scheduler locks of the next tests sharing this Redis."""
    yield
    while STARTED:
        process = STARTED.pop()
        children = []
        with contextlib.suppress(psutil.NoSuchProcess):
            children = psutil.Process(process.pid).children(recursive=True)
        for child in children:
            with contextlib.suppress(ProcessLookupError, PermissionError):
                os.killpg(child.pid, signal.SIGKILL)  # work horses: their own groups
        # The worker's group (its session) outlives it: a horse orphaned by a SIGKILL
        # of its worker is still in it, whether or not the worker is alive.
        with contextlib.suppress(ProcessLookupError):
            os.killpg(process.pid, signal.SIGKILL)
        process.wait(timeout=30)


def start_worker(app, redis_server, relay, *args: str) -> subprocess.Popen:
    env = dict(
        os.environ,
        DATABASE_URL=app.config["SQLALCHEMY_DATABASE_URI"],
        REDIS_URL=redis_url(redis_server),
        PORTAL_INSTANCE_DIR=str(app.config["INSTANCE_DIR"]),
        MAIL_SERVER="127.0.0.1",
        MAIL_PORT=str(relay.port),
    )
    process = subprocess.Popen(
        [sys.executable, "worker.py", "--queues", "mail", *args],
        cwd=ROOT,
        env=env,
        start_new_session=True,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    STARTED.append(process)
    return process


def wait_for(condition, timeout: float = 30) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        assert time.monotonic() < deadline, "timed out"
        time.sleep(0.05)


def queue_batch(app) -> None:
    with app.app_context():
        ids = [
            make_mail_message(f"nguoinhan{n:02d}@example.vn", "Nhắc hạn").id for n in range(COUNT)
        ]
        enqueue_send_batches(ids)
        db.session.commit()


def statuses(app) -> list[MailStatus]:
    with app.app_context():
        return [m.status for m in db.session.scalars(select(MailMessage))]


def journalled(app) -> set[int]:
    """Ids the relay accepted whose 'sent' is not committed yet (the jobs' journals)."""
    with app.app_context():
        job_ids = set(db.session.scalars(select(MailMessage.job_id).distinct())) - {None}
        return set().union(*(journal.accepted(job_id) for job_id in job_ids))


def recorded(app) -> int:
    """Messages known to be sent: committed, or in the journal awaiting their group's
    commit."""
    return statuses(app).count(MailStatus.SENT) + len(journalled(app))


def in_flight(app, relay) -> bool:
    """Every message the relay accepted is recorded, and the next one is claimed."""
    return recorded(app) == len(relay.handler.received) and MailStatus.SENDING in statuses(app)


def finish_in_process(app, redis_server, relay) -> None:
    """What a worker started afterwards does, in this process (the scheduled retry
    moved to 'due now')."""
    use_smtp(app, relay.port)
    with app.app_context():
        for name in QUEUE_NAMES:
            registry = ScheduledJobRegistry(queue=get_queue(name))
            for job_id in registry.get_job_ids():
                redis_server.zadd(registry.key, {job_id: 0})
        handlers = {sig: signal.getsignal(sig) for sig in (signal.SIGINT, signal.SIGTERM)}
        try:
            queues = [get_queue(name) for name in QUEUE_NAMES]
            PortalSimpleWorker(queues, connection=redis_server, app=app).work(
                burst=True, with_scheduler=True
            )
        finally:
            for sig, handler in handlers.items():
                signal.signal(sig, handler)


def test_sigkill_of_worker_and_horse_mid_batch_then_restart(file_app, redis_server, slow_relay):  # noqa: F811
    queue_batch(file_app)
    worker = start_worker(file_app, redis_server, slow_relay)
    wait_for(lambda: len(slow_relay.handler.received) >= 5)
    # Killed while the relay reads the next recipient (0.25 s), not in the instant
    # between a relay's "250" and the commit of "sent" (no SMTP client can close that
    # window: README, Mail).
    # The next message claimed ("sending"), not the instant between two messages.
    wait_for(lambda: in_flight(file_app, slow_relay))

    # The worker and its work horse (RQ puts the horse in a process group of its own).
    horses = psutil.Process(worker.pid).children(recursive=True)
    os.killpg(worker.pid, signal.SIGKILL)
    for horse in horses:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(horse.pid, signal.SIGKILL)
    worker.wait(timeout=60)
    with file_app.app_context():
        assert len(StartedJobRegistry(queue=get_queue(MAIL))) == 1  # RQ thinks it runs
    assert MailStatus.SENDING in statuses(file_app)  # the message in flight
    # Killed mid-group: what the relay accepted is only in the journal so far.
    assert MailStatus.SENT not in statuses(file_app)
    assert len(journalled(file_app)) == len(slow_relay.handler.received) >= 5

    # A worker that starts requeues the dead worker's job at once (RQ alone would wait
    # for the job's heartbeat to expire, then for its 10-minute maintenance).
    started = time.monotonic()
    restarted = start_worker(file_app, redis_server, slow_relay, "--burst")
    assert restarted.wait(timeout=60) == 0
    assert time.monotonic() - started < 30
    with file_app.app_context():
        assert len(StartedJobRegistry(queue=get_queue(MAIL))) == 0

    counts = slow_relay.handler.per_recipient()
    assert [counts[f"nguoinhan{n:02d}@example.vn"] for n in range(COUNT)] == [1] * COUNT
    assert set(statuses(file_app)) == {MailStatus.SENT}


def test_sigkill_at_any_instant_of_a_group_duplicates_at_most_the_message_in_flight(
    file_app,  # noqa: F811
    redis_server,
):
    """Killed at an instant not chosen (maybe between a relay's "250" and its journal
    entry), in the middle of a group whose 'sent' is not committed: nothing is lost,
    and the only message that may arrive twice is the one that was in flight."""
    count = 3 * GROUP_SIZE
    relay = Controller(RecordingHandler(delay=0.01), hostname="127.0.0.1", port=free_port())
    relay.start()
    try:
        with file_app.app_context():
            ids = [
                make_mail_message(f"nhanh{n:03d}@example.vn", "Nhắc hạn").id for n in range(count)
            ]
            enqueue_send_batches(ids)
            db.session.commit()
        worker = start_worker(file_app, redis_server, relay)
        # Well inside the second group, far from its commit.
        wait_for(
            lambda: (
                statuses(file_app).count(MailStatus.SENT) == GROUP_SIZE
                and 5 <= len(journalled(file_app)) <= GROUP_SIZE - 10
            )
        )
        horses = psutil.Process(worker.pid).children(recursive=True)
        os.killpg(worker.pid, signal.SIGKILL)
        for horse in horses:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(horse.pid, signal.SIGKILL)
        worker.wait(timeout=60)
        accepted_at_kill = len(relay.handler.received)
        with file_app.app_context():
            claimed = db.session.execute(
                select(MailMessage.id, MailMessage.recipient_email)
                .where(MailMessage.status == MailStatus.SENDING)
                .order_by(MailMessage.id)
            ).all()
        in_journal = journalled(file_app)
        assert statuses(file_app).count(MailStatus.SENT) == GROUP_SIZE  # the first group
        assert in_journal and accepted_at_kill < count
        # The first claimed message the journal does not name: the one in flight.
        in_flight = next(email for id_, email in claimed if id_ not in in_journal)

        restarted = start_worker(file_app, redis_server, relay, "--burst")
        assert restarted.wait(timeout=90) == 0

        counts = relay.handler.per_recipient()
        assert [counts[f"nhanh{n:03d}@example.vn"] >= 1 for n in range(count)] == [True] * count
        duplicated = {email: n for email, n in counts.items() if n > 1}
        assert duplicated in ({}, {in_flight: 2})
        assert set(statuses(file_app)) == {MailStatus.SENT}
        assert journalled(file_app) == set()  # cleared once recorded
    finally:
        relay.stop()


def test_a_first_sigterm_stops_the_batch_between_two_messages(file_app, redis_server, slow_relay):  # noqa: F811
    queue_batch(file_app)
    worker = start_worker(file_app, redis_server, slow_relay)
    wait_for(lambda: len(slow_relay.handler.received) >= 3)

    worker.send_signal(signal.SIGTERM)  # what the launcher does first on Ctrl-C

    assert worker.wait(timeout=10) == 0  # the horse stopped after its message
    sent_before = len(slow_relay.handler.received)
    assert sent_before < COUNT
    assert MailStatus.SENDING not in statuses(file_app)  # none left in the middle
    with file_app.app_context():
        assert get_queue(MAIL).count == 1  # the rest of the batch, as a new job
    finish_in_process(file_app, redis_server, slow_relay)

    counts = slow_relay.handler.per_recipient()
    assert [counts[f"nguoinhan{n:02d}@example.vn"] for n in range(COUNT)] == [1] * COUNT
    assert set(statuses(file_app)) == {MailStatus.SENT}
