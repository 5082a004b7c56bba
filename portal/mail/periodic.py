"""Mail that never reached the queue (Redis was down when its transaction committed)
is enqueued again by the scheduler, so that it is sent rather than left 'queued'."""

from __future__ import annotations

from portal.jobs.periodic import PeriodicJob
from portal.mail.recovery import requeue_stalled_messages

PERIODIC = [PeriodicJob(requeue_stalled_messages, "*/30 * * * *")]
