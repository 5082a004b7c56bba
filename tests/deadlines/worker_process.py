"""A real RQ SimpleWorker in its own process, for the concurrency test.

Usage: python worker_process.py <database url> <redis url>
Works the default and mail queues in burst mode inside the portal's app context.
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from redis import Redis  # noqa: E402
from rq import SimpleWorker  # noqa: E402

from portal import create_app  # noqa: E402
from portal.jobs.queues import get_queue  # noqa: E402


def main(database_url: str, redis_url: str) -> int:
    app = create_app("testing", overrides={"SQLALCHEMY_DATABASE_URI": database_url})
    connection = Redis.from_url(redis_url)
    app.extensions["portal_redis"] = connection
    with app.app_context():
        queues = [get_queue("default"), get_queue("mail")]
        worker = SimpleWorker(queues, connection=connection)
        worker.work(burst=True)
        failed = sum(q.failed_job_registry.count for q in queues)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1], sys.argv[2]))
