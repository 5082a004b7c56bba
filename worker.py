"""Background processes of the portal, inside its application context.

    python worker.py               an RQ worker on the queues mail, default, long
    python worker.py --scheduler   the scheduler of periodic jobs (run exactly one)

Run as many workers as needed, on as many machines, all on the same Redis
(REDIS_URL); run one scheduler. `make run` starts one of each.
"""

from __future__ import annotations

import argparse
import logging
import sys

from portal import create_app
from portal.jobs.connection import redis_for
from portal.jobs.queues import QUEUE_NAMES, get_queue


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--scheduler", action="store_true", help="run the scheduler of periodic jobs"
    )
    parser.add_argument(
        "--queues",
        nargs="+",
        choices=QUEUE_NAMES,
        default=list(QUEUE_NAMES),
        help="queues to listen on, in priority order (default: all)",
    )
    parser.add_argument("--burst", action="store_true", help="stop when the queues are empty")
    parser.add_argument("--name", default=None, help="worker name shown in /healthz")
    return parser.parse_args(argv)


def run_worker(app, queue_names: list[str], burst: bool = False, name: str | None = None) -> None:
    from portal.jobs.workers import (
        MAINTENANCE_INTERVAL,
        WORKER_TTL,
        PortalWorker,
        requeue_jobs_of_dead_workers,
    )

    with app.app_context():
        connection = redis_for(app)
        queues = [get_queue(queue_name) for queue_name in queue_names]
        # Before listening: the jobs a dead worker left 'started' are retried at once.
        found = requeue_jobs_of_dead_workers(connection, queues)
        if found:
            logging.getLogger(__name__).warning("Requeued %s jobs of dead workers.", found)
        worker = PortalWorker(
            queues,
            connection=connection,
            name=name,
            app=app,
            maintenance_interval=MAINTENANCE_INTERVAL,
            worker_ttl=WORKER_TTL,
        )
        # with_scheduler moves retries waiting for their backoff back into the queues.
        worker.work(burst=burst, with_scheduler=True, logging_level="INFO")


def run_scheduler(app, max_restarts: int | None = None) -> None:
    """Run the scheduler; when Redis goes away, wait (with backoff) and start again,
    then sweep at once for the work whose jobs never reached Redis."""
    from portal.jobs.scheduler import run_surviving_redis, use_utc_clock

    use_utc_clock()
    with app.app_context():
        run_surviving_redis(redis_for(app), max_restarts=max_restarts)


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    app = create_app()
    if args.scheduler:
        run_scheduler(app)
    else:
        run_worker(app, args.queues, burst=args.burst, name=args.name)
    return 0


if __name__ == "__main__":
    sys.exit(main())
