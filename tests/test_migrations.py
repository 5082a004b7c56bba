"""Migrations: `flask db upgrade` builds the schema from nothing, on SQLite and (when
TEST_DATABASE_URL is set) PostgreSQL, and that schema is exactly the models'."""

from __future__ import annotations

import os
import subprocess
import sys
import uuid

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import create_engine, inspect, text
from sqlalchemy.engine import make_url

import config
import portal.registry  # noqa: F401  (imports every model module: the metadata is complete)
from portal.extensions import db


def redis_url(connection) -> str:
    kwargs = connection.connection_pool.connection_kwargs
    if "path" in kwargs:
        return f"unix://{kwargs['path']}?db={kwargs.get('db', 0)}"
    return f"redis://{kwargs['host']}:{kwargs['port']}/{kwargs.get('db', 0)}"


def flask_db_upgrade(database_url: str, tmp_path, redis_server) -> None:
    env = dict(os.environ)
    env.pop("PORTAL_ENV", None)
    env.update(
        DATABASE_URL=database_url,
        PORTAL_INSTANCE_DIR=str(tmp_path),
        REDIS_URL=redis_url(redis_server),
    )
    result = subprocess.run(
        [sys.executable, "-m", "flask", "--app", "wsgi", "db", "upgrade"],
        cwd=config.BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        timeout=180,
    )
    assert result.returncode == 0, result.stderr[-3000:]


def differences(database_url: str) -> list:
    """What autogenerate would still write: empty when migrations and models agree."""
    engine = create_engine(config._normalise_db_url(database_url))
    try:
        with engine.connect() as conn:
            context = MigrationContext.configure(conn, opts={"compare_type": True})
            return compare_metadata(context, db.metadata)
    finally:
        engine.dispose()


def table_names(database_url: str) -> set[str]:
    engine = create_engine(config._normalise_db_url(database_url))
    try:
        return set(inspect(engine).get_table_names())
    finally:
        engine.dispose()


@pytest.fixture
def sqlite_url(tmp_path) -> str:
    return f"sqlite:///{tmp_path / 'migrated.db'}"


@pytest.fixture
def postgres_url():
    """A fresh schema in the TEST_DATABASE_URL database, dropped afterwards."""
    base = os.environ.get("TEST_DATABASE_URL", "")
    if not base.startswith("postgres"):
        pytest.skip("TEST_DATABASE_URL is not a PostgreSQL database")
    schema = f"migration_check_{uuid.uuid4().hex[:10]}"
    admin = create_engine(config._normalise_db_url(base))
    with admin.begin() as conn:
        conn.execute(text(f'CREATE SCHEMA "{schema}"'))
    url = make_url(base).update_query_dict({"options": f"-csearch_path={schema}"})
    yield url.render_as_string(hide_password=False)
    with admin.begin() as conn:
        conn.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
    admin.dispose()


@pytest.mark.slow
def test_upgrade_from_empty_on_sqlite(sqlite_url, tmp_path, redis_server):
    flask_db_upgrade(sqlite_url, tmp_path, redis_server)
    tables = table_names(sqlite_url)
    assert {"alembic_version", "organizations", "units", "users", "mail_messages"} <= tables
    assert differences(sqlite_url) == []


@pytest.mark.slow
def test_upgrade_from_empty_on_postgresql(postgres_url, tmp_path, redis_server):
    flask_db_upgrade(postgres_url, tmp_path, redis_server)
    assert {"alembic_version", "organizations", "mail_messages"} <= table_names(postgres_url)
    assert differences(postgres_url) == []


@pytest.mark.slow
def test_upgrading_twice_changes_nothing(sqlite_url, tmp_path, redis_server):
    flask_db_upgrade(sqlite_url, tmp_path, redis_server)
    before = table_names(sqlite_url)
    flask_db_upgrade(sqlite_url, tmp_path, redis_server)
    assert table_names(sqlite_url) == before
