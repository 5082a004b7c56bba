"""Periodic jobs: each capability lists its own in `portal/<capability>/periodic.py`
as `PERIODIC = [PeriodicJob(...)]`; the scheduler started by worker.py runs them."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from portal.jobs.queues import DEFAULT


@dataclass(frozen=True)
class PeriodicJob:
    func: Callable[..., Any]
    cron: str  # standard 5-field cron expression, evaluated in UTC
    queue: str = DEFAULT
    args: tuple = ()


def collect_periodic_jobs() -> list[PeriodicJob]:
    from portal import CAPABILITIES, capability_module

    jobs: list[PeriodicJob] = []
    for name in CAPABILITIES:
        module = capability_module(name, "periodic")
        if module is not None:
            jobs.extend(getattr(module, "PERIODIC", []))
    return jobs
