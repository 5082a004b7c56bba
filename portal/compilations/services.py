"""Start, follow and cancel compilations; where their files live."""

from __future__ import annotations

from flask_babel import gettext as _
from rq.exceptions import NoSuchJobError
from rq.job import Job

from portal.accounts.models import User
from portal.compilations.builders import builder_for
from portal.compilations.jobs import run_compilation
from portal.compilations.models import Compilation, CompilationStatus
from portal.extensions import db
from portal.i18n import translated
from portal.jobs.connection import get_redis
from portal.jobs.queues import LONG, enqueue_after_commit
from portal.msgids import N_
from portal.periods.models import PlanPeriod
from portal.rules import RuleError


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
    """Cancel a queued job at once; ask a running one to stop between steps."""
    if compilation.is_finished:
        return
    job = _job(compilation)
    if job is not None:
        job.meta["cancel_requested"] = True
        job.save_meta()
        if compilation.status == CompilationStatus.QUEUED:
            job.cancel()
    if compilation.status == CompilationStatus.QUEUED or job is None:
        compilation.status = CompilationStatus.CANCELLED
        compilation.step = N_("Đã huỷ")


def live_progress(compilation: Compilation) -> dict:
    """Progress for the page: from the job's meta while it runs, else the row.
    The step is stored as a msgid and shown in the reader's language."""
    progress, step = compilation.progress, compilation.step
    if compilation.status in (CompilationStatus.QUEUED, CompilationStatus.RUNNING):
        job = _job(compilation)
        if job is not None:
            progress = int(job.meta.get("progress", progress))
            step = job.meta.get("step", step)
    return {
        "id": compilation.id,
        "status": compilation.status.value,
        "progress": progress,
        "step": translated(step),
        "error": compilation.error,
        "finished": compilation.is_finished,
        "downloadable": compilation.status == CompilationStatus.DONE,
    }


def _job(compilation: Compilation) -> Job | None:
    if not compilation.job_id:
        return None
    try:
        return Job.fetch(compilation.job_id, connection=get_redis())
    except NoSuchJobError:
        return None
