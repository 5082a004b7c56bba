"""GET /healthz: the database, Redis, the workers and the scheduler, as JSON; the details
only for the Office and for monitoring with the token."""

from __future__ import annotations

import time

import pytest
from redis import Redis
from rq import Worker
from rq.cron import CronScheduler
from sqlalchemy.exc import OperationalError

from portal.extensions import db
from portal.jobs.queues import MAIL, QUEUE_NAMES, get_queue
from portal.jobs.scheduler import live_schedulers


@pytest.fixture
def worker(redis_server):
    """A live worker registered on every queue, as `python worker.py` registers."""
    live = Worker([get_queue(name) for name in QUEUE_NAMES], connection=redis_server)
    live.register_birth()
    yield live
    live.register_death()


TOKEN = "giam-sat-" + "x" * 32


@pytest.fixture
def monitor(app, client):
    """A client as the monitoring system is: with the configured token."""
    app.config["MONITORING_TOKEN"] = TOKEN
    client.environ_base["HTTP_AUTHORIZATION"] = f"Bearer {TOKEN}"
    return client


@pytest.fixture
def scheduler(redis_server):
    cron = CronScheduler(connection=redis_server)
    cron.register_birth()
    return cron


def test_all_fine_is_200(monitor, worker, scheduler):
    response = monitor.get("/healthz")
    assert response.status_code == 200
    body = response.get_json()
    assert body["status"] == "ok"
    checks = body["checks"]
    assert checks["database"]["ok"] and checks["redis"]["ok"]
    assert checks["workers"] == {"ok": True, "count": 1, "queues": {n: 1 for n in QUEUE_NAMES}}
    assert checks["scheduler"]["ok"] and checks["scheduler"]["count"] == 1
    assert response.headers["Cache-Control"] == "no-store"


def test_no_worker_is_503_with_details(monitor, scheduler):
    response = monitor.get("/healthz")
    assert response.status_code == 503
    body = response.get_json()
    assert body["status"] == "fail"
    assert body["checks"]["database"]["ok"] is True
    assert body["checks"]["redis"]["ok"] is True
    workers = body["checks"]["workers"]
    assert workers["ok"] is False and workers["count"] == 0
    assert workers["error"] == "no worker listens on: mail, default, long"


def test_a_queue_without_a_worker_is_503(monitor, redis_server, scheduler):
    only_mail = Worker([get_queue(MAIL)], connection=redis_server)
    only_mail.register_birth()
    try:
        response = monitor.get("/healthz")
    finally:
        only_mail.register_death()
    assert response.status_code == 503
    workers = response.get_json()["checks"]["workers"]
    assert workers["queues"] == {"mail": 1, "default": 0, "long": 0}
    assert workers["error"] == "no worker listens on: default, long"


def test_no_scheduler_is_503(monitor, worker):
    response = monitor.get("/healthz")
    assert response.status_code == 503
    assert response.get_json()["checks"]["scheduler"]["ok"] is False


def test_a_silent_scheduler_is_not_alive(client, redis_server, worker, scheduler):
    key = "rq:cron_schedulers"
    redis_server.zadd(key, {scheduler.name: time.time() - 600})  # last heartbeat 10 min ago
    assert live_schedulers(redis_server) == []
    assert client.get("/healthz").status_code == 503


def test_redis_down_is_503(app, monitor, redis_server, worker, scheduler):
    app.extensions["portal_redis"] = Redis(unix_socket_path="/nonexistent/redis.sock")
    response = monitor.get("/healthz")
    assert response.status_code == 503
    checks = response.get_json()["checks"]
    assert checks["database"]["ok"] is True
    assert checks["redis"]["ok"] is False and "ConnectionError" in checks["redis"]["error"]
    assert checks["workers"] == {"ok": False, "error": "Redis is unavailable"}


def test_database_down_is_503(monitor, monkeypatch, worker, scheduler):
    def broken(*args, **kwargs):
        raise OperationalError("SELECT 1", {}, Exception("could not connect to server"))

    monkeypatch.setattr(db.session, "execute", broken)
    response = monitor.get("/healthz")
    assert response.status_code == 503
    database = response.get_json()["checks"]["database"]
    assert database["ok"] is False and "could not connect" in database["error"]


def test_healthz_needs_no_login_and_answers_json_to_a_browser(app, client):
    app.config["WTF_CSRF_ENABLED"] = True
    response = client.get("/healthz", headers={"Accept": "text/html"})
    assert response.status_code in (200, 503)
    assert response.is_json
    assert client.post("/healthz").status_code == 405


def test_anonymous_gets_only_the_status_and_its_code(client, worker, scheduler):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.get_json() == {"status": "ok"}


def test_anonymous_failure_shows_no_detail(app, client, worker):
    response = client.get("/healthz")  # no scheduler
    assert response.status_code == 503
    assert response.get_json() == {"status": "fail"}


def test_a_wrong_or_unconfigured_token_gets_only_the_status(app, client, worker, scheduler):
    for configured, sent in (("", "Bearer "), (TOKEN, f"Bearer {TOKEN}x"), (TOKEN, TOKEN)):
        app.config["MONITORING_TOKEN"] = configured
        response = client.get("/healthz", headers={"Authorization": sent})
        assert response.get_json() == {"status": "ok"}, (configured, sent)


def test_the_office_reads_the_details_other_roles_do_not(world, login_as, worker, scheduler):
    for person in (world.coordinator_a, world.viewer):
        assert login_as(person).get("/healthz").get_json() == {"status": "ok"}
    body = login_as(world.office).get("/healthz").get_json()
    assert body["checks"]["database"]["dialect"] in ("sqlite", "postgresql")
    assert body["checks"]["workers"]["queues"] == {n: 1 for n in QUEUE_NAMES}
