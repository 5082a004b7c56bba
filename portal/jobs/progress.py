"""Progress of long jobs, stored in `job.meta` so that pages can poll it."""

from __future__ import annotations

from rq import get_current_job


def report_progress(percent: int, step: str = "", parts: tuple[int, int] | None = None) -> None:
    """Record how far the current job is (0-100), what it is doing and, in a long
    step, which part of how many it has done (e.g. files converted)."""
    job = get_current_job()
    if job is None:
        return
    job.meta["progress"] = max(0, min(100, int(percent)))
    job.meta["step"] = step
    job.meta["parts"] = list(parts) if parts else None
    job.save_meta()


def cancel_requested() -> bool:
    """True when someone asked the current job to stop (checked between steps)."""
    job = get_current_job()
    if job is None:
        return False
    job.refresh()
    return bool(job.meta.get("cancel_requested"))
