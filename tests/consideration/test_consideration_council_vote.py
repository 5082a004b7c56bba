"""Issue 12, points 5-6: rules for every date of the plan period, quorum and percentage
base as rule data, a meeting date frozen once a ballot is cast, cancelling and reopening
a round, and minutes whose rows add up, signed by the chair and the secretary."""

from __future__ import annotations

from datetime import date, time
from io import BytesIO

import pytest
from docx import Document

from portal.audit import AuditLog
from portal.consideration import services, voting
from portal.consideration.catalogue import DECREE_91, DECREE_98, DECREE_152
from portal.consideration.minutes import council_decisions, minutes_record
from portal.consideration.models import (
    ConsiderationRound,
    RoundStatus,
    Vote,
    VoteBase,
    VoteChoice,
    VotingRule,
)
from portal.extensions import db
from portal.rules import RuleError
from tests.factories import award_title, open_round

A, D, AB, C = VoteChoice.AGREE, VoteChoice.DISAGREE, VoteChoice.ABSTAIN, VoteChoice.CONFLICT


def _vote(round_, pattern):
    nomination = round_.nominations[0]
    for member, choice in zip(round_.members, pattern, strict=False):
        if choice is not None:
            voting.cast_votes(round_, member, {nomination.id: choice})
    db.session.commit()


@pytest.mark.parametrize(
    ("meeting", "basis", "to_verify"),
    [
        (date(2023, 11, 20), DECREE_91, True),
        (date(2025, 6, 30), DECREE_98, False),
        (date(2025, 7, 1), DECREE_152, True),
    ],
)
def test_a_round_closes_with_the_rule_in_force_on_its_meeting_date(
    world, council, meeting, basis, to_verify
):
    round_ = open_round(world, meeting_date=meeting)
    _vote(round_, [A, A, A, A, D])  # 4 of 5 = 80%: passes CSTD cơ sở (80%)
    [result] = services.close_round(round_, world.office)
    db.session.commit()
    assert result.legal_basis == basis and result.passed
    assert result.rule_needed_verification is to_verify
    record = minutes_record(round_)
    assert record.to_verify is to_verify
    assert record.rows[0].legal_basis == basis


def test_close_without_quorum_is_refused_then_allowed(world, council):
    round_ = open_round(world)
    _vote(round_, [A, A])  # 2 of 5 present: the quorum (50%) needs 3
    with pytest.raises(RuleError, match="Không đủ số thành viên dự họp: có mặt 2/5"):
        services.close_round(round_, world.office)
    db.session.rollback()
    assert round_.status == RoundStatus.OPEN
    # A written opinion counts as a vote, not as presence.
    voting.record_written_opinion(
        round_, round_.members[4], {round_.nominations[0].id: A}, world.office
    )
    db.session.commit()
    with pytest.raises(RuleError, match="có mặt 2/5"):
        services.close_round(round_, world.office)
    db.session.rollback()
    _vote(round_, [None, None, AB])
    services.close_round(round_, world.office)
    assert round_.status == RoundStatus.CLOSED


def test_quorum_and_base_are_rule_data(world, council):
    round_ = open_round(world)
    rule = services.rules_for(round_)[round_.nominations[0].id]
    assert rule.quorum_percent == 50 and "Quy chế" in rule.quorum_basis
    assert rule.base == VoteBase.ALL_MEMBERS and rule.base_basis.startswith(DECREE_98)
    # 4 agree + 1 conflict: 4/5 = 80% on all members; 4/4 without the conflicted member.
    rule.quorum_percent = 100
    db.session.commit()
    _vote(round_, [A, A, A, C, None])
    with pytest.raises(RuleError, match="tối thiểu 100%"):
        services.close_round(round_, world.office)
    db.session.rollback()
    rule = db.session.get(VotingRule, rule.id)
    rule.quorum_percent = 60
    rule.base = VoteBase.EXCLUDING_CONFLICT
    rule.base_basis = "Quy chế của Sở: thành viên có xung đột lợi ích không tính vào tỷ lệ"
    db.session.commit()
    voting.cast_votes(round_, round_.members[4], {round_.nominations[0].id: A})
    [result] = services.close_round(round_, world.office)
    assert (result.agree, result.conflict, result.base_members) == (4, 1, 4)
    assert result.passed and result.agree_percent == 100
    assert result.base == VoteBase.EXCLUDING_CONFLICT and "xung đột" in result.base_basis


def test_meeting_date_is_frozen_once_a_ballot_is_cast(world, council, login_as):
    round_ = open_round(world, meeting_date=date(2025, 6, 30))
    services.update_round(round_, meeting_date=date(2025, 6, 25))  # no ballot yet: allowed
    _vote(round_, [A])
    with pytest.raises(RuleError, match="không thể đổi ngày họp") as error:
        services.update_round(round_, meeting_date=date(2025, 7, 1))
    assert error.value.field == "meeting_date"
    db.session.rollback()
    # Through the form: refused on the field, the rest of the form kept.
    response = login_as(world.office).post(
        f"/consideration/{round_.id}/edit",
        data={
            "title": "Tên mới giữ lại",
            "year": 2024,
            "meeting_date": "2025-07-01",
            "location": "Phòng họp số 2",
        },
    )
    html = response.get_data(as_text=True)
    assert response.status_code == 200 and "không thể đổi ngày họp" in html
    assert "Tên mới giữ lại" in html
    db.session.expire_all()
    assert db.session.get(ConsiderationRound, round_.id).meeting_date == date(2025, 6, 25)
    # Other fields still change.
    services.update_round(round_, location="Hội trường", meeting_time=time(8, 30))
    db.session.commit()
    assert round_.location == "Hội trường"


def test_the_office_cancels_a_round_with_a_reason_and_opens_a_new_one(world, council, login_as):
    round_ = open_round(world, meeting_date=date(2025, 6, 30), codes=("CSTD_CS", "TTLDXS"))
    _vote(round_, [A, A, A])
    client = login_as(world.office)
    refused = client.post(
        f"/consideration/{round_.id}/cancel", data={"reason": "", "meeting_date": "2025-07-10"}
    )
    assert refused.status_code == 200
    assert db.session.get(ConsiderationRound, round_.id).status == RoundStatus.OPEN
    response = client.post(
        f"/consideration/{round_.id}/cancel",
        data={"reason": "Họp lại do thiếu hồ sơ", "meeting_date": "2025-07-10"},
    )
    assert response.status_code == 302
    db.session.expire_all()
    old = db.session.get(ConsiderationRound, round_.id)
    new = db.session.scalar(
        db.select(ConsiderationRound).where(ConsiderationRound.replaces_id == old.id)
    )
    assert old.status == RoundStatus.CANCELLED and old.cancel_reason == "Họp lại do thiếu hồ sơ"
    assert new.is_open and new.meeting_date == date(2025, 7, 10)
    assert [n.nominee_name for n in new.nominations] == [n.nominee_name for n in old.nominations]
    assert db.session.scalar(db.select(db.func.count(Vote.id)).where(Vote.round_id == new.id)) == 0
    entries = db.session.scalars(
        db.select(AuditLog).where(
            AuditLog.object_type == "ConsiderationRound", AuditLog.object_id == str(old.id)
        )
    ).all()
    assert any("Họp lại do thiếu hồ sơ" in str(e.changes) for e in entries)
    page = client.get(f"/consideration/{old.id}").get_data(as_text=True)
    assert "Họp lại do thiếu hồ sơ" in page and f"/consideration/{new.id}" in page
    with pytest.raises(RuleError):
        voting.cast_votes(old, old.members[3], {old.nominations[0].id: A})


def test_minutes_rows_add_up_and_are_signed_by_the_seats(world, council, login_as):
    round_ = open_round(world, codes=("CSTD_CS", "TTLDXS", "CSTD_TINH"))
    first, second, third = round_.nominations
    members = round_.members
    voting.cast_votes(round_, members[0], {first.id: A, second.id: A, third.id: A})
    voting.cast_votes(round_, members[1], {first.id: C, second.id: AB})
    voting.cast_votes(round_, members[2], {first.id: D, second.id: A, third.id: C})
    voting.record_written_opinion(round_, members[4], {first.id: A}, world.office)
    db.session.commit()
    services.close_round(round_, world.office)
    db.session.commit()
    assert round_.minutes_number.endswith("/BB-HĐTĐKT")
    record = minutes_record(round_)
    assert record.chair.name == council.chair.full_name
    assert record.secretary.name == council.secretary.full_name
    assert [p.name for p in record.present] == [m.user.full_name for m in members[:3]]
    assert [(a.name, a.written_opinion) for a in record.absent] == [
        (members[3].user.full_name, False),
        (members[4].user.full_name, True),
    ]
    assert record.rows[0].conflicted == (members[1].user.full_name,)
    for row in record.rows:
        assert row.agree + row.disagree + row.abstain + row.conflict + row.not_voted == 5
        assert row.adds_up
    decisions = council_decisions([first.id, second.id, third.id])
    assert decisions[first.id].minutes_number == round_.minutes_number
    assert decisions[first.id].meeting_date == round_.meeting_date
    assert str(decisions[first.id].agree_percent) == "40.0"
    # The web page and the Word file say the same, signed by the seats' names.
    client = login_as(world.viewer)
    html = client.get(f"/consideration/{round_.id}/minutes").get_data(as_text=True)
    assert council.chair.full_name in html and council.secretary.full_name in html
    assert round_.minutes_number in html
    assert "không có ý kiến bằng văn bản" in html and "có ý kiến bằng văn bản" in html
    response = client.get(f"/consideration/{round_.id}/minutes.docx")
    assert response.status_code == 200
    doc = Document(BytesIO(response.data))
    rows = [[c.text for c in r.cells] for r in doc.tables[1].rows[1:]]
    for cells in rows:
        total, agree, disagree, abstain, not_voting = (int(cells[i]) for i in range(3, 8))
        assert agree + disagree + abstain + not_voting == total == 5
    signers = [c.text for c in doc.tables[2].rows[0].cells]
    assert council.secretary.full_name in signers[0] and council.chair.full_name in signers[1]
    text = "\n".join(p.text for p in doc.paragraphs)
    assert f"{members[1].user.full_name}: đề nghị “{first.nominee_name}”" in text


def test_an_old_catalogue_gets_the_rules_before_2024(world):
    from portal.consideration.catalogue import complete_rules

    award = award_title(world, "CSTD_CS")
    db.session.execute(db.delete(VotingRule).where(VotingRule.legal_basis == DECREE_91))
    default = db.session.scalar(db.select(VotingRule).where(VotingRule.award_title_id.is_(None)))
    default.effective_from = date(2024, 1, 1)
    db.session.commit()
    assert complete_rules(world.org.id) > 0
    db.session.commit()
    assert complete_rules(world.org.id) == 0  # then a no-op
    from portal.consideration.rules import applicable_rule

    assert applicable_rule(world.org.id, award.id, date(2023, 3, 1)).legal_basis == DECREE_91
