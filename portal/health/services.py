"""The checks behind /healthz. Each returns a dict with `ok` and its details."""

from __future__ import annotations

from typing import Any

from redis import Redis
from rq import Queue, Worker
from sqlalchemy import text

from portal.extensions import db
from portal.jobs.connection import get_redis
from portal.jobs.queues import QUEUE_NAMES
from portal.jobs.scheduler import live_schedulers


def _error(exc: Exception) -> str:
    return f"{type(exc).__name__}: {exc}"[:300]


def check_database() -> dict[str, Any]:
    try:
        db.session.execute(text("SELECT 1"))
        db.session.rollback()
    except Exception as exc:  # the point is to report any failure, not to raise it
        db.session.rollback()
        return {"ok": False, "error": _error(exc)}
    return {"ok": True, "dialect": db.engine.dialect.name}


def check_redis(connection: Redis) -> dict[str, Any]:
    try:
        connection.ping()
    except Exception as exc:
        return {"ok": False, "error": _error(exc)}
    return {"ok": True}


def check_workers(connection: Redis) -> dict[str, Any]:
    """At least one live worker must listen on every named queue."""
    workers = Worker.all(connection=connection)
    queues = [Queue(name, connection=connection) for name in QUEUE_NAMES]
    per_queue = {queue.name: Worker.count(queue=queue) for queue in queues}
    missing = [name for name, count in per_queue.items() if count == 0]
    result: dict[str, Any] = {"ok": not missing, "count": len(workers), "queues": per_queue}
    if missing:
        result["error"] = "no worker listens on: " + ", ".join(missing)
    return result


def check_scheduler(connection: Redis) -> dict[str, Any]:
    """The scheduler of periodic jobs is alive when its heartbeat is recent."""
    alive = live_schedulers(connection)
    result: dict[str, Any] = {"ok": bool(alive), "count": len(alive)}
    if alive:
        result["last_heartbeat"] = max(seen for _, seen in alive).isoformat()
    else:
        result["error"] = "no scheduler has sent a heartbeat recently"
    return result


def health_report() -> dict[str, Any]:
    """Every check; the jobs checks only run when Redis answers."""
    connection = get_redis()
    checks: dict[str, dict[str, Any]] = {
        "database": check_database(),
        "redis": check_redis(connection),
    }
    if checks["redis"]["ok"]:
        checks["workers"] = _guarded(check_workers, connection)
        checks["scheduler"] = _guarded(check_scheduler, connection)
    else:
        skipped = {"ok": False, "error": "Redis is unavailable"}
        checks["workers"] = dict(skipped)
        checks["scheduler"] = dict(skipped)
    ok = all(check["ok"] for check in checks.values())
    return {"status": "ok" if ok else "fail", "checks": checks}


def _guarded(check, connection: Redis) -> dict[str, Any]:
    try:
        return check(connection)
    except Exception as exc:
        return {"ok": False, "error": _error(exc)}
