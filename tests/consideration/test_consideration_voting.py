"""Votes, written opinions, conflicts, secrecy and closing, through the services."""

from __future__ import annotations

from datetime import date

import pytest

from portal.audit import AuditLog
from portal.consideration import services, voting
from portal.consideration.catalogue import DECREE_98, DECREE_152
from portal.consideration.minutes import minutes_record
from portal.consideration.models import (
    RoundStatus,
    ThresholdComparison,
    Vote,
    VoteChoice,
    VotingRule,
)
from portal.council.models import CouncilMember
from portal.exemplars.models import ExemplarKind, ExemplarStatus
from portal.extensions import db
from portal.notifications.models import Notification
from portal.rules import RuleError
from sampledata.world import make_user
from tests.factories import award_title, make_exemplar, open_round, seat_council

A, D, AB, C = VoteChoice.AGREE, VoteChoice.DISAGREE, VoteChoice.ABSTAIN, VoteChoice.CONFLICT


def vote_all(round_, pattern):
    """pattern[i] is the choice of member i on the first nomination (None = no vote)."""
    nomination = round_.nominations[0]
    for member, choice in zip(round_.members, pattern, strict=False):
        if choice is not None:
            voting.cast_votes(round_, member, {nomination.id: choice})
    db.session.commit()


def close_one(world, round_):
    results = services.close_round(round_, world.office)
    db.session.commit()
    return results[0]


def test_snapshot_of_members_at_opening(world, council):
    round_ = open_round(world)
    assert [m.user_id for m in round_.members] == [u.id for u in council.users]
    assert round_.members[1].position == "secretary"
    late = make_user(world.org, "late@example.vn", name="Đến muộn")
    db.session.add(
        CouncilMember(organization_id=world.org.id, period_id=world.period.id, user_id=late.id)
    )
    db.session.commit()
    assert len(round_.members) == 5  # the denominator does not move by itself
    assert services.sync_members(round_) == (1, 0)
    assert len(round_.members) == 6
    leaving = round_.members[2]
    voting.cast_votes(round_, leaving, {round_.nominations[0].id: A})
    seat = db.session.scalar(
        db.select(CouncilMember).where(CouncilMember.user_id == leaving.user_id)
    )
    db.session.delete(seat)
    db.session.commit()
    assert services.sync_members(round_) == (0, 1)
    db.session.commit()
    assert len(round_.members) == 5
    assert db.session.scalar(db.select(db.func.count(Vote.id))) == 0


def test_cannot_open_without_council_or_outside_the_period(world):
    with pytest.raises(RuleError):
        open_round(world)
    seat_council(world, 3)
    with pytest.raises(RuleError) as error:
        services.open_round(world.org.id, world.period, "x", 2030, date(2030, 1, 1))
    assert error.value.field == "year"


def test_exactly_80_percent_passes_cstd_co_so(world, council):
    round_ = open_round(world)
    vote_all(round_, [A, A, A, A, D])  # 4 of 5
    result = close_one(world, round_)
    assert (result.agree, result.disagree, result.total_members) == (4, 1, 5)
    assert result.passed is True
    assert (result.threshold_percent, result.legal_basis) == (80, DECREE_98)


def test_abstention_and_conflict_count_against_at_80_percent(world, council):
    round_ = open_round(world)
    vote_all(round_, [A, A, A, AB, C])  # 3 agree of 5 = 60%
    result = close_one(world, round_)
    assert (result.agree, result.abstain, result.conflict, result.not_voted) == (3, 1, 1, 0)
    assert result.passed is False


def test_seven_of_nine_fails_at_80(world):
    seat_council(world, 9)
    round_ = open_round(world)
    vote_all(round_, [A] * 7 + [D, None])
    result = close_one(world, round_)
    assert (result.agree, result.not_voted, result.total_members) == (7, 1, 9)
    assert result.passed is False
    assert str(result.agree_percent) == "77.8"


def test_nine_of_ten_passes_at_90_and_eight_of_ten_fails(world):
    seat_council(world, 10)
    passing = open_round(world, codes=("CSTD_TINH",))
    vote_all(passing, [A] * 9 + [C])
    assert close_one(world, passing).passed is True
    failing = open_round(world, codes=("CSTD_TINH",))
    vote_all(failing, [A] * 8 + [AB, AB])
    result = close_one(world, failing)
    assert result.threshold_percent == 90 and result.passed is False


def test_default_majority_rule_for_titles_without_threshold(world):
    seat_council(world, 4)
    exactly_half = open_round(world, codes=("TTLDXS",))
    vote_all(exactly_half, [A, A, D, None])
    result = close_one(world, exactly_half)
    assert result.comparison == ThresholdComparison.MORE_THAN and result.threshold_percent == 50
    assert result.passed is False  # 2 of 4 is not more than half
    majority = open_round(world, codes=("TTLDXS",))
    vote_all(majority, [A, A, A, C])
    assert close_one(world, majority).passed is True


def test_rule_applied_follows_the_meeting_date(world, council):
    june = open_round(world, meeting_date=date(2025, 6, 30))
    july = open_round(world, meeting_date=date(2025, 7, 1))
    for round_ in (june, july):
        vote_all(round_, [A, A, A, A, D])
    assert close_one(world, june).legal_basis == DECREE_98
    july_result = close_one(world, july)
    assert july_result.legal_basis == DECREE_152
    assert july_result.rule_needed_verification is True


def test_written_opinion_of_an_absent_member_counts_as_their_vote(world, council):
    round_ = open_round(world)
    nomination = round_.nominations[0]
    absent = round_.members[4]
    voting.record_written_opinion(round_, absent, {nomination.id: A}, council.secretary)
    vote_all(round_, [A, A, A, None, None])
    assert absent.absent is True
    result = close_one(world, round_)
    assert result.agree == 4 and result.passed is True
    record = minutes_record(round_)
    assert [(a.name, a.written_opinion) for a in record.absent] == [
        (round_.members[3].user.full_name, False),  # no ballot, no written opinion
        (absent.user.full_name, True),
    ]
    assert len(record.present) == 3


def test_only_the_secretary_or_office_records_written_opinions(world, council):
    round_ = open_round(world)
    nomination = round_.nominations[0]
    with pytest.raises(RuleError):
        voting.record_written_opinion(
            round_, round_.members[4], {nomination.id: A}, council.users[2]
        )
    voting.record_written_opinion(round_, round_.members[4], {nomination.id: A}, world.office)
    assert voting.participation(round_) == {round_.members[4].id: 1}


def test_absent_member_cannot_vote_in_person_until_marked_present(world, council):
    round_ = open_round(world)
    nomination = round_.nominations[0]
    member = round_.members[3]
    voting.record_written_opinion(round_, member, {nomination.id: D}, council.secretary)
    with pytest.raises(RuleError):
        voting.cast_votes(round_, member, {nomination.id: A})
    assert voting.mark_present(round_, member, council.secretary) == 1
    voting.cast_votes(round_, member, {nomination.id: A})
    assert voting.own_votes(round_, member) == {nomination.id: A}


def test_member_who_voted_in_person_cannot_be_recorded_absent(world, council):
    round_ = open_round(world)
    nomination = round_.nominations[0]
    voting.cast_votes(round_, round_.members[2], {nomination.id: A})
    with pytest.raises(RuleError):
        voting.record_written_opinion(
            round_, round_.members[2], {nomination.id: D}, council.secretary
        )


def test_votes_can_change_until_close_and_are_refused_after(world, council):
    round_ = open_round(world)
    nomination = round_.nominations[0]
    member = round_.members[0]
    voting.cast_votes(round_, member, {nomination.id: D})
    voting.cast_votes(round_, member, {nomination.id: A})
    assert db.session.scalar(db.select(db.func.count(Vote.id))) == 1
    assert voting.own_votes(round_, member) == {nomination.id: A}
    for other in round_.members[2:4]:  # the quorum: 3 of 5 present
        voting.cast_votes(round_, other, {nomination.id: AB})
    close_one(world, round_)
    with pytest.raises(RuleError):
        voting.cast_votes(round_, member, {nomination.id: D})
    with pytest.raises(RuleError):
        voting.record_written_opinion(round_, round_.members[1], {nomination.id: D}, world.office)
    assert voting.own_votes(round_, member) == {nomination.id: A}


def test_votes_on_another_rounds_nomination_are_refused(world, council):
    first, second = open_round(world), open_round(world)
    with pytest.raises(RuleError):
        voting.cast_votes(first, first.members[0], {second.nominations[0].id: A})
    with pytest.raises(RuleError):
        voting.cast_votes(first, second.members[0], {first.nominations[0].id: A})


def test_results_are_sealed_until_close_and_members_read_only_their_own(world, council):
    round_ = open_round(world)
    nomination = round_.nominations[0]
    voting.cast_votes(round_, round_.members[0], {nomination.id: A})
    voting.cast_votes(round_, round_.members[1], {nomination.id: D})
    with pytest.raises(RuleError, match="sau khi kết thúc"):
        services.round_results(round_)
    assert voting.own_votes(round_, round_.members[1]) == {nomination.id: D}
    assert voting.own_votes(round_, round_.members[2]) == {}
    # Participation says who voted, never how.
    assert voting.participation(round_) == {round_.members[0].id: 1, round_.members[1].id: 1}


def test_audit_log_does_not_reveal_choices(world, council):
    round_ = open_round(world)
    voting.cast_votes(round_, round_.members[0], {round_.nominations[0].id: C})
    db.session.commit()
    entries = db.session.scalars(db.select(AuditLog).where(AuditLog.object_type == "Vote")).all()
    assert entries and all("choice" not in e.changes for e in entries)
    assert all("conflict" not in str(e.changes) for e in entries)


def test_close_refused_without_nominations_or_rule(world, council):
    empty = services.open_round(world.org.id, world.period, "Trống", 2024, date(2024, 12, 1))
    with pytest.raises(RuleError):
        services.close_round(empty, world.office)
    too_early = open_round(world, meeting_date=date(2017, 6, 1))  # before the seeded rules
    with pytest.raises(RuleError) as error:
        services.close_round(too_early, world.office)
    # The refusal names the date, the nomination and its title with no rule.
    assert "01/06/2017" in error.value.message
    assert "Người đề nghị 1" in error.value.message
    assert "Chiến sĩ thi đua cơ sở" in error.value.message
    assert too_early.status == RoundStatus.OPEN


def test_result_keeps_the_rule_as_it_was_when_closed(world, council):
    round_ = open_round(world)
    vote_all(round_, [A, A, A, A, D])
    result = close_one(world, round_)
    rule = db.session.get(VotingRule, result.rule_id)
    rule.threshold_percent = 90
    rule.legal_basis = "Đã sửa"
    db.session.commit()
    again = services.round_results(round_)[0]
    assert (again.threshold_percent, again.legal_basis, again.passed) == (80, DECREE_98, True)


def test_nominations_check_title_audience_and_organization(world, council):
    round_ = open_round(world)
    with pytest.raises(RuleError) as error:
        services.add_nomination(
            round_,
            services.NomineeInput(
                award_title=award_title(world, "TTLDXS"),
                nominee_name="Chị A",
                nominee_kind=ExemplarKind.INDIVIDUAL,
            ),
        )
    assert error.value.field == "award_title_id"
    with pytest.raises(RuleError):
        services.add_nomination(
            round_,
            services.NomineeInput(
                award_title=award_title(world, "CSTD_CS"), nominee_user=world.foreign_coordinator
            ),
        )
    foreign = make_exemplar(
        world.foreign_unit, "Ngoại", kind=ExemplarKind.INDIVIDUAL, status=ExemplarStatus.CANDIDATE
    )
    with pytest.raises(RuleError):
        services.add_nomination(
            round_,
            services.NomineeInput(award_title=award_title(world, "CSTD_CS"), exemplar=foreign),
        )
    with pytest.raises(RuleError) as error:
        services.add_nomination(
            round_, services.NomineeInput(award_title=award_title(world, "CSTD_CS"))
        )
    assert error.value.field == "nominee_name"


def test_staff_nominee_takes_their_unit_and_nomination_locks_after_a_vote(world, council):
    round_ = open_round(world)
    nomination = services.add_nomination(
        round_,
        services.NomineeInput(award_title=award_title(world, "LDTT"), nominee_user=world.staff_a),
    )
    assert (nomination.unit_id, nomination.nominee_name) == (world.unit_a.id, "Trần Thị Bình")
    voting.cast_votes(round_, round_.members[0], {nomination.id: A})
    with pytest.raises(RuleError):
        services.delete_nomination(nomination)
    with pytest.raises(RuleError):
        services.update_nomination(
            nomination,
            services.NomineeInput(
                award_title=award_title(world, "CSTD_CS"), nominee_user=world.staff_a
            ),
        )


def test_closing_notifies_nominee_and_unit_coordinators(world, council):
    round_ = open_round(world)
    exemplar = make_exemplar(
        world.unit_a,
        "Trần Thị Bình",
        kind=ExemplarKind.INDIVIDUAL,
        status=ExemplarStatus.CANDIDATE,
        person_user_id=world.staff_a.id,
    )
    nomination = services.add_nomination(
        round_, services.NomineeInput(award_title=award_title(world, "CSTD_CS"), exemplar=exemplar)
    )
    db.session.commit()
    for member in round_.members:
        voting.cast_votes(round_, member, {nomination.id: A, round_.nominations[0].id: D})
    services.close_round(round_, world.office)
    db.session.commit()
    notes = db.session.scalars(
        db.select(Notification).where(Notification.category == "nomination_result")
    ).all()
    by_user = {}
    for note in notes:
        by_user.setdefault(note.user_id, []).append(note)
    # Staff A hears about their own nomination; coordinator A about both of unit A's.
    assert len(by_user[world.staff_a.id]) == 1
    assert "ĐẠT" in by_user[world.staff_a.id][0].title
    assert "KHÔNG ĐẠT" not in by_user[world.staff_a.id][0].title
    assert sorted("KHÔNG ĐẠT" in n.title for n in by_user[world.coordinator_a.id]) == [False, True]
    assert "5/5" in by_user[world.staff_a.id][0].body
    assert len(by_user[world.coordinator_a.id]) == 2
    assert world.coordinator_b.id not in by_user
    assert world.office.id not in by_user
