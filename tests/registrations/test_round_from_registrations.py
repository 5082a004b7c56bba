"""Issue 13, point 2 at the year's end: the round's nominations start from the accepted
registrations («Thêm từ đăng ký thi đua»); a nominee who did not register needs a stated
reason, which the council's minutes show (web page and Word)."""

from __future__ import annotations

from datetime import date
from io import BytesIO

from docx import Document

from portal.consideration import services as consideration
from portal.consideration import voting
from portal.consideration.models import Nomination, VoteChoice
from portal.extensions import db
from portal.reviews.states import ReviewAction
from tests.factories import award_title, make_registration, move, seat_council


def _accepted(world, unit, entries):
    registration = make_registration(world, unit=unit, entries=entries)
    coordinator = world.coordinator_a if unit == world.unit_a else world.coordinator_b
    move(registration, ReviewAction.SUBMIT, coordinator)
    move(registration, ReviewAction.ACCEPT, world.office)
    return registration


def _round(world):
    seat_council(world)
    round_ = consideration.open_round(
        world.org.id,
        world.period,
        "Bình xét năm 2025",
        2025,
        date(2025, 12, 18),
        "Phòng họp",
        opened_by=world.office,
    )
    db.session.commit()
    return round_


def test_the_round_starts_from_the_accepted_registrations(world, login_as):
    _accepted(world, world.unit_a, [("LDTT", f"user:{world.staff_a.id}"), ("TTLDXS", "unit")])
    draft = make_registration(world, unit=world.unit_b, entries=[("TTLDTT", "unit")])
    round_ = _round(world)
    office = login_as(world.office)
    detail = office.get(f"/consideration/{round_.id}").get_data(as_text=True)
    assert "Thêm từ đăng ký thi đua" in detail
    page = office.get(f"/registrations/rounds/{round_.id}/prefill").get_data(as_text=True)
    assert world.staff_a.full_name in page and world.unit_a.name in page
    assert world.unit_b.name not in page  # its registration is not accepted
    ids = [e.id for e in _accepted_entries(world)]
    added = office.post(f"/registrations/rounds/{round_.id}/prefill", data={"entry_ids": ids})
    assert added.status_code == 302
    nominations = db.session.scalars(
        db.select(Nomination).where(Nomination.round_id == round_.id)
    ).all()
    assert sorted((n.nominee_name, n.award_title.code) for n in nominations) == sorted(
        [(world.staff_a.full_name, "LDTT"), (world.unit_a.name, "TTLDXS")]
    )
    assert all(n.unregistered_reason == "" for n in nominations)
    again = office.get(f"/registrations/rounds/{round_.id}/prefill").get_data(as_text=True)
    assert "Không còn đăng ký nào được chấp nhận" in again
    assert draft.state == "draft"


def _accepted_entries(world):
    from portal.registrations.services import accepted_entries

    return accepted_entries(world.org.id, 2025)


def test_an_unregistered_nominee_needs_a_reason_shown_in_the_minutes(world, login_as):
    _accepted(world, world.unit_a, [("LDTT", f"user:{world.staff_a.id}")])
    round_ = _round(world)
    office = login_as(world.office)
    url = f"/consideration/{round_.id}/nominations/new"
    ldtt = award_title(world, "LDTT").id
    refused = office.post(
        url, data={"award_title_id": ldtt, "nominee_user_id": world.coordinator_b.id}
    )
    html = refused.get_data(as_text=True)
    assert refused.status_code == 200 and "nêu lý do đề nghị" in html
    assert db.session.scalar(db.select(db.func.count(Nomination.id))) == 0
    registered = office.post(
        url, data={"award_title_id": ldtt, "nominee_user_id": world.staff_a.id}
    )
    assert registered.status_code == 302
    reason = "Có thành tích đột xuất trong phòng chống thiên tai"
    saved = office.post(
        url,
        data={
            "award_title_id": ldtt,
            "nominee_user_id": world.coordinator_b.id,
            "unregistered_reason": reason,
        },
    )
    assert saved.status_code == 302
    detail = office.get(f"/consideration/{round_.id}").get_data(as_text=True)
    assert f"Không đăng ký thi đua đầu năm; lý do: {reason}" in detail

    db.session.refresh(round_)
    choices = {n.id: VoteChoice.AGREE for n in round_.nominations}
    for member in round_.members:
        voting.cast_votes(round_, member, choices)
    db.session.commit()
    assert office.post(f"/consideration/{round_.id}/close").status_code == 302
    minutes = office.get(f"/consideration/{round_.id}/minutes").get_data(as_text=True)
    line = (
        f"{world.coordinator_b.full_name} (Lao động tiên tiến): "
        f"Không đăng ký thi đua đầu năm; lý do: {reason}"
    )
    assert line in minutes
    assert world.staff_a.full_name + " (Lao động tiên tiến): Không" not in minutes
    word = office.get(f"/consideration/{round_.id}/minutes.docx")
    text = "\n".join(p.text for p in Document(BytesIO(word.data)).paragraphs)
    assert f"- {line}" in text
