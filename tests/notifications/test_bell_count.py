"""The bell's count is read in the statement that loads the signed-in user, and is
right on the next page after a new notification or after marking read."""

from __future__ import annotations

import re

from portal.extensions import db
from portal.notifications.services import notify


def _count(page: str) -> int:
    match = re.search(r'data-testid="unread-count">(\d+)<', page)
    assert match
    return int(match.group(1))


def _page(client, query_counter) -> tuple[str, list[str]]:
    db.session.expire_all()  # the user loaded afresh, as in a new request
    with query_counter() as statements:
        response = client.get("/notifications/preferences")
    assert response.status_code == 200
    return response.get_data(as_text=True), statements


def test_the_count_comes_with_the_user(world, login_as, query_counter):
    notify(world.staff_a, "Thư một", category="reminder")
    db.session.commit()
    client = login_as(world.staff_a)
    db.session.expunge_all()  # a new request's session: the user is not in it yet
    page, statements = _page(client, query_counter)
    assert _count(page) == 1
    counting = [s for s in statements if "count(notifications.id)" in s]
    assert len(counting) == 1 and "FROM users" in counting[0], counting


def test_new_and_read_notifications_show_on_the_next_page(world, login_as, query_counter):
    client = login_as(world.staff_a)
    assert _count(_page(client, query_counter)[0]) == 0
    first = notify(world.staff_a, "Thư một", category="reminder")
    notify(world.staff_a, "Thư hai", category="reminder")
    notify(world.coordinator_b, "Thư của người khác", category="reminder")
    db.session.commit()
    assert _count(_page(client, query_counter)[0]) == 2
    client.post(f"/notifications/{first.id}/read")
    assert _count(_page(client, query_counter)[0]) == 1
    client.post("/notifications/read-all")
    assert _count(_page(client, query_counter)[0]) == 0


def test_marking_read_forgets_the_count_read_with_the_user(world, login_as):
    from portal.notifications.services import mark_all_read, unread_count

    notify(world.staff_a, "Thư một", category="reminder")
    db.session.commit()
    world.staff_a.unread_notifications = 1  # as loaded with the user
    mark_all_read(world.staff_a)
    assert unread_count(world.staff_a) == 0
