"""Progress of long jobs, stored in `job.meta` so that pages can poll it."""

from __future__ import annotations

from rq import get_current_job


def report_progress(percent: int, step: str = "") -> None:
    """Record how far the current job is (0-100) and what it is doing."""
    job = get_current_job()
    if job is None:
        return
    job.meta["progress"] = max(0, min(100, int(percent)))
    job.meta["step"] = step
    job.save_meta()


def cancel_requested() -> bool:
    """True when someone asked the current job to stop (checked between steps)."""
    job = get_current_job()
    if job is None:
        return False
    job.refresh()
    return bool(job.meta.get("cancel_requested"))
