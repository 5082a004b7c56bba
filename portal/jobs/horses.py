"""Which work horse runs which job, so that a horse outliving its worker can be stopped.

RQ forks each job into a work horse with a process group of its own: when its worker
is killed (SIGKILL, OOM killer), the horse goes on running the job, unseen by RQ,
which retries the job once its heartbeat expires. Two runs of one job would then
overlap (a compilation writing the same directory twice, a mail batch racing its
retry). The worker records each horse here when it forks it and forgets it when the
horse ends; whoever finds the worker dead stops the horse before the job is
requeued (portal/jobs/workers.py).
"""

from __future__ import annotations

import contextlib
import os
import signal
import socket
import time

import psutil
from redis import Redis

from portal.jobs import stopping

KEY = "portal:horse:{job_id}"
# Kept at least as long as any job may run; forgotten at once when the horse ends.
RECORD_TTL = 24 * 3600
# How long a horse has to stop between two steps of its job (a mail batch between two
# messages) when asked; then to end after SIGTERM, before it gets SIGKILL.
STOP_GRACE = 10.0
TERM_GRACE = 5.0


def record_horse(connection: Redis, job_id: str, pid: int, worker_name: str) -> None:
    """Called by the worker right after the fork: the horse's pid, host and start time
    (the start time tells a later process that reuses the pid from the horse)."""
    try:
        started = psutil.Process(pid).create_time()
    except psutil.NoSuchProcess:
        return
    key = KEY.format(job_id=job_id)
    mapping = {"pid": pid, "host": socket.gethostname(), "worker": worker_name, "started": started}
    with connection.pipeline() as pipe:
        pipe.hset(key, mapping=mapping)
        pipe.expire(key, RECORD_TTL)
        pipe.execute()


def forget_horse(connection: Redis, job_id: str) -> None:
    connection.delete(KEY.format(job_id=job_id))


def running_horse(connection: Redis, job_id: str) -> psutil.Process | None:
    """The recorded horse of `job_id` when it still runs on this machine."""
    stored = connection.hgetall(KEY.format(job_id=job_id))
    record = {key.decode(): value.decode() for key, value in stored.items()}
    if not record or record.get("host") != socket.gethostname():
        return None
    try:
        process = psutil.Process(int(record["pid"]))
        if abs(process.create_time() - float(record["started"])) > 1:
            return None  # the pid now belongs to another process
        if process.status() == psutil.STATUS_ZOMBIE:
            return None
    except (psutil.NoSuchProcess, KeyError, ValueError):
        return None
    return process


def stop_orphan_horse(
    connection: Redis, job_id: str, grace: float = STOP_GRACE, term_grace: float = TERM_GRACE
) -> bool:
    """Stop the horse of `job_id`: first asked as a worker's warm shutdown asks (a mail
    batch stops between two messages and hands the rest to a new job), after `grace`
    seconds SIGTERM to its process group (with e.g. LibreOffice), after `term_grace`
    more SIGKILL. True when one was running."""
    horse = running_horse(connection, job_id)
    if horse is None:
        forget_horse(connection, job_id)
        return False
    with contextlib.suppress(ProcessLookupError, PermissionError):
        os.kill(horse.pid, stopping.STOP_SIGNAL)
    if not _ended(horse, grace):
        _signal_group(horse.pid, signal.SIGTERM)
        if not _ended(horse, term_grace):
            _signal_group(horse.pid, signal.SIGKILL)
            _ended(horse, term_grace)
    forget_horse(connection, job_id)
    return True


def _signal_group(pid: int, sig: signal.Signals) -> None:
    """The horse leads its own process group (RQ calls setpgrp in it)."""
    with contextlib.suppress(ProcessLookupError, PermissionError):
        os.killpg(pid, sig)
    with contextlib.suppress(ProcessLookupError, PermissionError):
        os.kill(pid, sig)


def _ended(process: psutil.Process, timeout: float) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            if process.status() == psutil.STATUS_ZOMBIE:
                return True  # dead; its new parent reaps it
        except psutil.NoSuchProcess:
            return True
        time.sleep(0.05)
    return False
