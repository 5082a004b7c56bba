"""Where links point: redirect targets (only local paths are followed) and absolute
links on the portal's public address (emails, calendar feeds, documents, jobs).

The public address is PORTAL_BASE_URL. The factory derives Flask's SERVER_NAME,
APPLICATION_ROOT and PREFERRED_URL_SCHEME from it, so `url_for` works in any app
context (a job builds `url_for("x.y")` like a page does) and absolute links are
Flask's own external URLs.
"""

from __future__ import annotations

from collections.abc import Callable, MutableMapping
from urllib.parse import urlsplit

from flask import current_app, url_for


def set_public_address(config: MutableMapping) -> None:
    """SERVER_NAME, APPLICATION_ROOT and PREFERRED_URL_SCHEME from PORTAL_BASE_URL.

    Flask 3.1 does not turn away requests for another host because of SERVER_NAME,
    so the test client and a proxy that forwards another Host are unaffected."""
    public = urlsplit(config["PORTAL_BASE_URL"])
    config["SERVER_NAME"] = public.netloc
    config["APPLICATION_ROOT"] = public.path or "/"
    config["PREFERRED_URL_SCHEME"] = public.scheme or "http"


def external_url(endpoint: str, **values: object) -> str:
    """The absolute link to `endpoint` on the public address.

    Built as Flask builds it outside a request, even when called inside one: the
    Host header of the current request (which anyone can forge) never reaches an
    email such as a password-reset link."""
    adapter = current_app.create_url_adapter(None)
    return adapter.build(endpoint, values, force_external=True)


def absolute_url(path: str) -> str:
    """The absolute link of a portal path built earlier by `url_for` and stored (a
    notification's or a due item's link): the path already holds APPLICATION_ROOT."""
    if path.startswith(("http://", "https://")):
        return path
    config = current_app.config
    return f"{config['PREFERRED_URL_SCHEME']}://{config['SERVER_NAME']}{path}"


def is_local_path(target: str | None) -> bool:
    if not target or not target.startswith("/") or target.startswith("//"):
        return False
    if "\\" in target or any(ord(ch) < 32 for ch in target):
        return False
    parts = urlsplit(target)
    return not parts.scheme and not parts.netloc


def safe_next_url(target: str | None, default_endpoint: str = "home.index") -> str:
    return target if is_local_path(target) else url_for(default_endpoint)


# Stands for the id in `url_pattern`'s arguments: a number no id reaches.
ID = 987_654_321


def url_pattern(endpoint: str, **values: object) -> Callable[[int], str]:
    """`url_for(endpoint, **values)` for many ids at the cost of one url_for: the
    URL is built once with `ID` in place of the id, which each call replaces. For
    links repeated per row of a large matrix (issue 18: the dashboards spent a
    tenth of their time in url_for)."""
    head, mark, tail = url_for(endpoint, **values).partition(str(ID))
    assert mark, f"{endpoint}: one argument must be urls.ID"

    def make(value: int) -> str:
        return f"{head}{int(value)}{tail}"

    return make
