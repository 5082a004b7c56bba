"""What a page reads more than once is kept for its request only (portal/request_cache.py)."""

from __future__ import annotations

from portal.request_cache import request_cache


def test_a_request_keeps_its_cache_and_the_next_request_starts_empty(app):
    with app.app_context():  # one application context for both, as in the tests and jobs
        with app.test_request_context():
            request_cache("example")["key"] = 1
            assert request_cache("example") == {"key": 1}
            assert request_cache("another") == {}
        with app.test_request_context():
            assert request_cache("example") == {}


def test_nothing_is_kept_outside_a_request(app):
    with app.app_context():
        request_cache("example")["key"] = 1
        assert request_cache("example") == {}
