"""The bell's list, marking read, and a person's choices."""

from __future__ import annotations

from sqlalchemy import select

from portal.extensions import db
from portal.notifications.models import EmailMode, Notification, NotificationPreference
from portal.notifications.services import notify


def note_for(user, title="Nhắc hạn báo cáo", link="/deadlines/") -> Notification:
    note = notify(user, title, "Hạn 15/12/2025", link, category="reminder")
    db.session.commit()
    return note


def test_index_lists_own_notifications_with_the_unread_count(world, login_as):
    note_for(world.coordinator_a, "Thư của An")
    note_for(world.coordinator_a, "Thư thứ hai của An")
    note_for(world.coordinator_b, "Thư của Cường")
    page = login_as(world.coordinator_a).get("/notifications/").get_data(as_text=True)
    assert "Thư của An" in page and "Thư thứ hai của An" in page
    assert "Thư của Cường" not in page
    assert 'data-testid="unread-count">2<' in page


def test_every_role_has_a_list(world, login_as):
    people = (world.office, world.viewer, world.council, world.staff_a)
    for person in people:
        note_for(person, f"Thư của {person.email}")
    for person in people:
        response = login_as(person).get("/notifications/")
        assert response.status_code == 200
        page = response.get_data(as_text=True)
        for other in people:
            assert (f"Thư của {other.email}" in page) is (other is person), (person, other)


def test_read_follows_the_link_and_marks_read(world, login_as):
    note = note_for(world.coordinator_a)
    client = login_as(world.coordinator_a)
    response = client.post(f"/notifications/{note.id}/read", data={"follow": "1"})
    assert response.status_code == 302 and response.headers["Location"].endswith("/deadlines/")
    db.session.refresh(note)
    assert note.read_at is not None
    unread = client.get("/notifications/?unread=1").get_data(as_text=True)
    assert "Nhắc hạn báo cáo" not in unread


def test_read_never_redirects_off_site(world, login_as):
    note = note_for(world.coordinator_a, link="")
    response = login_as(world.coordinator_a).post(
        f"/notifications/{note.id}/read", data={"next": "https://evil.example/"}
    )
    assert response.headers["Location"].endswith("/notifications/")


def test_someone_elses_notification_is_404(world, login_as):
    note = note_for(world.coordinator_b)
    assert login_as(world.coordinator_a).post(f"/notifications/{note.id}/read").status_code == 404
    assert login_as(world.foreign_office).post(f"/notifications/{note.id}/read").status_code == 404
    db.session.refresh(note)
    assert note.read_at is None


def test_mark_all_read(world, login_as):
    for n in range(3):
        note_for(world.staff_a, f"Thông báo {n}")
    other = note_for(world.coordinator_a)
    response = login_as(world.staff_a).post("/notifications/read-all")
    assert response.status_code == 302
    unread = db.session.scalars(select(Notification).where(Notification.read_at.is_(None))).all()
    assert [n.id for n in unread] == [other.id]


def test_anonymous_cannot_see_notifications(client):
    assert client.get("/notifications/").status_code == 302
    assert client.get("/notifications/preferences").status_code == 302


def test_preferences_are_saved_and_escalations_stay_on(world, login_as):
    client = login_as(world.staff_a)
    page = client.get("/notifications/preferences").get_data(as_text=True)
    assert "Cảnh báo đến hạn, quá hạn" in page and "disabled" in page
    assert "/notifications/calendar/" not in page and "Tạo địa chỉ lịch" in page
    response = client.post(
        "/notifications/preferences",
        data={"email_mode": "digest", "emailed": ["reminder", "exemplar_status"]},
    )
    assert response.status_code == 302
    pref = db.session.scalar(
        select(NotificationPreference).where(NotificationPreference.user_id == world.staff_a.id)
    )
    assert pref.email_mode == EmailMode.DIGEST
    assert "announcement" in pref.muted_categories and "reminder" not in pref.muted_categories
    assert "escalation" not in pref.muted_categories
    # Escalations are not a choice: posting one is refused, nothing changes.
    bad = client.post(
        "/notifications/preferences", data={"email_mode": "immediate", "emailed": ["escalation"]}
    )
    assert bad.status_code == 200
    db.session.refresh(pref)
    assert pref.email_mode == EmailMode.DIGEST
