"""Casting votes, written opinions of absent members, and what may be shown before closing.

Secrecy: while a round is open a member reads back only their own votes; the
Office (and everybody else) learns only who has voted and how many of the
nominations each member has answered, never a choice or a running count.
Written opinions are write-only for the secretary and the Office: the form says
which nominations have an opinion recorded, not what it says.
"""

from __future__ import annotations

from collections.abc import Mapping

from flask_babel import gettext as _
from sqlalchemy import func, select

from portal.accounts.models import User
from portal.consideration.models import (
    ConsiderationRound,
    RoundMember,
    Vote,
    VoteChoice,
)
from portal.consideration.services import lock_round, require_open
from portal.council.models import CouncilPosition
from portal.extensions import db
from portal.rules import RuleError


def member_for(round_: ConsiderationRound, user: User) -> RoundMember | None:
    """The user's seat in this round, if they are one of its members."""
    return next((m for m in round_.members if m.user_id == user.id), None)


def may_record_written_opinions(round_: ConsiderationRound, user: User) -> bool:
    """The Office, or the member who is the council's secretary in this round."""
    if user.organization_id != round_.organization_id:
        return False
    if user.is_office:
        return True
    seat = member_for(round_, user)
    return seat is not None and seat.position == CouncilPosition.SECRETARY


def _store(
    round_: ConsiderationRound,
    member: RoundMember,
    choices: Mapping[int, VoteChoice],
    recorded_by: User,
    written: bool,
) -> int:
    nomination_ids = {n.id for n in round_.nominations}
    unknown = set(choices) - nomination_ids
    if unknown:
        raise RuleError(_("Đề nghị không thuộc phiên bình xét này."))
    existing = {
        v.nomination_id: v
        for v in db.session.scalars(select(Vote).where(Vote.member_id == member.id))
    }
    for nomination_id, choice in choices.items():
        vote = existing.get(nomination_id)
        if vote is None:
            vote = Vote(round_id=round_.id, nomination_id=nomination_id, member_id=member.id)
            db.session.add(vote)
        vote.choice = VoteChoice(choice)
        vote.written_opinion = written
        vote.recorded_by_id = recorded_by.id
    db.session.flush()
    return len(choices)


def cast_votes(
    round_: ConsiderationRound, member: RoundMember, choices: Mapping[int, VoteChoice]
) -> int:
    """A member's own votes (new or changed) on some nominations. The caller commits.

    Serialised with the close on the round row: a ballot that arrives after the
    close (or waited for it) is refused."""
    lock_round(round_)
    require_open(round_)
    if member.round_id != round_.id:
        raise RuleError(_("Bạn không phải thành viên của phiên bình xét này."))
    if member.absent:
        raise RuleError(
            _(
                "Bạn được ghi nhận vắng mặt: ý kiến bằng văn bản của bạn do thư ký ghi nhận. "
                "Liên hệ thư ký Hội đồng nếu bạn có mặt tại cuộc họp."
            )
        )
    return _store(round_, member, choices, member.user, written=False)


def record_written_opinion(
    round_: ConsiderationRound,
    member: RoundMember,
    choices: Mapping[int, VoteChoice],
    recorded_by: User,
) -> int:
    """The written opinion of an absent member, which counts as their vote."""
    lock_round(round_)
    require_open(round_)
    if member.round_id != round_.id:
        raise RuleError(_("Thành viên không thuộc phiên bình xét này."))
    if not may_record_written_opinions(round_, recorded_by):
        raise RuleError(_("Chỉ thư ký Hội đồng hoặc Văn phòng Sở ghi nhận ý kiến bằng văn bản."))
    in_person = db.session.scalar(
        select(func.count(Vote.id)).where(
            Vote.member_id == member.id, Vote.written_opinion.is_(False)
        )
    )
    if in_person:
        raise RuleError(
            _("Thành viên này đã trực tiếp bỏ phiếu nên không thể ghi nhận là vắng mặt.")
        )
    member.absent = True
    return _store(round_, member, choices, recorded_by, written=True)


def mark_present(round_: ConsiderationRound, member: RoundMember, by: User) -> int:
    """Undo an absence recorded by mistake: the written opinion is discarded."""
    lock_round(round_)
    require_open(round_)
    if member.round_id != round_.id or not may_record_written_opinions(round_, by):
        raise RuleError(_("Chỉ thư ký Hội đồng hoặc Văn phòng Sở ghi nhận vắng mặt."))
    written = list(
        db.session.scalars(
            select(Vote).where(Vote.member_id == member.id, Vote.written_opinion.is_(True))
        )
    )
    for vote in written:
        db.session.delete(vote)
    member.absent = False
    db.session.flush()
    return len(written)


def own_votes(round_: ConsiderationRound, member: RoundMember) -> dict[int, VoteChoice]:
    """The member's own choices: the only votes anyone may read before the round closes."""
    return dict(
        db.session.execute(
            select(Vote.nomination_id, Vote.choice).where(
                Vote.round_id == round_.id, Vote.member_id == member.id
            )
        ).all()
    )


def recorded_nominations(round_: ConsiderationRound, member: RoundMember) -> set[int]:
    """Nominations on which the member has a vote, without saying which."""
    return set(
        db.session.scalars(
            select(Vote.nomination_id).where(
                Vote.round_id == round_.id, Vote.member_id == member.id
            )
        )
    )


def participation(round_: ConsiderationRound) -> dict[int, int]:
    """member id -> number of nominations answered. Who has voted, never how."""
    return dict(
        db.session.execute(
            select(Vote.member_id, func.count(Vote.id))
            .where(Vote.round_id == round_.id)
            .group_by(Vote.member_id)
        ).all()
    )
