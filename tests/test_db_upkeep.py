"""The database's upkeep (portal/db_upkeep.py): SQLite files in WAL with
synchronous=NORMAL, in-memory databases untouched, statistics refreshed."""

from __future__ import annotations

from sqlalchemy import create_engine, text

from portal import create_app
from portal.db_upkeep import analyze, refresh_statistics
from portal.extensions import db
from tests.factories import make_exemplar


def test_a_sqlite_file_opens_in_wal_with_synchronous_normal(tmp_path, redis_server):
    url = f"sqlite:///{tmp_path / 'portal.db'}"
    app = create_app(
        "testing", overrides={"SQLALCHEMY_DATABASE_URI": url, "INSTANCE_DIR": tmp_path}
    )
    with app.app_context():
        with db.engine.connect() as connection:
            assert connection.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
            assert connection.exec_driver_sql("PRAGMA synchronous").scalar() == 1  # NORMAL
            assert connection.exec_driver_sql("PRAGMA busy_timeout").scalar() == 10000
        db.engine.dispose()


def test_an_in_memory_database_keeps_sqlite_defaults(app):
    if db.engine.dialect.name != "sqlite":
        return
    with db.engine.connect() as connection:
        assert connection.exec_driver_sql("PRAGMA journal_mode").scalar() == "memory"
        assert connection.exec_driver_sql("PRAGMA synchronous").scalar() == 2  # FULL


def test_refresh_statistics_gives_the_planner_its_statistics(app, world):
    make_exemplar(world.unit_a)
    db.session.commit()
    refresh_statistics()
    if db.engine.dialect.name == "sqlite":
        with db.engine.connect() as connection:
            tables = connection.exec_driver_sql("SELECT tbl FROM sqlite_stat1").scalars().all()
        assert "exemplars" in tables


def test_analyze_after_the_migrations_writes_sqlite_statistics(tmp_path):
    engine = create_engine(f"sqlite:///{tmp_path / 'x.db'}")
    with engine.begin() as connection:
        connection.execute(text("CREATE TABLE t (a INTEGER)"))
        connection.execute(text("CREATE INDEX ix_t_a ON t (a)"))
        connection.execute(text("INSERT INTO t VALUES (1), (2)"))
        analyze(connection)
        assert connection.execute(text("SELECT count(*) FROM sqlite_stat1")).scalar() >= 1
    engine.dispose()
