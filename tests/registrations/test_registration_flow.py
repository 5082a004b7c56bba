"""Issue 13, point 2: the Office opens the year's registration with a deadline, a unit's
coordinator registers titles, the Office returns, accepts (a late registration only with
a reason); refusals of a title that does not fit and of a duplicate; tenancy."""

from __future__ import annotations

from datetime import timedelta

from portal.deadlines.completion import completion_map
from portal.deadlines.models import CompletionMode, Deadline, DeadlineKind
from portal.extensions import db
from portal.formatting import today_vn
from portal.registrations.models import Registration
from portal.reviews.models import ReviewEvent
from tests.factories import award_title, make_registration, vn


def _day(delta: int) -> str:
    return (today_vn() + timedelta(days=delta)).strftime("%d/%m/%Y")


def _open(client, world, due: str, year: int = 2025):
    return client.post(
        "/registrations/open",
        data={"period_id": world.period.id, "year": year, "due_date": due, "note": "Nộp sớm"},
    )


def _registration(world) -> Registration:
    return db.session.scalar(db.select(Registration).where(Registration.unit_id == world.unit_a.id))


def _act(client, registration, action, **data):
    return client.post(f"/registrations/{registration.id}/actions/{action}", data=data)


def test_open_register_return_resubmit_accept(world, login_as):
    office = login_as(world.office)
    assert _open(office, world, _day(30)).status_code == 302
    deadline = db.session.scalar(
        db.select(Deadline).where(Deadline.kind == DeadlineKind.REGISTRATION)
    )
    assert (deadline.year, deadline.completion_mode) == (2025, CompletionMode.RECORD)
    assert "Đăng ký thi đua năm 2025" in deadline.title
    assert _open(office, world, _day(30)).status_code == 400  # opened once per year

    coordinator = login_as(world.coordinator_a)
    page = coordinator.get("/registrations/?year=2025").get_data(as_text=True)
    assert "Lập bản đăng ký năm 2025" in page
    created = coordinator.post(
        "/registrations/new", data={"unit_id": world.unit_a.id, "year": 2025}
    )
    assert created.status_code == 302
    registration = _registration(world)
    url = f"/registrations/{registration.id}/entries"
    ldtt, ttldxs = award_title(world, "LDTT").id, award_title(world, "TTLDXS").id
    person = f"user:{world.staff_a.id}"
    assert (
        coordinator.post(url, data={"award_title_id": ldtt, "nominee": person}).status_code == 302
    )
    misfit = coordinator.post(url, data={"award_title_id": ttldxs, "nominee": person})
    assert misfit.status_code == 400
    assert "không áp dụng cho đối tượng" in misfit.get_data(as_text=True)
    twice = coordinator.post(url, data={"award_title_id": ldtt, "nominee": person})
    assert twice.status_code == 400 and "đã đăng ký danh hiệu" in twice.get_data(as_text=True)
    assert (
        coordinator.post(url, data={"award_title_id": ttldxs, "nominee": "unit"}).status_code == 302
    )
    db.session.refresh(registration)
    assert sorted(e.nominee_key for e in registration.entries) == sorted(
        [person, f"unit:{world.unit_a.id}"]
    )

    assert _act(coordinator, registration, "submit").status_code == 302
    db.session.refresh(registration)
    assert registration.state == "submitted" and registration.late is False
    assert (deadline.id, world.unit_a.id) in completion_map([deadline], [world.unit_a.id])

    office = login_as(world.office)
    assert (
        _act(office, registration, "return", reason="Bổ sung Chiến sĩ thi đua").status_code == 302
    )
    db.session.refresh(registration)
    assert (registration.state, registration.return_reason) == (
        "returned",
        "Bổ sung Chiến sĩ thi đua",
    )
    coordinator = login_as(world.coordinator_a)
    assert "Bổ sung Chiến sĩ thi đua" in coordinator.get(
        f"/registrations/{registration.id}"
    ).get_data(as_text=True)
    assert _act(coordinator, registration, "submit").status_code == 302
    db.session.refresh(registration)
    assert registration.state == "resubmitted"
    office = login_as(world.office)
    assert _act(office, registration, "accept").status_code == 302
    db.session.refresh(registration)
    assert registration.state == "accepted"
    coordinator = login_as(world.coordinator_a)
    locked = coordinator.post(url, data={"award_title_id": ldtt, "nominee": "unit"})
    assert "đã được Văn phòng Sở chấp nhận" in locked.get_data(as_text=True)
    assert len(registration.entries) == 2


def test_a_late_registration_is_flagged_and_accepted_only_with_a_reason(world, login_as):
    office = login_as(world.office)
    assert _open(office, world, _day(-3)).status_code == 302
    coordinator = login_as(world.coordinator_a)
    coordinator.post("/registrations/new", data={"unit_id": world.unit_a.id, "year": 2025})
    registration = _registration(world)
    coordinator.post(
        f"/registrations/{registration.id}/entries",
        data={"award_title_id": award_title(world, "TTLDTT").id, "nominee": "unit"},
    )
    assert _act(coordinator, registration, "submit").status_code == 302
    db.session.refresh(registration)
    assert registration.late is True
    office = login_as(world.office)
    page = office.get(f"/registrations/{registration.id}").get_data(as_text=True)
    assert "Nộp sau thời hạn" in page and 'id="late-accept"' in page
    refused = _act(office, registration, "accept", reason="")
    assert refused.status_code == 400
    assert "nêu lý do Văn phòng Sở vẫn chấp nhận" in refused.get_data(as_text=True)
    db.session.refresh(registration)
    assert registration.state == "submitted"
    assert _act(office, registration, "accept", reason="Đơn vị đi công tác").status_code == 302
    db.session.refresh(registration)
    assert (registration.state, registration.late_acceptance_reason) == (
        "accepted",
        "Đơn vị đi công tác",
    )
    event = db.session.scalar(
        db.select(ReviewEvent).where(
            ReviewEvent.subject_type == "registration", ReviewEvent.action == "accept"
        )
    )
    assert event.reason == "Đơn vị đi công tác"
    assert "Đơn vị đi công tác" in office.get(f"/registrations/{registration.id}").get_data(
        as_text=True
    )


def test_no_registration_before_the_office_opens_the_year(world, login_as):
    coordinator = login_as(world.coordinator_a)
    coordinator.post("/registrations/new", data={"unit_id": world.unit_a.id, "year": 2025})
    assert _registration(world) is None
    assert "chưa mở đăng ký" in coordinator.get("/registrations/?year=2025").get_data(as_text=True)
    # Only the unit's own coordinator starts its registration; another unit is not theirs.
    make_registration(world, unit=world.unit_b, due_at=vn(2099, 1, 1))
    assert (
        coordinator.post(
            "/registrations/new", data={"unit_id": world.unit_b.id, "year": 2025}
        ).status_code
        == 404
    )


def test_foreign_and_other_units_registrations_answer_404(world, login_as):
    registration = make_registration(world, unit=world.unit_b, entries=[("TTLDTT", "unit")])
    entry = registration.entries[0]
    urls = [
        f"/registrations/{registration.id}",
        f"/registrations/{registration.id}/entries",
        f"/registrations/{registration.id}/entries/{entry.id}/delete",
        f"/registrations/{registration.id}/actions/submit",
    ]
    for user in (world.foreign_office, world.coordinator_a, world.foreign_coordinator):
        client = login_as(user)
        for url in urls:
            response = client.get(url) if url.endswith(str(registration.id)) else client.post(url)
            assert response.status_code == 404, (user.email, url)
    assert login_as(world.coordinator_b).get(urls[0]).status_code == 200


def _form_fields(page: str, action: str) -> list[tuple[str, str]]:
    """The (name, value) pairs a browser sends from the first form posting to `action`,
    in document order (a repeated name is sent twice; the server reads the first)."""
    from html.parser import HTMLParser

    class Fields(HTMLParser):
        def __init__(self) -> None:
            super().__init__()
            self.inside, self.done, self.pairs = False, False, []

        def handle_starttag(self, tag, attrs):
            attrs = dict(attrs)
            if tag == "form" and attrs.get("action") == action and not self.done:
                self.inside = True
            elif tag == "input" and self.inside and attrs.get("name"):
                self.pairs.append((attrs["name"], attrs.get("value") or ""))

        def handle_endtag(self, tag):
            if tag == "form" and self.inside:
                self.inside, self.done = False, True

    parser = Fields()
    parser.feed(page)
    return parser.pairs


def test_the_units_button_on_the_list_starts_its_registration(world, login_as):
    """The row's button sends the unit and the year once each (an empty hidden copy of
    them, read first, turned every click into a 400)."""
    office = login_as(world.office)
    assert _open(office, world, _day(30)).status_code == 302
    coordinator = login_as(world.coordinator_a)
    page = coordinator.get("/registrations/?year=2025").get_data(as_text=True)
    fields = _form_fields(page, "/registrations/new")
    names = [name for name, _value in fields]
    assert names.count("unit_id") == 1 and names.count("year") == 1, fields
    from werkzeug.datastructures import MultiDict

    created = coordinator.post("/registrations/new", data=MultiDict(fields))
    assert created.status_code == 302, created.get_data(as_text=True)[:500]
    assert _registration(world).year == 2025


def test_a_new_departments_first_registration_offers_the_catalogues_titles(world, login_as):
    """Nobody has opened the consideration pages yet: the registration's title list is
    not empty, it offers the starting catalogue."""
    from portal.consideration.models import AwardTitle

    registration = make_registration(world)
    assert db.session.scalar(db.select(db.func.count(AwardTitle.id))) == 0
    page = login_as(world.coordinator_a).get(f"/registrations/{registration.id}")
    assert page.status_code == 200
    html = page.get_data(as_text=True)
    assert "Chiến sĩ thi đua cơ sở" in html and "Tập thể lao động xuất sắc" in html
    titles = db.session.scalar(
        db.select(db.func.count(AwardTitle.id)).where(AwardTitle.organization_id == world.org.id)
    )
    assert titles > 0
