"""The compilations' periodic check: a queued or running compilation whose job failed
or whose worker died is shown failed within a minute (services.reconcile)."""

from __future__ import annotations

from portal.compilations.services import reconcile_unfinished
from portal.extensions import db
from portal.jobs.periodic import PeriodicJob


def fail_dead_compilations() -> int:
    changed = reconcile_unfinished()
    db.session.commit()
    return changed


PERIODIC = [PeriodicJob(fail_dead_compilations, "* * * * *")]
