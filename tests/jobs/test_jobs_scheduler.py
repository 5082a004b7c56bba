"""The scheduler of periodic jobs: RQ's CronScheduler fed from every periodic.py."""

from __future__ import annotations

import os
import time
from datetime import UTC, datetime, timedelta

import pytest
from croniter import croniter

from portal.extensions import db
from portal.jobs.periodic import PeriodicJob, collect_periodic_jobs
from portal.jobs.queues import DEFAULT, JOB_TIMEOUTS, LONG, QUEUE_NAMES, get_queue
from portal.jobs.scheduler import build_scheduler, live_schedulers, use_utc_clock
from portal.organizations.models import Organization


def nightly_count() -> int:
    return db.session.scalar(db.select(db.func.count(Organization.id)))


def test_periodic_jobs_are_registered_with_their_queue_and_timeout(app, redis_server):
    jobs = [PeriodicJob(nightly_count, "0 18 * * *", queue=LONG)]
    scheduler = build_scheduler(redis_server, jobs)
    [cron_job] = scheduler._cron_jobs
    assert cron_job.func is nightly_count
    assert (cron_job.cron, cron_job.queue_name) == ("0 18 * * *", LONG)
    assert cron_job.job_options["job_timeout"] == JOB_TIMEOUTS[LONG]


def test_a_due_job_is_enqueued_and_run(app, redis_server, run_jobs):
    db.session.add(Organization(name="Sở Xây dựng"))
    db.session.commit()
    scheduler = build_scheduler(redis_server, [PeriodicJob(nightly_count, "*/5 * * * *")])
    assert scheduler.enqueue_jobs() == []  # not due yet
    scheduler._cron_jobs[0].next_enqueue_time = datetime.now(UTC) - timedelta(seconds=1)

    [enqueued] = scheduler.enqueue_jobs()

    queue = get_queue(DEFAULT)
    job = queue.jobs[0]
    assert enqueued.next_enqueue_time > datetime.now(UTC)  # the next run is planned
    run_jobs(DEFAULT)
    assert job.return_value() == 1


def test_the_portals_own_periodic_jobs_are_valid(app):
    """Every capability's PERIODIC entry names a known queue, a valid cron and a
    module-level function (RQ finds it by name)."""
    for job in collect_periodic_jobs():
        assert isinstance(job, PeriodicJob)
        assert job.queue in QUEUE_NAMES, job
        assert croniter.is_valid(job.cron), job
        assert "<locals>" not in job.func.__qualname__, job
    build_scheduler(app.extensions["portal_redis"])  # registers them all without error


def test_a_living_scheduler_is_seen_then_forgotten(app, redis_server):
    scheduler = build_scheduler(redis_server, [], name="may-chu-1")
    assert live_schedulers(redis_server) == []
    scheduler.register_birth()
    [(name, heartbeat)] = live_schedulers(redis_server)
    assert name == "may-chu-1"
    assert abs(heartbeat.timestamp() - time.time()) < 5
    scheduler.register_death()
    assert live_schedulers(redis_server) == []


@pytest.fixture
def restore_timezone():
    before = os.environ.get("TZ")
    yield
    if before is None:
        os.environ.pop("TZ", None)
    else:
        os.environ["TZ"] = before
    time.tzset()


def test_the_scheduler_reads_cron_in_utc(restore_timezone):
    os.environ["TZ"] = "Asia/Ho_Chi_Minh"
    time.tzset()
    assert time.localtime().tm_gmtoff == 7 * 3600
    use_utc_clock()
    assert time.localtime().tm_gmtoff == 0
    scheduler = build_scheduler(None, [PeriodicJob(nightly_count, "0 1 * * *")])
    assert scheduler._cron_jobs[0].next_enqueue_time.hour == 1  # 01:00 UTC, not in Hà Nội
