"""The review workflow: every allowed and refused transition, who may act, reasons,
timestamps, the timeline and the notifications."""

from __future__ import annotations

import itertools

import pytest

from portal.extensions import db
from portal.notifications.models import Notification
from portal.reviews.models import ReviewEvent
from portal.reviews.services import allowed_actions, can_edit, next_state, timeline, transition
from portal.reviews.states import ReviewAction, ReviewState
from portal.rules import NotAllowedError, RuleError
from tests.factories import at, make_report, move

S, A = ReviewState, ReviewAction

# Written out independently of portal.reviews.states: the plan's workflow.
EXPECTED = {
    (S.DRAFT, A.SUBMIT): [S.SUBMITTED],
    (S.RETURNED, A.SUBMIT): [S.RESUBMITTED],
    (S.SUBMITTED, A.RETURN): [S.RETURNED],
    (S.RESUBMITTED, A.RETURN): [S.RETURNED],
    (S.SUBMITTED, A.ACCEPT): [S.ACCEPTED],
    (S.RESUBMITTED, A.ACCEPT): [S.ACCEPTED],
    (S.ACCEPTED, A.REOPEN): [S.RETURNED, S.DRAFT],
}
CASES = list(itertools.product(S, A, [None, *S]))


@pytest.mark.parametrize(("state", "action", "target"), CASES)
def test_next_state_table(state, action, target):
    allowed = EXPECTED.get((state, action), [])
    expected = (
        (allowed[0] if allowed else None)
        if target is None
        else (target if target in allowed else None)
    )
    if expected is None:
        with pytest.raises(RuleError):
            next_state(state, action, target)
    else:
        assert next_state(state, action, target) == expected


def _actor(world, action):
    return world.coordinator_a if action == A.SUBMIT else world.office


def test_every_transition_on_a_record(world):
    """Each (state, action) pair through transition(), with the right actor."""
    report = make_report(world)
    for state, action in itertools.product(S, A):
        report.state = state
        db.session.commit()
        events = db.session.query(ReviewEvent).count()
        allowed = EXPECTED.get((state, action))
        if allowed is None:
            with pytest.raises(RuleError):
                transition(report, action, _actor(world, action), reason="Lý do")
            db.session.rollback()
            assert report.state == state, (state, action)
            assert db.session.query(ReviewEvent).count() == events
        else:
            event = move(report, action, _actor(world, action), reason="Lý do")
            assert report.state == allowed[0], (state, action)
            assert (event.from_state, event.to_state) == (state, allowed[0])
            assert event.actor_id == _actor(world, action).id
            assert db.session.query(ReviewEvent).count() == events + 1


def test_only_the_units_coordinator_submits(world):
    report = make_report(world)
    for user in (
        world.office,
        world.staff_a,
        world.viewer,
        world.council,
        world.coordinator_b,
        world.foreign_office,
        world.foreign_coordinator,
    ):
        with pytest.raises(NotAllowedError):
            transition(report, A.SUBMIT, user)
    assert report.state == S.DRAFT
    move(report, A.SUBMIT, world.coordinator_a)
    assert report.state == S.SUBMITTED


@pytest.mark.parametrize("action", [A.RETURN, A.ACCEPT])
def test_only_the_office_of_the_organization_reviews(world, action):
    report = make_report(world)
    move(report, A.SUBMIT, world.coordinator_a)
    for user in (
        world.coordinator_a,
        world.staff_a,
        world.viewer,
        world.council,
        world.foreign_office,
    ):
        with pytest.raises(NotAllowedError):
            transition(report, action, user, reason="Lý do")
    assert report.state == S.SUBMITTED


def test_only_the_office_reopens(world):
    report = make_report(world)
    move(report, A.SUBMIT, world.coordinator_a)
    move(report, A.ACCEPT, world.office)
    for user in (world.coordinator_a, world.viewer, world.foreign_office):
        with pytest.raises(NotAllowedError):
            transition(report, A.REOPEN, user, reason="Cần bổ sung")
    assert report.state == S.ACCEPTED


@pytest.mark.parametrize("reason", ["", "   "])
def test_return_and_reopen_need_a_reason(world, reason):
    report = make_report(world)
    move(report, A.SUBMIT, world.coordinator_a)
    with pytest.raises(RuleError, match="lý do"):
        transition(report, A.RETURN, world.office, reason=reason)
    move(report, A.ACCEPT, world.office)
    with pytest.raises(RuleError, match="lý do"):
        transition(report, A.REOPEN, world.office, reason=reason)
    assert report.state == S.ACCEPTED


def test_submission_dates_first_and_last(world):
    report = make_report(world)
    move(report, A.SUBMIT, world.coordinator_a, when=at(2024, 12, 10))
    move(report, A.RETURN, world.office, reason="Thiếu số liệu", when=at(2024, 12, 12))
    move(report, A.SUBMIT, world.coordinator_a, when=at(2024, 12, 20))
    assert report.state == S.RESUBMITTED
    assert report.submitted_at.replace(tzinfo=None) == at(2024, 12, 10).replace(tzinfo=None)
    assert report.last_submitted_at.replace(tzinfo=None) == at(2024, 12, 20).replace(tzinfo=None)
    move(report, A.ACCEPT, world.office, when=at(2024, 12, 22))
    assert report.accepted_by_id == world.office.id and report.accepted_at is not None


def test_reopen_records_the_reason_and_unlocks(world):
    report = make_report(world)
    move(report, A.SUBMIT, world.coordinator_a)
    move(report, A.ACCEPT, world.office)
    assert report.is_locked and not can_edit(world.coordinator_a, report)
    move(report, A.REOPEN, world.office, reason="Bổ sung minh chứng", target=S.DRAFT)
    assert report.state == S.DRAFT
    assert report.accepted_at is None
    assert report.return_reason == "Bổ sung minh chứng"
    assert can_edit(world.coordinator_a, report)
    last = timeline(report)[-1]
    assert (last.action, last.from_state, last.to_state, last.reason) == (
        A.REOPEN,
        S.ACCEPTED,
        S.DRAFT,
        "Bổ sung minh chứng",
    )


def test_timeline_is_in_order_with_who_and_why(world):
    report = make_report(world)
    move(report, A.SUBMIT, world.coordinator_a, when=at(2024, 12, 1))
    move(report, A.RETURN, world.office, reason="Thiếu phần tuyên truyền", when=at(2024, 12, 2))
    move(report, A.SUBMIT, world.coordinator_a, when=at(2024, 12, 3))
    move(report, A.ACCEPT, world.office, when=at(2024, 12, 4))
    events = timeline(report)
    assert [(e.from_state, e.to_state) for e in events] == [
        (S.DRAFT, S.SUBMITTED),
        (S.SUBMITTED, S.RETURNED),
        (S.RETURNED, S.RESUBMITTED),
        (S.RESUBMITTED, S.ACCEPTED),
    ]
    assert [e.actor.full_name for e in events] == [
        "Nguyễn Văn An",
        "Văn Phòng",
        "Nguyễn Văn An",
        "Văn Phòng",
    ]
    assert events[1].reason == "Thiếu phần tuyên truyền"
    assert all(e.unit_id == world.unit_a.id for e in events)


def test_allowed_actions_depend_on_role_and_state(world):
    report = make_report(world)
    assert allowed_actions(world.coordinator_a, report) == [A.SUBMIT]
    assert allowed_actions(world.office, report) == []
    move(report, A.SUBMIT, world.coordinator_a)
    assert allowed_actions(world.coordinator_a, report) == []
    assert set(allowed_actions(world.office, report)) == {A.RETURN, A.ACCEPT}
    assert allowed_actions(world.viewer, report) == []


def test_people_are_notified(world):
    report = make_report(world)
    move(report, A.SUBMIT, world.coordinator_a)
    to_office = Notification.query.filter_by(user_id=world.office.id).all()
    assert len(to_office) == 1 and "Phòng Môi trường" in to_office[0].title
    assert to_office[0].link == f"/annual-reports/{report.id}"
    move(report, A.RETURN, world.office, reason="Thiếu số liệu tập huấn")
    to_coordinator = Notification.query.filter_by(user_id=world.coordinator_a.id).all()
    assert len(to_coordinator) == 1
    assert "Thiếu số liệu tập huấn" in to_coordinator[0].body
    assert Notification.query.filter_by(user_id=world.coordinator_b.id).count() == 0
