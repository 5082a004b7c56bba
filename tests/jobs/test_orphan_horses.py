"""A worker killed with SIGKILL while its work horse runs on (RQ gives the horse a
process group of its own): whoever finds the worker dead, a worker that starts or
one at its periodic maintenance, stops the horse (asked first, so that a mail batch
stops between two messages; then SIGTERM, then SIGKILL) and requeues what is left
of its job exactly once. Every recipient receives its message exactly once."""

from __future__ import annotations

import signal
import subprocess
import sys
import time

import psutil
import pytest
from aiosmtpd.controller import Controller
from rq.registry import StartedJobRegistry
from sqlalchemy import select

from portal.extensions import db
from portal.jobs import horses
from portal.jobs.queues import MAIL, get_queue
from portal.jobs.workers import PortalWorker, requeue_jobs_of_dead_workers
from portal.mail.models import MailMessage, MailStatus
from tests.jobs.test_jobs_worker import file_app, redis_url  # noqa: F401 (fixture)
from tests.jobs.test_worker_crash import (  # noqa: F401 (fixtures)
    COUNT,
    _no_worker_left,
    finish_in_process,
    queue_batch,
    start_worker,
    statuses,
    wait_for,
)
from tests.mail_server import RecordingHandler, free_port


@pytest.fixture
def slow_relay():
    """Slow enough (20 s for the batch) that the orphan horse is still sending when
    the workers started after it look for it."""
    handler = RecordingHandler(delay=1.0)
    controller = Controller(handler, hostname="127.0.0.1", port=free_port())
    controller.start()
    yield controller
    controller.stop()


def _gone(pid: int) -> bool:
    try:
        return psutil.Process(pid).status() == psutil.STATUS_ZOMBIE
    except psutil.NoSuchProcess:
        return True


def _kill_the_worker_only(app, redis_server, relay) -> tuple[int, str]:
    """Start a worker on a batch, SIGKILL the worker alone mid-batch; its horse's pid
    (still running) and the batch's job id."""
    queue_batch(app)
    worker = start_worker(app, redis_server, relay)
    wait_for(lambda: len(relay.handler.received) >= 3)
    with app.app_context():
        [job_id] = StartedJobRegistry(queue=get_queue(MAIL)).get_job_ids()
    horse = horses.running_horse(redis_server, job_id)  # recorded by the worker
    assert horse.pid in {child.pid for child in psutil.Process(worker.pid).children()}

    worker.send_signal(signal.SIGKILL)
    assert worker.wait(timeout=10) == -signal.SIGKILL
    received = len(relay.handler.received)
    wait_for(lambda: len(relay.handler.received) > received)
    assert not _gone(horse.pid)  # the orphan goes on sending
    return horse.pid, job_id


def _assert_each_recipient_once(app, relay) -> None:
    counts = relay.handler.per_recipient()
    assert [counts[f"nguoinhan{n:02d}@example.vn"] for n in range(COUNT)] == [1] * COUNT
    assert set(statuses(app)) == {MailStatus.SENT}


def test_workers_that_start_stop_the_orphan_horse_and_requeue_its_job_once(
    file_app,  # noqa: F811
    redis_server,
    slow_relay,
):
    horse_pid, job_id = _kill_the_worker_only(file_app, redis_server, slow_relay)

    # Two workers start at once: one of them stops the horse and requeues its job.
    started = time.monotonic()
    restarted = [
        start_worker(file_app, redis_server, slow_relay, "--burst", "--name", f"lai-{n}")
        for n in range(2)
    ]
    wait_for(lambda: _gone(horse_pid))
    assert len(slow_relay.handler.received) < COUNT  # stopped, not ended by itself
    assert [worker.wait(timeout=90) for worker in restarted] == [0, 0]
    assert time.monotonic() - started < 60

    assert redis_server.exists(horses.KEY.format(job_id=job_id)) == 0
    with file_app.app_context():
        assert len(StartedJobRegistry(queue=get_queue(MAIL))) == 0
        assert get_queue(MAIL).count == 0
    _assert_each_recipient_once(file_app, slow_relay)


def test_the_periodic_maintenance_of_a_live_worker_does_it_too(
    file_app,  # noqa: F811
    redis_server,
    slow_relay,
):
    horse_pid, job_id = _kill_the_worker_only(file_app, redis_server, slow_relay)
    with file_app.app_context():
        queue = get_queue(MAIL)
        live = PortalWorker([queue], connection=redis_server, app=file_app)
        live.last_cleaned_at = None

        live.run_maintenance_tasks()

        assert _gone(horse_pid)
        assert len(StartedJobRegistry(queue=queue)) == 0
        # The rest of the batch, once: a new job (the horse stopped between two
        # messages) or, for a horse that had to be killed, its own job again.
        assert queue.count == 1
        assert requeue_jobs_of_dead_workers(redis_server, [queue]) == 0  # once only
        assert queue.count == 1

    finish_in_process(file_app, redis_server, slow_relay)
    _assert_each_recipient_once(file_app, slow_relay)


def test_a_horse_that_ignores_sigterm_gets_sigkill(redis_server):
    stubborn = subprocess.Popen(
        [
            sys.executable,
            "-c",
            "import signal, time\n"
            "signal.signal(signal.SIGTERM, signal.SIG_IGN)\n"
            "signal.signal(signal.SIGUSR1, signal.SIG_IGN)\n"
            "print('ready', flush=True)\n"
            "time.sleep(60)",
        ],
        start_new_session=True,  # its own process group, as a work horse has
        stdout=subprocess.PIPE,
    )
    try:
        assert stubborn.stdout.readline() == b"ready\n"
        horses.record_horse(redis_server, "job-1", stubborn.pid, "dead-worker")

        started = time.monotonic()
        assert horses.stop_orphan_horse(redis_server, "job-1", grace=0.5, term_grace=0.5)

        assert stubborn.wait(timeout=5) == -signal.SIGKILL
        assert time.monotonic() - started < 3
        assert not horses.stop_orphan_horse(redis_server, "job-1")  # nothing left
    finally:
        if stubborn.poll() is None:
            stubborn.kill()
            stubborn.wait(timeout=5)


def test_a_reused_pid_is_not_taken_for_the_horse(redis_server):
    other = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(60)"])
    try:
        horses.record_horse(redis_server, "job-2", other.pid, "dead-worker")
        redis_server.hset(horses.KEY.format(job_id="job-2"), "started", "1000.0")

        assert not horses.stop_orphan_horse(redis_server, "job-2")

        assert other.poll() is None  # left alone
    finally:
        other.kill()
        other.wait(timeout=5)


def test_a_horse_that_ends_is_forgotten(file_app, redis_server, slow_relay):  # noqa: F811
    queue_batch(file_app)
    worker = start_worker(file_app, redis_server, slow_relay, "--burst")
    assert worker.wait(timeout=60) == 0
    assert redis_server.keys("portal:horse:*") == []
    with file_app.app_context():
        assert {m.status for m in db.session.scalars(select(MailMessage))} == {MailStatus.SENT}
