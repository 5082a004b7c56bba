"""RQ workers that run every job inside the portal's application context.

Each job gets its own app context, hence its own database session, which is
removed when the job ends. The forking worker also drops the database
connections it inherited from its parent: a forked work horse must never
reuse a socket that the parent (or another horse) is using.
"""

from __future__ import annotations

from flask import Flask, current_app
from rq import SimpleWorker, Worker
from rq.job import Job
from rq.queue import Queue

from portal.extensions import db


class AppContextMixin:
    """Runs `perform_job` inside a fresh app context of `self.app`."""

    app: Flask | None = None

    def __init__(self, *args, app: Flask | None = None, **kwargs) -> None:
        self.app = app
        super().__init__(*args, **kwargs)

    def _portal_app(self) -> Flask:
        if self.app is None:
            # Built without an app (e.g. by Worker.all): use the one in context.
            self.app = current_app._get_current_object()  # type: ignore[attr-defined]
        return self.app

    def perform_job(self, job: Job, queue: Queue, *args, **kwargs) -> bool:
        with self._portal_app().app_context():
            return super().perform_job(job, queue, *args, **kwargs)  # type: ignore[misc]


class PortalWorker(AppContextMixin, Worker):
    """The production worker: forks a work horse per job."""

    def main_work_horse(self, job: Job, queue: Queue) -> None:
        with self._portal_app().app_context():
            # close=False: the pooled connections belong to the parent; only forget them.
            for engine in db.engines.values():
                engine.dispose(close=False)
        super().main_work_horse(job, queue)


class PortalSimpleWorker(AppContextMixin, SimpleWorker):
    """Runs jobs in its own process (tests, debugging, platforms without fork)."""
