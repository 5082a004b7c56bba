"""The one enqueue helper, enqueue-after-commit, and progress in job.meta."""

from __future__ import annotations

import pytest
from rq import Retry

from portal.extensions import db
from portal.jobs.progress import cancel_requested, report_progress
from portal.jobs.queues import DEFAULT, LONG, MAIL, enqueue, enqueue_after_commit, get_queue
from portal.organizations.models import Organization


def count_organizations() -> int:
    return db.session.scalar(db.select(db.func.count(Organization.id)))


def long_task(steps: int) -> str:
    for step in range(1, steps + 1):
        report_progress(step * 100 // steps, f"bước {step}")
    return "xong"


def cancellable() -> bool:
    return cancel_requested()


def test_enqueue_uses_the_named_queue_with_retry_and_timeout(app):
    job = enqueue(count_organizations, queue=LONG)
    assert job.origin == LONG
    assert job.timeout == 3600
    assert job.retries_left == 3 and job.retry_intervals == [10, 60, 300]
    assert get_queue(LONG).job_ids == [job.id]


def test_enqueue_without_retry(app):
    job = enqueue(count_organizations, retry=None)
    assert job.retries_left is None


def test_an_unknown_queue_is_refused(app):
    with pytest.raises(ValueError, match="unknown queue"):
        enqueue(count_organizations, queue="urgent")


def test_enqueue_after_commit_waits_for_the_commit(app):
    db.session.add(Organization(name="Sở Tư pháp"))
    enqueue_after_commit(count_organizations, queue=DEFAULT, retry=Retry(max=1))
    assert get_queue(DEFAULT).count == 0
    db.session.commit()
    assert get_queue(DEFAULT).count == 1


def test_nothing_is_enqueued_after_a_rollback(app):
    db.session.add(Organization(name="Sở Tư pháp"))
    enqueue_after_commit(count_organizations, queue=MAIL)
    db.session.rollback()
    db.session.commit()  # a later commit does not bring the dropped job back
    assert get_queue(MAIL).count == 0


def test_the_job_sees_what_was_committed(app, run_jobs):
    db.session.add(Organization(name="Sở Tư pháp"))
    enqueue_after_commit(count_organizations)
    db.session.commit()
    job = get_queue(DEFAULT).jobs[0]
    run_jobs()
    assert job.return_value() == 1


def test_progress_is_reported_in_meta(app, run_jobs):
    job = enqueue(long_task, 4, queue=LONG)
    run_jobs(LONG)
    job.refresh()
    assert job.return_value() == "xong"
    assert job.meta["progress"] == 100
    assert job.meta["step"] == "bước 4"


def test_progress_outside_a_job_is_ignored(app):
    report_progress(50, "ngoài hàng đợi")  # no job: nothing to record, no error
    assert cancel_requested() is False


def test_a_job_sees_a_cancel_request(app, run_jobs):
    job = enqueue(cancellable, meta={"cancel_requested": True})
    run_jobs()
    assert job.return_value() is True
