"""The portal's workers: each job in its own app context; forked horses get
their own database connections; `python worker.py` runs them."""

from __future__ import annotations

import contextvars

import pytest
from flask import current_app, has_app_context

import worker as worker_cli
from portal import create_app
from portal.extensions import db
from portal.jobs.queues import DEFAULT, MAIL, QUEUE_NAMES, enqueue, get_queue
from portal.jobs.workers import PortalSimpleWorker, PortalWorker
from portal.mail.jobs import send_email
from portal.mail.models import MailMessage, MailStatus
from tests.factories import make_mail_message


def app_name_in_job() -> str:
    return current_app.import_name if has_app_context() else "no app context"


def pooled_connections_in_horse() -> int:
    """Connections the horse's pool holds when the job starts (0 after the dispose)."""
    return db.engine.pool.checkedin()


def redis_url(connection) -> str:
    kwargs = connection.connection_pool.connection_kwargs
    if "path" in kwargs:
        return f"unix://{kwargs['path']}?db={kwargs.get('db', 0)}"
    return f"redis://{kwargs['host']}:{kwargs['port']}/{kwargs.get('db', 0)}"


@pytest.fixture
def file_app(tmp_path, redis_server):
    """An app on a SQLite file: a forked work horse cannot see an in-memory database."""
    app = create_app(
        "testing",
        overrides={
            "SQLALCHEMY_DATABASE_URI": f"sqlite:///{tmp_path / 'jobs.db'}",
            "INSTANCE_DIR": tmp_path,
        },
    )
    app.extensions["portal_redis"] = redis_server
    redis_server.flushdb()
    with app.app_context():
        db.create_all()
    yield app
    with app.app_context():
        db.engine.dispose()


def test_the_simple_worker_gives_each_job_an_app_context(file_app, redis_server):
    with file_app.app_context():
        job = enqueue(app_name_in_job)
    worker = PortalSimpleWorker([DEFAULT], connection=redis_server, app=file_app)
    # Run from an empty context: the app context can only come from the worker.
    contextvars.Context().run(worker.work, burst=True)
    assert job.return_value() == "portal"


def test_the_forked_horse_drops_the_parents_connections(file_app, redis_server):
    with file_app.app_context():
        db.session.execute(db.select(db.func.count(MailMessage.id)))
        db.session.remove()
        assert db.engine.pool.checkedin() == 1  # the parent keeps a pooled connection
        job = enqueue(pooled_connections_in_horse)
        PortalWorker([get_queue(DEFAULT)], connection=redis_server, app=file_app).work(burst=True)
    assert job.get_status() == "finished"
    assert job.return_value() == 0


def test_python_worker_py_sends_mail_in_a_forked_horse(file_app, redis_server, monkeypatch):
    monkeypatch.setenv("DATABASE_URL", file_app.config["SQLALCHEMY_DATABASE_URI"])
    monkeypatch.setenv("REDIS_URL", redis_url(redis_server))
    monkeypatch.setenv("PORTAL_INSTANCE_DIR", str(file_app.config["INSTANCE_DIR"]))
    with file_app.app_context():
        message = make_mail_message()
        enqueue(send_email, message.id, queue=MAIL)

    assert worker_cli.main(["--burst"]) == 0

    with file_app.app_context():
        stored = db.session.get(MailMessage, message.id)
        assert (stored.status, stored.backend, stored.attempts) == (MailStatus.SENT, "outbox", 1)
    assert get_queue_count(file_app, MAIL) == 0


def get_queue_count(app, name: str) -> int:
    with app.app_context():
        return get_queue(name).count


def test_worker_arguments():
    args = worker_cli.parse_args([])
    assert (args.scheduler, args.queues, args.burst) == (False, list(QUEUE_NAMES), False)
    args = worker_cli.parse_args(["--scheduler"])
    assert args.scheduler is True
    assert worker_cli.parse_args(["--queues", "mail"]).queues == ["mail"]
    with pytest.raises(SystemExit):
        worker_cli.parse_args(["--queues", "urgent"])
