"""Messages whose sending job was lost are enqueued again by the scheduler."""

from __future__ import annotations

from datetime import timedelta

from portal.extensions import db
from portal.jobs.periodic import collect_periodic_jobs
from portal.jobs.queues import MAIL, get_queue
from portal.mail.models import MailMessage, MailStatus
from portal.mail.recovery import requeue_stalled_messages
from portal.models_base import utcnow
from tests.factories import make_mail_message


def stored(subject: str, age: timedelta, **fields) -> MailMessage:
    """A message written straight to the table, as if its job had never been enqueued."""
    return make_mail_message("coord.a@example.vn", subject, created_at=utcnow() - age, **fields)


def test_only_messages_never_attempted_for_an_hour_are_requeued(app, world, run_jobs):
    lost = stored("Thư bị mất việc gửi", timedelta(hours=2))
    recent = stored("Thư vừa lưu", timedelta(minutes=5))
    retrying = stored("Thư đang chờ thử lại", timedelta(hours=2), attempts=1, last_error="451")
    done = stored("Thư đã gửi", timedelta(hours=3), status=MailStatus.SENT, attempts=1)

    assert requeue_stalled_messages() == "requeued 1 stalled messages"
    assert get_queue(MAIL).count == 1
    run_jobs(MAIL)

    statuses = {m.subject: m.status for m in db.session.scalars(db.select(MailMessage))}
    assert statuses == {
        lost.subject: MailStatus.SENT,
        recent.subject: MailStatus.QUEUED,
        retrying.subject: MailStatus.QUEUED,
        done.subject: MailStatus.SENT,
    }
    assert db.session.get(MailMessage, done.id).attempts == 1  # not sent again
    assert requeue_stalled_messages() == "requeued 0 stalled messages"


def test_the_scheduler_runs_the_recovery(app):
    assert requeue_stalled_messages in [job.func for job in collect_periodic_jobs()]
