"""The congress submission's rules and its review through the shared workflow."""

from __future__ import annotations

from datetime import date

import pytest

from portal.congress import services
from portal.congress.models import CongressSubmission
from portal.deadlines.completion import record_model
from portal.extensions import db
from portal.reviews.services import transition
from portal.reviews.states import ReviewAction, ReviewState
from portal.rules import RuleError
from tests.factories import add_evaluation, make_congress_exemplar, make_submission, make_title


def test_one_submission_per_unit_and_period(world):
    services.create_submission(world.unit_a.id, world.period)
    db.session.commit()
    with pytest.raises(RuleError):
        services.create_submission(world.unit_a.id, world.period)


def test_deadline_completion_uses_this_model():
    assert record_model("congress_submission") is CongressSubmission


def test_achievements_prefilled_from_record(world):
    title = make_title(world.org)
    exemplar = make_congress_exemplar(world.unit_a, "Nguyễn Thị Hoa")
    add_evaluation(exemplar)
    submission = make_submission(world.unit_a, world.period, title, [exemplar])
    nominee = submission.nominees[0]
    assert "Nguyễn Thị Hoa dẫn đầu phong trào" in nominee.achievements
    assert "Số hóa hồ sơ đất đai" in nominee.achievements
    assert "20/11/2024" in nominee.achievements
    assert nominee.award_title_id == title.id
    assert [h.exemplar_id for h in submission.honoured] == [exemplar.id]


def test_foreign_exemplar_and_title_refused(world):
    submission = services.create_submission(world.unit_a.id, world.period)
    other = make_congress_exemplar(world.unit_b, "Tổ Thanh tra số 2")
    with pytest.raises(RuleError):
        services.add_nominee(submission, services.NomineeData(other.id, None, True, False, "", ""))
    own = make_congress_exemplar(world.unit_a, "Phạm Văn Lâm")
    with pytest.raises(RuleError):
        services.add_nominee(submission, services.NomineeData(own.id, None, False, False, "", ""))


def test_review_cycle_submit_return_resubmit_accept(world):
    title = make_title(world.org)
    exemplar = make_congress_exemplar(world.unit_a, "Nguyễn Thị Hoa")
    submission = make_submission(world.unit_a, world.period, title, [exemplar])
    transition(submission, ReviewAction.SUBMIT, world.coordinator_a)
    assert submission.state == ReviewState.SUBMITTED and submission.submitted_at
    with pytest.raises(RuleError):
        services.save_conference(
            submission,
            {
                "conference_date": date(2025, 5, 1),
                "attendance": 1,
                "chaired_by": "",
                "period_summary": "",
            },
            [],
        )
    transition(submission, ReviewAction.RETURN, world.office, reason="Bổ sung minh chứng")
    assert submission.state == ReviewState.RETURNED
    assert submission.return_reason == "Bổ sung minh chứng"
    transition(submission, ReviewAction.SUBMIT, world.coordinator_a)
    transition(submission, ReviewAction.ACCEPT, world.office)
    assert submission.state == ReviewState.ACCEPTED


def test_submission_needs_conference_and_nominees(world):
    submission = services.create_submission(world.unit_a.id, world.period)
    with pytest.raises(RuleError) as error:
        transition(submission, ReviewAction.SUBMIT, world.coordinator_a)
    assert "Hội nghị" in str(error.value)


def test_cycle_defaults_follow_the_period(world):
    cycle = services.cycle_for(world.period)
    assert cycle.term_label == "2023-2025"
    assert cycle.next_term_label == "2025-2030"
    services.save_cycle(world.period, {"sector_congress": "Đại hội Thi đua ngành TN&MT lần thứ V"})
    db.session.commit()
    assert services.cycle_for(world.period).sector_congress.endswith("lần thứ V")
