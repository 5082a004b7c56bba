"""A GET changes nothing: the language is chosen by a POST with the CSRF token, and the
notification preferences (with the calendar secret) are created by the first POST."""

from __future__ import annotations

import re

from flask_babel import refresh
from sqlalchemy import func, select

from portal.audit import AuditLog
from portal.extensions import db
from portal.notifications.models import NotificationPreference
from sampledata.probes import count_queries

WRITES = re.compile(r"^\s*(INSERT|UPDATE|DELETE)\b", re.IGNORECASE)
CSRF_FIELD = re.compile(r'name="csrf_token" value="([^"]+)"')


def count(model) -> int:
    return db.session.scalar(select(func.count()).select_from(model))


def writes_of_get(client, url: str) -> tuple[int, list[str]]:
    with count_queries() as statements:
        response = client.get(url)
    return response.status_code, [s for s in statements if WRITES.match(s)]


def test_the_preferences_page_creates_nothing_until_the_first_post(world, login_as):
    client = login_as(world.staff_a)
    audit_before = count(AuditLog)
    for _ in range(2):
        status, writes = writes_of_get(client, "/notifications/preferences")
        assert status == 200 and writes == []
    assert count(NotificationPreference) == 0
    assert count(AuditLog) == audit_before

    assert client.post("/notifications/preferences/calendar-token").status_code == 302
    pref = db.session.scalar(select(NotificationPreference))
    assert pref.user_id == world.staff_a.id and len(pref.calendar_token) >= 40
    created = db.session.scalars(
        select(AuditLog).where(AuditLog.object_type == "NotificationPreference")
    ).all()
    assert [entry.action for entry in created] == ["create"]
    assert "calendar_token" not in created[0].changes  # the secret is not in the log
    page = client.get("/notifications/preferences").get_data(as_text=True)
    assert f"/notifications/calendar/{pref.calendar_token}.ics" in page


def test_saving_the_preferences_creates_the_row_without_a_calendar_secret(world, login_as):
    client = login_as(world.staff_a)
    response = client.post(
        "/notifications/preferences", data={"email_mode": "digest", "emailed": ["reminder"]}
    )
    assert response.status_code == 302
    pref = db.session.scalar(select(NotificationPreference))
    assert pref.user_id == world.staff_a.id and pref.calendar_token is None


def test_a_get_of_the_language_address_changes_nothing(app, world, login_as):
    client = login_as(world.office)
    status, writes = writes_of_get(client, "/lang/en?next=/admin/users")
    assert status == 405 and writes == []
    db.session.refresh(world.office)
    assert world.office.locale != "en"
    with client.session_transaction() as session:
        assert "lang" not in session
    assert "Đăng xuất" in client.get("/admin/users").get_data(as_text=True)


def test_the_language_form_works_for_an_anonymous_visitor_with_csrf(app, client, world):
    app.config["WTF_CSRF_ENABLED"] = True
    login_page = client.get("/login").get_data(as_text=True)
    assert 'action="/lang/en"' in login_page
    assert client.post("/lang/en", data={"next": "/login"}).status_code == 400  # no token
    token = CSRF_FIELD.search(login_page).group(1)
    response = client.post("/lang/en", data={"csrf_token": token, "next": "/login"})
    assert response.status_code == 302 and response.headers["Location"].endswith("/login")
    refresh()  # the test's app context, shared by its requests, remembers the language
    assert "Sign in" in client.get("/login").get_data(as_text=True)


def test_the_language_form_stores_a_signed_in_persons_choice(world, login_as):
    client = login_as(world.office)
    page = client.get("/admin/users").get_data(as_text=True)
    assert 'action="/lang/en"' in page and 'name="next" value="/admin/users?"' in page
    assert client.post("/lang/en", data={"next": "/admin/users"}).status_code == 302
    db.session.refresh(world.office)
    assert world.office.locale == "en"
