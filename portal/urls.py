"""Redirect targets: only local paths are ever followed."""

from __future__ import annotations

from urllib.parse import urlsplit

from flask import url_for


def is_local_path(target: str | None) -> bool:
    if not target or not target.startswith("/") or target.startswith("//"):
        return False
    if "\\" in target or any(ord(ch) < 32 for ch in target):
        return False
    parts = urlsplit(target)
    return not parts.scheme and not parts.netloc


def safe_next_url(target: str | None, default_endpoint: str = "home.index") -> str:
    return target if is_local_path(target) else url_for(default_endpoint)


def path_for(endpoint: str, **values: object) -> str:
    """The path of `endpoint`, usable outside a request (jobs, emails)."""
    from flask import current_app

    adapter = current_app.url_map.bind("localhost", script_name="/")
    return adapter.build(endpoint, values)
