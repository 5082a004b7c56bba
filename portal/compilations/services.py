"""Start, follow and cancel compilations; where their files live."""

from __future__ import annotations

import os
import shutil
import socket
from datetime import UTC, timedelta

from flask_babel import gettext as _
from redis.exceptions import RedisError
from rq import Worker
from rq.exceptions import NoSuchJobError
from rq.job import Job, JobStatus

from portal.accounts.models import User
from portal.compilations.builders import builder_for
from portal.compilations.jobs import run_compilation
from portal.compilations.models import Compilation, CompilationStatus
from portal.compilations.storage import work_dir
from portal.compilations.timing import timing
from portal.extensions import db
from portal.i18n import translated
from portal.jobs import horses
from portal.jobs.connection import get_redis
from portal.jobs.queues import LONG, enqueue_after_commit
from portal.models_base import utcnow
from portal.msgids import N_
from portal.periods.models import PlanPeriod
from portal.rules import RuleError

# A forking worker beats every 30 s; two missed beats and some slack mean it is gone.
DEAD_AFTER = timedelta(seconds=90)
JOB_FAILED = N_(
    "Tiến trình tổng hợp bị dừng đột ngột (máy xử lý bị tắt, quá thời gian hoặc lỗi). "
    "Bấm Chạy lại để tổng hợp lại."
)
WORKER_DIED = N_(
    "Máy xử lý đang chạy lần tổng hợp này đã ngừng hoạt động. Bấm Chạy lại để tổng hợp lại."
)
JOB_LOST = N_("Không còn tìm thấy tiến trình tổng hợp. Bấm Chạy lại để tổng hợp lại.")


def start_compilation(
    kind: str, period: PlanPeriod, user: User, year: int | None = None
) -> Compilation:
    """Record the compilation and queue its job on the long queue (after commit)."""
    builder = builder_for(kind)
    if builder.needs_year and year not in period.years:
        raise RuleError(_("Năm không thuộc kỳ kế hoạch."))
    compilation = Compilation(
        organization_id=period.organization_id,
        period_id=period.id,
        kind=kind,
        year=year if builder.needs_year else None,
        started_by_id=user.id,
        status=CompilationStatus.QUEUED,
    )
    db.session.add(compilation)
    db.session.flush()
    compilation.job_id = f"compilation-{compilation.id}"
    compilation.inputs = builder.inputs(compilation)
    enqueue_after_commit(
        run_compilation, compilation.id, queue=LONG, job_id=compilation.job_id, retry=None
    )
    return compilation


def request_cancel(compilation: Compilation) -> None:
    """Cancel at once a queued compilation, or one whose job is gone or dead; ask a
    running job to stop between steps (it then marks itself cancelled)."""
    if compilation.is_finished:
        return
    try:
        job = _job(compilation)
        running = job is not None and compilation.status == CompilationStatus.RUNNING
        if running and _dead_reason(compilation, job):
            running = False
        if job is not None:
            job.meta["cancel_requested"] = True
            job.save_meta()
            if compilation.status == CompilationStatus.QUEUED:
                job.cancel()
    except RedisError:
        running = False  # nothing to ask: whatever runs will find the row cancelled
    if not running:
        _end(compilation, CompilationStatus.CANCELLED, step=N_("Đã hủy"))


def restart_compilation(compilation: Compilation, user: User) -> Compilation:
    """Start again, as a new compilation, one that failed or was cancelled."""
    if compilation.status not in (CompilationStatus.FAILED, CompilationStatus.CANCELLED):
        raise RuleError(_("Chỉ chạy lại được lần tổng hợp đã lỗi hoặc đã hủy."))
    return start_compilation(compilation.kind, compilation.period, user, compilation.year)


def reconcile(compilation: Compilation) -> bool:
    """Mark failed, with the reason, a queued or running compilation whose job failed
    or whose worker died (its work directory removed); True when it changed. A queued
    one whose job never reached Redis is left to the recovery sweep that enqueues it."""
    if compilation.is_finished:
        return False
    try:
        reason = _dead_reason(compilation, _job(compilation))
    except RedisError:
        return False  # cannot tell while Redis is away
    if not reason:
        return False
    _end(compilation, CompilationStatus.FAILED, step=N_("Đã dừng"), error=reason)
    return True


def reconcile_unfinished() -> int:
    """The periodic check: reconcile every queued or running compilation."""
    unfinished = db.session.scalars(
        db.select(Compilation).where(
            Compilation.status.in_([CompilationStatus.QUEUED, CompilationStatus.RUNNING])
        )
    ).all()
    return sum(reconcile(compilation) for compilation in unfinished)


def _dead_reason(compilation: Compilation, job: Job | None) -> str:
    if job is None:
        return JOB_LOST if compilation.status == CompilationStatus.RUNNING else ""
    status = job.get_status(refresh=False)
    if status in (JobStatus.FAILED, JobStatus.STOPPED, JobStatus.CANCELED):
        return JOB_FAILED
    if status == JobStatus.FINISHED:
        return JOB_LOST  # ended without marking the row (it always does when it runs)
    if status == JobStatus.STARTED and _worker_gone(job):
        if horses.running_horse(job.connection, job.id) is not None:
            # Its work horse runs on (it has a process group of its own): a worker's
            # maintenance stops it within a minute, and the job then shows failed.
            return ""
        return WORKER_DIED
    return ""


def _worker_gone(job: Job) -> bool:
    """The worker running `job` no longer exists: its key expired, its process (on this
    machine) is gone, or neither it nor the job has shown a heartbeat for a while."""
    if not job.worker_name:
        return False
    worker = Worker.find_by_key(
        Worker.redis_worker_namespace_prefix + job.worker_name, connection=job.connection
    )
    if worker is None:
        return True
    if worker.hostname == socket.gethostname() and worker.pid:
        return not _process_alive(worker.pid)
    beats = [b for b in (job.last_heartbeat, worker.last_heartbeat, job.started_at) if b]
    latest = max((b if b.tzinfo else b.replace(tzinfo=UTC) for b in beats), default=None)
    return latest is not None and utcnow() - latest > DEAD_AFTER


def _process_alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def _end(compilation: Compilation, status: CompilationStatus, **values) -> None:
    compilation.status = status
    compilation.finished_at = utcnow()
    for key, value in values.items():
        setattr(compilation, key, value)
    shutil.rmtree(work_dir(compilation), ignore_errors=True)


def live_progress(compilation: Compilation) -> dict:
    """Progress for the page: from the job's meta while it runs, else the row.
    The step is stored as a msgid and shown in the reader's language. The state comes
    with its label and tone from the one enum, and is "running" as soon as the job has
    reported progress, so that the badge never says "waiting" beside a moving bar."""
    progress, step, parts = compilation.progress, compilation.step, None
    status = compilation.status
    if status in (CompilationStatus.QUEUED, CompilationStatus.RUNNING):
        try:
            job = _job(compilation)
        except RedisError:
            job = None
        if job is not None:
            progress = int(job.meta.get("progress", progress))
            step = job.meta.get("step", step)
            parts = job.meta.get("parts")
            if status == CompilationStatus.QUEUED and ("progress" in job.meta or job.started_at):
                status = CompilationStatus.RUNNING
    step_text = translated(step)
    if parts:
        step_text = _(
            "%(step)s (%(done)s/%(total)s)", step=step_text, done=parts[0], total=parts[1]
        )
    return {
        "id": compilation.id,
        "status": status.value,
        "status_label": str(status.label),
        "tone": status.tone,
        "progress": progress,
        "step": step_text,
        "error": translated(compilation.error) if compilation.error else "",
        "finished": compilation.is_finished,
        "downloadable": compilation.status == CompilationStatus.DONE,
        **timing(compilation, status, progress),
    }


def _job(compilation: Compilation) -> Job | None:
    if not compilation.job_id:
        return None
    try:
        return Job.fetch(compilation.job_id, connection=get_redis())
    except NoSuchJobError:
        return None
