"""RQ workers that run every job inside the portal's application context.

Each job gets its own app context, hence its own database session, which is
removed when the job ends. The forking worker also drops the database
connections it inherited from its parent: a forked work horse must never
reuse a socket that the parent (or another horse) is using.
"""

from __future__ import annotations

import contextlib
import logging
import os
import socket

import psutil
from flask import Flask, current_app
from redis import Redis
from rq import SimpleWorker, Worker
from rq.exceptions import InvalidJobOperation, NoSuchJobError
from rq.executions import Execution
from rq.job import Job
from rq.queue import Queue
from rq.registry import ScheduledJobRegistry, StartedJobRegistry

from portal.extensions import db
from portal.jobs import horses, stopping

log = logging.getLogger(__name__)

log = logging.getLogger(__name__)


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


# How often a worker looks for the jobs of dead workers and cleans RQ's registries
# (RQ's default is 600 s).
MAINTENANCE_INTERVAL = 60
# An idle worker waits for a job at most worker_ttl - 15 s (RQ) before it runs its
# maintenance: this makes that wait the maintenance interval. It also shortens the
# life of the key of a worker that died on another machine (its pid cannot be checked
# from here) to worker_ttl + 60 s, RQ's heartbeat.
WORKER_TTL = MAINTENANCE_INTERVAL + 15
# Only one worker at a time stops orphan horses and requeues their jobs.
DEAD_WORKERS_LOCK = "portal:requeue-dead-workers"


class GracefulStopMixin:
    """A warm shutdown (first SIGTERM/Ctrl-C) also tells the running job, so that a
    mail batch stops between two messages instead of being killed in one."""

    def request_stop(self, signum, frame) -> None:
        horse_pid = getattr(self, "horse_pid", 0)
        if horse_pid:
            with contextlib.suppress(ProcessLookupError):
                os.kill(horse_pid, stopping.STOP_SIGNAL)
        else:
            stopping.request()  # SimpleWorker: the job runs in this process
        super().request_stop(signum, frame)  # type: ignore[misc]


class PortalWorker(GracefulStopMixin, AppContextMixin, Worker):
    """The production worker: forks a work horse per job, records it (portal/jobs/
    horses.py), and at each maintenance requeues the jobs of dead workers."""

    def fork_work_horse(self, job: Job, queue: Queue) -> None:
        super().fork_work_horse(job, queue)
        horses.record_horse(self.connection, job.id, self.horse_pid, self.name)

    def execute_job(self, job: Job, queue: Queue) -> None:
        try:
            super().execute_job(job, queue)
        finally:
            horses.forget_horse(self.connection, job.id)

    def perform_job(self, job: Job, queue: Queue, *args, **kwargs) -> bool:
        try:
            return super().perform_job(job, queue, *args, **kwargs)
        finally:
            # In the horse: forgotten also when it ends after its worker died.
            horses.forget_horse(self.connection, job.id)

    def run_maintenance_tasks(self) -> None:
        found = requeue_jobs_of_dead_workers(self.connection, self.queues)
        if found:
            log.warning("Worker %s: requeued %s jobs of dead workers.", self.name, found)
        super().run_maintenance_tasks()

    def main_work_horse(self, job: Job, queue: Queue) -> None:
        try:
            stopping.install()
            with self._portal_app().app_context():
                # close=False: the pooled connections belong to the parent; only forget them.
                for engine in db.engines.values():
                    engine.dispose(close=False)
        except BaseException:
            # Never return into the parent's code from the forked child: a copy of the
            # worker (or of the test process that forked it) would run on.
            log.exception("The work horse could not be prepared for job %s.", job.id)
            os._exit(1)
        super().main_work_horse(job, queue)


class PortalSimpleWorker(GracefulStopMixin, AppContextMixin, SimpleWorker):
    """Runs jobs in its own process (tests, debugging, platforms without fork)."""


def _worker_is_dead(connection: Redis, name: str) -> bool:
    """No such worker registered any more, or one of this machine whose process is gone."""
    if not name:
        return True
    worker = Worker.find_by_key(Worker.redis_worker_namespace_prefix + name, connection=connection)
    if worker is None:
        return True
    if worker.hostname == socket.gethostname() and worker.pid:
        return not psutil.pid_exists(worker.pid) or _is_zombie(worker.pid)
    return False


def _is_zombie(pid: int) -> bool:
    try:
        return psutil.Process(pid).status() == psutil.STATUS_ZOMBIE
    except psutil.NoSuchProcess:
        return True


def requeue_jobs_of_dead_workers(connection: Redis, queues: list[Queue]) -> int:
    """Jobs still 'started' by a worker that died (kill -9 of the worker, with or
    without its work horse, a machine restart) are handed to RQ's own abandoned-job
    handling now (retried if they have retries left, else failed), rather than when
    their heartbeat expires; a work horse of such a job still running on this machine
    is stopped first, so that the job never runs twice at once. Run when a worker
    starts and at each maintenance, by one worker at a time. Returns how many."""
    lock = connection.lock(DEAD_WORKERS_LOCK, timeout=300, blocking=False)
    if not lock.acquire():
        return 0  # another worker is at it
    try:
        return sum(_requeue_dead_in(connection, queue) for queue in queues)
    finally:
        with contextlib.suppress(Exception):
            lock.release()


def _requeue_dead_in(connection: Redis, queue: Queue) -> int:
    registry = StartedJobRegistry(queue=queue)
    dead = []
    for job_id, execution_id in registry.get_job_and_execution_ids(cleanup=False):
        execution = Execution(execution_id, job_id, connection=connection)
        with contextlib.suppress(Exception):
            execution.refresh()
        if not _worker_is_dead(connection, execution.worker_name):
            continue
        if horses.stop_orphan_horse(connection, job_id):
            log.warning("Stopped the work horse of job %s: its worker is dead.", job_id)
        connection.zadd(registry.key, {execution.composite_key: 0}, xx=True)
        dead.append(job_id)
    if dead:
        registry.cleanup()
        # RQ schedules the retry after its interval (10 s); the job was not refused,
        # its worker died: run it now (a worker in burst mode would otherwise stop
        # before the retry is due).
        scheduled = ScheduledJobRegistry(queue=queue)
        for job_id in dead:
            with contextlib.suppress(InvalidJobOperation, NoSuchJobError):
                scheduled.requeue(job_id)
    return len(dead)
