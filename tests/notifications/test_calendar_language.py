"""The calendar feed speaks its owner's language: calendar apps fetch it with no
session, so neither the page's language nor the default decides."""

from __future__ import annotations

from datetime import date

import pytest
from icalendar import Calendar

from portal.deadlines.services import mark_done
from portal.extensions import db
from tests.factories import make_deadline, make_exemplar, make_fostering_action, vn
from tests.notifications.test_calendar import feed_url


@pytest.fixture
def fostering(world):
    exemplar = make_exemplar(
        world.unit_a, "Tổ đo đạc bản đồ", status="candidate", year_identified=2026
    )
    make_fostering_action(
        exemplar,
        "Hỗ trợ thiết bị đo",
        support_type="technical",
        owner_user_id=world.coordinator_a.id,
        due_date=date(2026, 12, 20),
    )
    done = make_deadline(world, title="Báo cáo quý", due_at=vn(2026, 10, 5, 17))
    mark_done(done, world.unit_a.id, world.office)
    db.session.commit()


def feed(app, url) -> Calendar:
    response = app.test_client().get(url)  # no session, like Outlook
    assert response.status_code == 200
    return Calendar.from_ical(response.data)


def texts(calendar: Calendar) -> dict[str, str]:
    """Each event's summary, with its description and its alarm's text."""
    found = {}
    for event in calendar.walk("VEVENT"):
        alarms = [str(a["description"]) for a in event.walk("VALARM")]
        found[str(event["summary"])] = "\n".join([str(event["description"]), *alarms])
    return found


def test_feed_in_english_for_an_english_owner(app, world, login_as, fostering):
    world.coordinator_a.locale = "en"
    db.session.commit()
    calendar = feed(app, feed_url(login_as(world.coordinator_a)))
    assert str(calendar["x-wr-calname"]) == "Deadlines – Exemplar Portal"
    events = texts(calendar)
    action = "Fostering exemplar «Tổ đo đạc bản đồ»: Hỗ trợ thiết bị đo"
    assert action in events
    assert "Unit: Phòng Môi trường" in events[action]
    assert f"Due soon: {action}" in events[action]
    assert "[Completed] Báo cáo quý" in events
    assert not [text for text in events if "Bồi dưỡng" in text or "Đã hoàn thành" in text]


def test_feed_stays_vietnamese_for_a_vietnamese_owner(app, world, login_as, fostering):
    calendar = feed(app, feed_url(login_as(world.coordinator_a)))
    assert str(calendar["x-wr-calname"]) == "Thời hạn – Cổng điển hình tiên tiến"
    events = texts(calendar)
    action = "Bồi dưỡng điển hình «Tổ đo đạc bản đồ»: Hỗ trợ thiết bị đo"
    assert "Đơn vị: Phòng Môi trường" in events[action]
    assert f"Sắp đến hạn: {action}" in events[action]
    assert "[Đã hoàn thành] Báo cáo quý" in events
