"""No busy page loads a relationship lazily (issue 18): a lazy load in a template is
one query per row, hidden until the list grows. Every busy page is rendered on a
fresh session (nothing already in the identity map) with lazy loads turned into
errors; what a page reads is loaded by its queries (selectinload, joinedload)."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

import pytest
from sqlalchemy import event
from sqlalchemy.orm import Session

from portal.extensions import db
from sampledata.probes import login
from sampledata.programme import fill_programme

# (who, path) of the busy pages of bench/pages.py.
BUSY_PAGES = (
    ("coordinator_a", "/units/{unit}"),
    ("office", "/dashboards/units/{unit}"),
    ("office", "/dashboards/"),
    ("council", "/dashboards/council"),
    ("office", "/exemplars/?status=recognised"),
    ("office", "/exemplars/"),
    ("office", "/inspections/findings"),
    ("office", "/deadlines/matrix"),
    ("office", "/admin/audit"),
)


class LazyLoadError(AssertionError):
    pass


def _refuse(state) -> None:
    if state.is_relationship_load and state.lazy_loaded_from is not None:
        raise LazyLoadError(f"lazy load from {state.lazy_loaded_from.class_.__name__}")


@contextmanager
def lazy_loads_raise() -> Iterator[None]:
    """Inside the block, every lazy load of a relationship (a statement run on behalf
    of an object's attribute, not of a query's loader options) raises LazyLoadError."""
    event.listen(Session, "do_orm_execute", _refuse)
    try:
        yield
    finally:
        event.remove(Session, "do_orm_execute", _refuse)


@pytest.mark.parametrize(("who", "path"), BUSY_PAGES)
def test_busy_pages_load_nothing_lazily(app, world, client, who, path):
    fill_programme(world, 1)
    url = path.format(unit=world.unit_a.id)
    login(client, getattr(world, who))
    db.session.remove()  # a fresh identity map, as in a request of its own
    with lazy_loads_raise():
        response = client.get(url)
    assert response.status_code == 200, url


def test_the_guard_catches_a_lazy_load(app, world):
    """The guard itself: reading a relationship that no query loaded raises."""
    from portal.accounts.models import User

    user_id = world.office.id
    db.session.remove()
    user = db.session.get(User, user_id)
    with lazy_loads_raise(), pytest.raises(LazyLoadError):
        _ = user.organization
