"""Failed sign-ins are rate-limited on the portal's Redis; successful ones are not counted."""

from __future__ import annotations

import pytest

from portal import create_app
from portal.extensions import db
from portal.jobs.connection import storage_uri
from tests.conftest import World
from tests.factories import PASSWORD


@pytest.fixture
def limited_app(tmp_path, redis_server):
    """An app with rate limiting on, storing its counters in the test Redis."""
    redis_server.flushdb()
    app = create_app(
        "testing",
        overrides={
            "INSTANCE_DIR": tmp_path,
            "RATELIMIT_ENABLED": True,
            "RATELIMIT_STORAGE_URI": storage_uri(redis_server),
            "RATELIMIT_LOGIN": "3 per minute",
        },
    )
    app.extensions["portal_redis"] = redis_server
    with app.app_context():
        db.create_all()
        world = World()
        yield app, world
        db.session.remove()
        db.drop_all()
    redis_server.flushdb()


def test_failed_logins_are_limited(limited_app, redis_server):
    app, world = limited_app
    client = app.test_client()
    for _ in range(3):
        response = client.post("/login", data={"email": "x@example.vn", "password": "sai"})
        assert response.status_code == 200
    blocked = client.post("/login", data={"email": world.office.email, "password": PASSWORD})
    assert blocked.status_code == 429
    assert "Quá nhiều yêu cầu" in blocked.get_data(as_text=True)
    # The counters live in the portal's Redis.
    assert any(b"LIMITER" in key for key in redis_server.keys("*"))
    # Reading the page is never limited.
    assert client.get("/login").status_code == 200


def test_successful_logins_do_not_count(limited_app):
    app, world = limited_app
    client = app.test_client()
    for _ in range(5):
        response = client.post("/login", data={"email": world.office.email, "password": PASSWORD})
        assert response.status_code == 302
        client.post("/logout")
    assert (
        client.post("/login", data={"email": "x@example.vn", "password": "sai"}).status_code == 200
    )
