"""Sweeps that overlap (two threads, two worker processes) against one database (a
SQLite file, or the suite's PostgreSQL) still deliver each (item, recipient, stage)
exactly once."""

from __future__ import annotations

import os
import subprocess
import sys
import threading
import time
from collections import Counter
from pathlib import Path

import pytest
from sqlalchemy import event, select

from portal import create_app
from portal.accounts.models import Role, RoleMembership, User
from portal.deadlines.models import ReminderDelivery
from portal.extensions import db
from portal.jobs.queues import enqueue
from portal.mail.models import MailMessage, MailStatus
from portal.notifications import reminders
from portal.notifications.reminders import sweep_reminders
from tests.conftest import _empty_all_tables
from tests.factories import make_deadline, vn

WORKER_SCRIPT = Path(__file__).with_name("worker_process.py")
MOMENT = vn(2025, 12, 15, 8)


def shared_database_url(tmp_path) -> str:
    """The suite's database when it is a server (PostgreSQL), else a SQLite file:
    several connections must see the same data."""
    url = os.environ.get("TEST_DATABASE_URL", "")
    if not url or url.startswith("sqlite"):
        return f"sqlite:///{tmp_path / 'portal.db'}"
    return url.replace("postgresql://", "postgresql+psycopg://", 1)


@pytest.fixture
def app(tmp_path, redis_server):
    """The suite's app, on a database that several connections share."""
    app = create_app(
        "testing",
        overrides={
            "SQLALCHEMY_DATABASE_URI": shared_database_url(tmp_path),
            "INSTANCE_DIR": tmp_path,
            "UPLOAD_DIR": tmp_path / "uploads",
        },
    )
    app.extensions["portal_redis"] = redis_server
    redis_server.flushdb()
    with app.app_context():
        if db.engine.dialect.name == "sqlite":
            # No fsync per commit: only speed; locking between connections is unchanged.
            event.listen(db.engine, "connect", _no_fsync)
        db.create_all()
        yield app
        db.session.remove()
        if db.engine.dialect.name != "sqlite":
            _empty_all_tables()
        db.engine.dispose()


@pytest.fixture
def crowd(world):
    """Two units with 12 coordinators each, and a deadline due today."""
    for unit, slug in ((world.unit_a, "a"), (world.unit_b, "b")):
        for n in range(11):
            user = User(
                organization_id=world.org.id,
                email=f"td{n}.{slug}@example.vn",
                full_name=f"Cán bộ {n} {slug}",
            )  # no password: never signs in
            user.memberships.append(RoleMembership(role=Role.COORDINATOR, unit_id=unit.id))
            db.session.add(user)
    db.session.commit()
    make_deadline(world)
    return 24 + 1  # every coordinator, and one escalation for the Office


def _no_fsync(dbapi_connection, _record) -> None:
    dbapi_connection.execute("PRAGMA synchronous=OFF")


def assert_exactly_once(expected: int) -> None:
    db.session.expire_all()
    rows = db.session.execute(
        select(
            ReminderDelivery.item_key, ReminderDelivery.recipient_user_id, ReminderDelivery.stage
        )
    ).all()
    assert len(rows) == expected == len(set(rows))
    recipients = Counter(db.session.scalars(select(MailMessage.recipient_email)))
    assert len(recipients) == expected
    assert set(recipients.values()) == {1}


@pytest.mark.slow
def test_two_threads_sweeping_at_once_send_each_reminder_once(app, crowd, monkeypatch):
    monkeypatch.setattr(reminders, "CHUNK_SIZE", 4)  # many transactions to interleave
    real_deliver = reminders.deliver

    def slow_deliver(*args, **kwargs):
        time.sleep(0.03)  # keep each chunk's transaction open while the other thread runs
        return real_deliver(*args, **kwargs)

    monkeypatch.setattr(reminders, "deliver", slow_deliver)
    real_plan = reminders.plan_reminders
    calls = []

    def plan_from_both_ends(now):
        # The second sweep walks the same reminders backwards: they meet half way.
        planned = real_plan(now)
        calls.append(now)
        return planned if len(calls) == 1 else planned[::-1]

    monkeypatch.setattr(reminders, "plan_reminders", plan_from_both_ends)
    real_chunk = reminders._deliver_chunk

    def chunk_then_pause(chunk):
        # SQLite hands its lock to whoever asks first: pausing between transactions
        # lets the other sweep in, as a busy worker would.
        delivered = real_chunk(chunk)
        time.sleep(0.1)
        return delivered

    monkeypatch.setattr(reminders, "_deliver_chunk", chunk_then_pause)
    start = threading.Barrier(2)
    errors: list[BaseException] = []
    results: list[str] = []

    def run() -> None:
        with app.app_context():
            try:
                start.wait()
                results.append(sweep_reminders(MOMENT))
            except BaseException as exc:  # reported to the test below
                errors.append(exc)
            finally:
                db.session.remove()

    threads = [threading.Thread(target=run) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    assert not errors, errors
    delivered = [int(r.split(", ")[1].split()[0]) for r in results]
    # Between them, each reminder was delivered by exactly one sweep. (Which sweep
    # wins each chunk depends on the scheduler, so the split is not asserted.)
    assert sum(delivered) == crowd, results
    assert_exactly_once(crowd)


@pytest.mark.slow
def test_two_worker_processes_send_each_reminder_once(app, crowd, redis_server, tmp_path):
    """Real SimpleWorkers in two processes take the sweeps and the mail batches."""
    for _ in range(4):
        enqueue(sweep_reminders, MOMENT.isoformat())
    db_url = app.config["SQLALCHEMY_DATABASE_URI"]
    redis_url = _url_of(redis_server)
    workers = [
        subprocess.Popen(
            [sys.executable, str(WORKER_SCRIPT), db_url, redis_url],
            cwd=Path(__file__).resolve().parents[2],
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
        )
        for _ in range(2)
    ]
    outputs = [w.communicate(timeout=180)[0] for w in workers]
    assert [w.returncode for w in workers] == [0, 0], outputs
    assert_exactly_once(crowd)
    statuses = set(db.session.scalars(select(MailMessage.status)))
    assert statuses == {MailStatus.SENT}


def _url_of(client) -> str:
    kwargs = client.connection_pool.connection_kwargs
    if "path" in kwargs:
        return f"unix://{kwargs['path']}?db={kwargs.get('db', 0)}"
    auth = f":{kwargs['password']}@" if kwargs.get("password") else ""
    host, port = kwargs.get("host", "localhost"), kwargs.get("port", 6379)
    return f"redis://{auth}{host}:{port}/{kwargs.get('db', 0)}"
