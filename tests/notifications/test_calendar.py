"""The personal iCalendar feed, parsed back with icalendar."""

from __future__ import annotations

from datetime import date, timedelta

from icalendar import Calendar

from portal.deadlines.services import mark_done
from portal.extensions import db
from portal.models_base import utcnow
from tests.factories import make_deadline, make_exemplar, make_fostering_action, vn


def feed_url(client) -> str:
    """The person's feed address; the first time, created by the page's button (a GET
    of the page creates nothing)."""
    page = client.get("/notifications/preferences").get_data(as_text=True)
    if "/notifications/calendar/" not in page:
        assert client.post("/notifications/preferences/calendar-token").status_code == 302
        page = client.get("/notifications/preferences").get_data(as_text=True)
    start = page.index("/notifications/calendar/")
    return page[start : page.index('"', start)]


def events(client, url) -> dict[str, object]:
    response = client.get(url)
    assert response.status_code == 200
    assert response.mimetype == "text/calendar"
    calendar = Calendar.from_ical(response.data)
    return {str(e["summary"]): e for e in calendar.walk("VEVENT")}


def test_coordinator_feed_lists_their_deadlines_with_status(world, login_as, app):
    everyone = make_deadline(world, title="Tự đánh giá năm 2025", due_at=vn(2026, 12, 15, 17))
    make_deadline(
        world, title="Chỉ cho Thanh tra", units=[world.unit_b], due_at=vn(2026, 12, 1, 17)
    )
    done = make_deadline(
        world, title="Đăng ký điển hình", units=[world.unit_a], due_at=utcnow() + timedelta(days=5)
    )
    mark_done(done, world.unit_a.id, world.office)
    make_deadline(
        world,
        title="Của Sở khác",
        organization_id=world.other_org.id,
        period_id=world.foreign_period.id,
    )
    url = feed_url(login_as(world.coordinator_a))
    anonymous = app.test_client()
    found = events(anonymous, url)  # no login: the token is enough
    assert set(found) == {"Tự đánh giá năm 2025", "[Đã hoàn thành] Đăng ký điển hình"}
    event = found["Tự đánh giá năm 2025"]
    assert event.decoded("dtstart") == vn(2026, 12, 15, 17)
    assert str(event["uid"]) == f"deadline-{everyone.id}@127.0.0.1"
    assert "Phòng Môi trường" in str(event["description"])
    assert str(event["url"]).startswith("http://127.0.0.1:5000/deadlines/")
    assert event.walk("VALARM")  # a reminder the day before


def test_office_feed_lists_every_deadline_of_the_organization(world, login_as):
    make_deadline(
        world, title="Chỉ cho Thanh tra", units=[world.unit_b], due_at=vn(2026, 12, 1, 17)
    )
    make_deadline(world, title="Toàn Sở", due_at=vn(2026, 12, 15, 17))
    client = login_as(world.office)
    assert set(events(client, feed_url(client))) == {"Chỉ cho Thanh tra", "Toàn Sở"}


def test_feed_includes_the_actions_a_person_owns(world, login_as):
    exemplar = make_exemplar(
        world.unit_a, "Tổ đo đạc bản đồ", status="candidate", year_identified=2026
    )
    make_fostering_action(
        exemplar,
        "Hỗ trợ thiết bị đo",
        support_type="technical",
        owner_user_id=world.staff_a.id,
        due_date=date(2026, 12, 20),
    )
    db.session.commit()
    client = login_as(world.staff_a)
    found = events(client, feed_url(client))
    (title,) = [t for t in found if "Tổ đo đạc bản đồ" in t]
    assert found[title].decoded("dtstart") == date(2026, 12, 20)  # an all-day event
    coordinator = login_as(world.coordinator_a)
    assert not [t for t in events(coordinator, feed_url(coordinator)) if "Tổ đo đạc" in t]


def test_regenerated_token_replaces_the_old_one(world, login_as):
    client = login_as(world.coordinator_a)
    old = feed_url(client)
    assert client.post("/notifications/preferences/calendar-token").status_code == 302
    new = feed_url(client)
    assert new != old
    assert client.get(old).status_code == 404
    assert client.get(new).status_code == 200


def test_unknown_token_or_inactive_person_is_404(world, login_as, client):
    assert (
        client.get("/notifications/calendar/khong-co-token-nay-1234567890.ics").status_code == 404
    )
    url = feed_url(login_as(world.staff_a))
    world.staff_a.active = False
    db.session.commit()
    assert client.get(url).status_code == 404
