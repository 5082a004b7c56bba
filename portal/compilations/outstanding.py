"""Queued compilations for the recovery sweep (portal/jobs/recovery.py): one whose
job never reached Redis (down when it was started) is enqueued under its own job
id, so a compilation is never run twice."""

from __future__ import annotations

from sqlalchemy import select

from portal.compilations.jobs import run_compilation
from portal.compilations.models import Compilation, CompilationStatus
from portal.extensions import db
from portal.jobs.queues import LONG
from portal.jobs.recovery import Work


def outstanding_compilations() -> list[Work]:
    rows = db.session.execute(
        select(Compilation.id, Compilation.job_id).where(
            Compilation.status == CompilationStatus.QUEUED, Compilation.job_id != ""
        )
    ).all()
    return [Work(run_compilation, (cid,), LONG, job_id, retry=None) for cid, job_id in rows]
