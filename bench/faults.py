"""Benchmark (not a test): mail under faults, at 500 recipients, with real parts.

    .venv/bin/python bench/faults.py [--recipients 500] [--only NAME ...]

Each scenario stores N messages in a temporary SQLite database (WAL), hands them to
`send_batch` jobs as the reminders do, and lets production workers
(`python worker.py --queues mail default`, forked work horses) send them to a local
aiosmtpd relay, through a Redis server of its own (redis-server on a free port, so
that it can be stopped and started). It prints, per scenario, the recipients lost
(deliverable, never received), duplicated (received more than once), refused ones
received (must be 0) and the seconds until every deliverable message was received.
Exit status 1 when anything was lost or duplicated.

Scenarios: refusals (1 % answer 550, 1 % answer 452 once), slow relay (20 ms per
recipient), relay down for 5 s at the start, worker and work horse killed with
SIGKILL mid-batch then a new worker, graceful stop (SIGTERM, as Ctrl-C of `make
run`) mid-batch then a new worker, Redis down while the messages are committed then
back with the recovery sweep, every batch enqueued twice plus two sweeps at once.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import os
import signal
import subprocess
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

import logging  # noqa: E402

import psutil  # noqa: E402
from aiosmtpd.controller import Controller  # noqa: E402
from sqlalchemy import event, insert, update  # noqa: E402

from portal import create_app  # noqa: E402
from portal.extensions import db  # noqa: E402
from portal.jobs.queues import MAIL, enqueue, get_queue  # noqa: E402
from portal.jobs.recovery import sweep_outstanding_work  # noqa: E402
from portal.mail.jobs import send_batch  # noqa: E402
from portal.mail.models import MailMessage, MailStatus  # noqa: E402
from portal.mail.recovery import GRACE  # noqa: E402
from portal.mail.services import enqueue_send_batches  # noqa: E402
from portal.models_base import utcnow  # noqa: E402
from tests.mail_server import free_port  # noqa: E402
from tests.redis_process import RedisProcess  # noqa: E402


@dataclass
class Relay:
    """aiosmtpd handler: per-recipient answers, a delay per RCPT, counts per recipient."""

    answers: dict = field(default_factory=dict)
    delay: float = 0.0
    counts: Counter = field(default_factory=Counter)

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):  # noqa: N802
        if self.delay:
            await asyncio.sleep(self.delay)
        replies = self.answers.get(address)
        if replies:
            reply = replies.pop(0) if len(replies) > 1 else replies[0]
            if not reply.startswith("250"):
                return reply
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):  # noqa: N802
        self.counts.update(envelope.rcpt_tos)
        return "250 OK"


@dataclass
class Result:
    name: str
    deliverable: int
    lost: int
    duplicated: int
    refused_received: int
    seconds: float


class Bench:
    def __init__(self, tmp: Path, recipients: int) -> None:
        self.tmp, self.n = tmp, recipients
        self.redis = RedisProcess()
        self.redis.start()
        self.relay = Relay()
        self.smtp_port = free_port()
        self.controller: Controller | None = None
        self.database_url = f"sqlite:///{tmp / 'faults.db'}"
        self.app = create_app(
            "development",
            overrides={
                "SQLALCHEMY_DATABASE_URI": self.database_url,
                "INSTANCE_DIR": tmp,
                "REDIS_URL": self.redis.url,
                "MAIL_SERVER": "127.0.0.1",
                "MAIL_PORT": self.smtp_port,
                "MAIL_BACKEND": "smtp",
            },
        )
        self.app.extensions["portal_redis"] = self.redis.client()
        self.workers: list[subprocess.Popen] = []
        with self.app.app_context():
            event.listen(db.engine, "connect", _sqlite_wal)
            db.create_all()

    # --- the parts ------------------------------------------------------------------

    def relay_up(self) -> None:
        if self.controller is None:
            self.controller = Controller(self.relay, hostname="127.0.0.1", port=self.smtp_port)
            self.controller.start()

    def relay_down(self) -> None:
        if self.controller is not None:
            self.controller.stop()
            self.controller = None

    def start_worker(self) -> subprocess.Popen:
        env = dict(
            os.environ,
            DATABASE_URL=self.database_url,
            REDIS_URL=self.redis.url,
            PORTAL_INSTANCE_DIR=str(self.tmp),
            MAIL_SERVER="127.0.0.1",
            MAIL_PORT=str(self.smtp_port),
        )
        worker = subprocess.Popen(
            [sys.executable, "worker.py", "--queues", "mail", "default"],
            cwd=ROOT,
            env=env,
            start_new_session=True,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        self.workers.append(worker)
        return worker

    def stop_workers(self) -> None:
        for worker in self.workers:
            if worker.poll() is None:
                os.killpg(worker.pid, signal.SIGKILL)
            worker.wait()
        self.workers = []

    def address(self, n: int) -> str:
        return f"nguoinhan{n:04d}@example.vn"

    def store(self, enqueue_now: bool = True) -> list[int]:
        with self.app.app_context():
            db.session.execute(MailMessage.__table__.delete())
            db.session.execute(
                insert(MailMessage),
                [
                    {
                        "recipient_email": self.address(n),
                        "subject": "Nhắc hạn nộp báo cáo kết quả tuyên truyền điển hình tiên tiến",
                        "body_text": "Kính gửi đồng chí, hạn nộp báo cáo là 15/12/2025.",
                        "category": "reminder",
                        "status": MailStatus.QUEUED,
                        "created_at": utcnow(),
                    }
                    for n in range(self.n)
                ],
            )
            ids = list(db.session.scalars(db.select(MailMessage.id).order_by(MailMessage.id)))
            if enqueue_now:
                enqueue_send_batches(ids)
            db.session.commit()
            return ids

    def sweep(self, age: bool = True) -> str:
        with self.app.app_context():
            if age:  # as a minute later: past the grace of fresh messages
                db.session.execute(update(MailMessage).values(created_at=utcnow() - GRACE * 2))
                db.session.commit()
            return sweep_outstanding_work()

    def wait(self, deliverable: set[str], timeout: float, tick: Callable | None = None) -> float:
        started = time.monotonic()
        while time.monotonic() - started < timeout:
            if all(self.relay.counts[a] for a in deliverable):
                return time.monotonic() - started
            if tick:
                tick()
            time.sleep(0.1)
        return float("nan")

    def settle(self, seconds: float = 2.0) -> None:
        time.sleep(seconds)  # anything sent twice would arrive now

    def result(self, name: str, refused: set[str], seconds: float) -> Result:
        deliverable = {self.address(n) for n in range(self.n)} - refused
        counts = self.relay.counts
        return Result(
            name,
            len(deliverable),
            lost=sum(1 for a in deliverable if counts[a] == 0),
            duplicated=sum(1 for a in deliverable | refused if counts[a] > 1),
            refused_received=sum(1 for a in refused if counts[a]),
            seconds=seconds,
        )

    def reset(self) -> None:
        self.stop_workers()
        self.relay.answers, self.relay.delay = {}, 0.0
        self.relay.counts.clear()
        self.redis.client().flushall()
        self.relay_up()

    def close(self) -> None:
        self.stop_workers()
        self.relay_down()
        self.redis.stop()


def _sqlite_wal(dbapi_connection, _record) -> None:
    dbapi_connection.execute("PRAGMA journal_mode=WAL")
    dbapi_connection.execute("PRAGMA busy_timeout=30000")


# --- scenarios -------------------------------------------------------------------------


def refusals(b: Bench) -> Result:
    step = 100
    refused = {b.address(n) for n in range(0, b.n, step)}
    b.relay.answers = {a: ["550 5.1.1 Recipient address rejected"] for a in refused}
    b.relay.answers |= {
        b.address(n): ["452 4.2.2 Mailbox full", "250 OK"] for n in range(50, b.n, step)
    }
    b.store()
    started = time.monotonic()
    b.start_worker()
    deliverable = {b.address(n) for n in range(b.n)} - refused
    b.wait(deliverable, 120)
    seconds = time.monotonic() - started
    b.settle()
    return b.result("550 for 1 %, 452 once for 1 %", refused, seconds)


def slow_relay(b: Bench) -> Result:
    b.relay.delay = 0.02
    b.store()
    started = time.monotonic()
    b.start_worker()
    seconds = b.wait({b.address(n) for n in range(b.n)}, 300)
    b.settle()
    return b.result("slow relay (20 ms a recipient)", set(), seconds or time.monotonic() - started)


def relay_down(b: Bench) -> Result:
    b.relay_down()
    b.store()
    started = time.monotonic()
    b.start_worker()
    time.sleep(5)
    b.relay_up()
    b.wait({b.address(n) for n in range(b.n)}, 180)
    seconds = time.monotonic() - started
    b.settle()
    return b.result("relay down for the first 5 s", set(), seconds)


def _kill_mid_batch(b: Bench, how: int, name: str, horse_too: bool = True) -> Result:
    b.relay.delay = 0.01
    b.store()
    started = time.monotonic()
    worker = b.start_worker()
    b.wait({b.address(n) for n in range(b.n // 5)}, 120)
    if how == signal.SIGKILL and not horse_too:
        os.kill(worker.pid, signal.SIGKILL)  # its horse runs on until a worker stops it
    elif how == signal.SIGKILL:
        # The worker and its work horse (RQ puts the horse in a process group of its own).
        horses = psutil.Process(worker.pid).children(recursive=True)
        os.killpg(worker.pid, signal.SIGKILL)
        for horse in horses:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(horse.pid, signal.SIGKILL)
    else:
        os.kill(worker.pid, signal.SIGTERM)  # Ctrl-C of make run: the first signal
    worker.wait()
    b.start_worker()
    b.wait({b.address(n) for n in range(b.n)}, 300)
    seconds = time.monotonic() - started
    b.settle()
    return b.result(name, set(), seconds)


def sigkill(b: Bench) -> Result:
    return _kill_mid_batch(b, signal.SIGKILL, "SIGKILL of worker + horse at 20 %, restart")


def orphan(b: Bench) -> Result:
    return _kill_mid_batch(
        b, signal.SIGKILL, "SIGKILL of the worker alone at 20 %, restart", horse_too=False
    )


def graceful(b: Bench) -> Result:
    return _kill_mid_batch(b, signal.SIGTERM, "SIGTERM (Ctrl-C) at 20 %, restart")


def redis_down(b: Bench) -> Result:
    b.redis.stop()
    started = time.monotonic()
    b.store()  # committed; the enqueue after the commit fails and is left to the sweep
    b.redis.start()
    b.start_worker()
    b.sweep()  # the scheduler's sweep when Redis is back
    b.wait({b.address(n) for n in range(b.n)}, 120)
    seconds = time.monotonic() - started
    b.settle()
    return b.result("Redis down at commit (data lost), sweep", set(), seconds)


def twice(b: Bench) -> Result:
    ids = b.store()
    with b.app.app_context():
        for start in range(0, len(ids), 200):
            enqueue(send_batch, ids[start : start + 200], queue=MAIL)  # a second job each
        get_queue(MAIL)
    started = time.monotonic()
    b.start_worker()
    b.start_worker()  # two workers racing over the same messages
    b.sweep()
    b.sweep()
    b.wait({b.address(n) for n in range(b.n)}, 120)
    seconds = time.monotonic() - started
    b.settle()
    return b.result("every batch twice, 2 workers, 2 sweeps", set(), seconds)


SCENARIOS = {
    "refusals": refusals,
    "slow": slow_relay,
    "relay-down": relay_down,
    "sigkill": sigkill,
    "orphan": orphan,
    "graceful": graceful,
    "redis-down": redis_down,
    "twice": twice,
}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--recipients", type=int, default=500)
    parser.add_argument("--only", nargs="+", choices=list(SCENARIOS))
    args = parser.parse_args(argv)
    logging.getLogger("mail.log").setLevel(logging.WARNING)  # aiosmtpd's session log
    results = []
    with tempfile.TemporaryDirectory(prefix="portal-faults-") as tmp:
        bench = Bench(Path(tmp), args.recipients)
        try:
            for name in args.only or SCENARIOS:
                bench.reset()
                results.append(SCENARIOS[name](bench))
                r = results[-1]
                print(
                    f"{r.name:<45} deliverable {r.deliverable:>4}  lost {r.lost:>3}  "
                    f"duplicated {r.duplicated:>3}  refused received {r.refused_received:>2}  "
                    f"all delivered in {r.seconds:6.1f} s",
                    flush=True,
                )
        finally:
            bench.close()
    bad = [r for r in results if r.lost or r.duplicated or r.refused_received]
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
