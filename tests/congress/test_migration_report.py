"""The migration of issue 12 reports, in its output, every existing congress nominee
whose title does not fit the exemplar, and deletes nothing (SQLite and PostgreSQL)."""

from __future__ import annotations

import os
import subprocess
import sys
from datetime import UTC, date, datetime

import pytest
from sqlalchemy import MetaData, create_engine, func, select
from sqlalchemy import types as sa_types

import config
from tests.test_migrations import postgres_url, redis_url, sqlite_url  # noqa: F401 (fixtures)

NOW = datetime(2025, 6, 1, tzinfo=UTC)


def _flask_db(database_url: str, tmp_path, redis_server, *args: str) -> str:
    env = dict(os.environ)
    env.pop("PORTAL_ENV", None)
    env.update(
        DATABASE_URL=database_url,
        PORTAL_INSTANCE_DIR=str(tmp_path),
        REDIS_URL=redis_url(redis_server),
    )
    result = subprocess.run(
        [sys.executable, "-m", "flask", "--app", "wsgi", "db", *args],
        cwd=config.BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        timeout=180,
    )
    assert result.returncode == 0, result.stderr[-3000:]
    return result.stdout


def _filler(column):
    kind = column.type
    if isinstance(kind, sa_types.Boolean):
        return False
    if isinstance(kind, sa_types.DateTime):
        return NOW
    if isinstance(kind, sa_types.Date):
        return date(2025, 5, 20)
    if isinstance(kind, sa_types.Integer):
        return 1
    return "x"


def _insert(conn, table, **values) -> int:
    """A row with the given values; every other NOT NULL column gets a plain value."""
    for column in table.columns:
        if column.primary_key or column.nullable or column.name in values:
            continue
        values[column.name] = _filler(column)
    return conn.execute(table.insert().values(**values)).inserted_primary_key[0]


def _legacy_data(url: str) -> int:
    """At schema 0003: a collective proposed for an individual title, and a fitting one."""
    engine = create_engine(config._normalise_db_url(url))
    meta = MetaData()
    meta.reflect(engine)
    t = meta.tables
    with engine.begin() as conn:
        org = _insert(conn, t["organizations"], name="Sở TN&MT")
        unit = _insert(conn, t["units"], organization_id=org, name="Phòng Môi trường")
        period = _insert(
            conn, t["plan_periods"], organization_id=org, name="2023-2025", start_year=2023
        )
        team = _insert(conn, t["exemplars"], unit_id=unit, kind="collective", name="Tổ Quan trắc")
        person = _insert(conn, t["exemplars"], unit_id=unit, kind="individual", name="Chị Hoa")
        cstd = _insert(
            conn, t["award_titles"], organization_id=org, code="CSTD_CS",
            name="Chiến sĩ thi đua cơ sở", audience="individual",
        )  # fmt: skip
        submission = _insert(
            conn, t["congress_submissions"], unit_id=unit, period_id=period, state="draft"
        )
        for exemplar in (team, person):
            _insert(
                conn, t["congress_nominees"], unit_id=unit, submission_id=submission,
                exemplar_id=exemplar, award_title_id=cstd, sector_delegate=True,
                provincial_delegate=False,
            )  # fmt: skip
        count = conn.execute(select(func.count()).select_from(t["congress_nominees"])).scalar()
    engine.dispose()
    return count


def _check(url: str, tmp_path, redis_server) -> None:
    _flask_db(url, tmp_path, redis_server, "upgrade", "0003")
    assert _legacy_data(url) == 2
    output = _flask_db(url, tmp_path, redis_server, "upgrade")
    assert "CẢNH BÁO: 1 đề xuất Đại hội có danh hiệu không phù hợp đối tượng" in output
    assert (
        "“Chiến sĩ thi đua cơ sở” (dành cho cá nhân) đề nghị cho tập thể “Tổ Quan trắc”" in output
    )
    assert "Chị Hoa" not in output
    engine = create_engine(config._normalise_db_url(url))
    meta = MetaData()
    meta.reflect(engine)
    nominees = meta.tables["congress_nominees"]
    with engine.connect() as conn:
        rows = dict(conn.execute(select(nominees.c.exemplar_id, nominees.c.delegate_name)).all())
    engine.dispose()
    assert len(rows) == 2  # nothing deleted
    assert sorted(rows.values()) == ["", "Chị Hoa"]  # an individual delegate is named


@pytest.mark.slow
def test_migration_reports_mismatches_on_sqlite(sqlite_url, tmp_path, redis_server):  # noqa: F811
    _check(sqlite_url, tmp_path, redis_server)


@pytest.mark.slow
def test_migration_reports_mismatches_on_postgresql(postgres_url, tmp_path, redis_server):  # noqa: F811
    _check(postgres_url, tmp_path, redis_server)
