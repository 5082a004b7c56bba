"""A dictionary that lives as long as the request being served, for what several parts
of one page read alike (the units the user sees, a council member's assignments and
years, the coordinators of the units listed).

It is kept in the request's WSGI environ, not in `g`: `g` belongs to the application
context, which outlives the request when one was already pushed (the tests, a job
that renders pages). Outside a request nothing is kept: jobs and services called
directly always read fresh data.
"""

from __future__ import annotations

from flask import has_request_context, request


def request_cache(name: str) -> dict:
    """The request's cache called `name` (a new empty one outside a request)."""
    if not has_request_context():
        return {}
    return request.environ.setdefault(f"portal.cache.{name}", {})
