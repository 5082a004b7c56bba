"""The minutes of a closed round (web page and Word) and what other documents cite of them.

`minutes_record` gathers everything a council would sign: time and place, the
chair and the secretary from the council seats, attendance, conflicts of
interest, and per nomination the counts, the percentage on the rule's base, the
threshold and its legal basis. `council_decisions` is what the Department's
proposal cites per nomination: meeting date, minutes number, agreement.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import selectinload

from portal.consideration import rules
from portal.consideration.models import (
    ConsiderationRound,
    Nomination,
    NominationResult,
    RoundMember,
    RoundStatus,
    Vote,
    VoteChoice,
)
from portal.consideration.services import council_seats, present_members, round_results
from portal.council.models import CouncilPosition
from portal.documents import signers as document_signers
from portal.documents.congress_records import Issuer
from portal.documents.minutes import AbsentMember, MinutesRecord, Person, VoteRow, build_minutes
from portal.extensions import db


@dataclass(frozen=True)
class CouncilDecision:
    """The council's vote on one nomination, as the Department's proposal cites it."""

    nomination_id: int
    round_id: int
    meeting_date: date
    minutes_number: str
    agree: int
    base_members: int  # the members the percentage is taken on
    agree_percent: Decimal
    threshold_percent: int
    legal_basis: str
    passed: bool


def council_decisions(nomination_ids: Iterable[int]) -> dict[int, CouncilDecision]:
    """nomination id -> the decision of its CLOSED round (open or cancelled rounds: absent)."""
    ids = sorted(set(nomination_ids))
    if not ids:
        return {}
    rows = db.session.execute(
        select(NominationResult, ConsiderationRound)
        .join(Nomination, Nomination.id == NominationResult.nomination_id)
        .join(ConsiderationRound, ConsiderationRound.id == Nomination.round_id)
        .where(Nomination.id.in_(ids), ConsiderationRound.status == RoundStatus.CLOSED)
    ).all()
    return {
        result.nomination_id: CouncilDecision(
            nomination_id=result.nomination_id,
            round_id=round_.id,
            meeting_date=round_.meeting_date,
            minutes_number=round_.minutes_number,
            agree=result.agree,
            base_members=result.base_members,
            agree_percent=result.agree_percent,
            threshold_percent=result.threshold_percent,
            legal_basis=result.legal_basis,
            passed=result.passed,
        )
        for result, round_ in rows
    }


def _person(member) -> Person:
    return Person(member.user.full_name, member.title)


def signers(round_: ConsiderationRound) -> tuple[Person | None, Person | None]:
    """(chair, secretary): the seats the round took from the council of its period; when
    the round has none (seated after it opened), the period's current seat."""
    found: dict[CouncilPosition, Person] = {}
    for member in round_.members:
        if member.position in (CouncilPosition.CHAIR, CouncilPosition.SECRETARY):
            found.setdefault(member.position, _person(member))
    if len(found) < 2:
        for seat in council_seats(round_.period_id):
            if seat.position in (CouncilPosition.CHAIR, CouncilPosition.SECRETARY):
                found.setdefault(seat.position, _person(seat))
    return found.get(CouncilPosition.CHAIR), found.get(CouncilPosition.SECRETARY)


def minutes_record(round_: ConsiderationRound) -> MinutesRecord:
    """The minutes of a closed round (RuleError for an open one: results are secret)."""
    results = round_results(round_)
    members = list(
        db.session.scalars(
            select(RoundMember)
            .where(RoundMember.round_id == round_.id)
            .options(selectinload(RoundMember.user))
            .order_by(RoundMember.id)
        )
    )
    present_ids = present_members(round_)
    written = set(
        db.session.scalars(
            select(Vote.member_id)
            .where(Vote.round_id == round_.id, Vote.written_opinion.is_(True))
            .distinct()
        )
    )
    conflicted: dict[int, list[str]] = defaultdict(list)
    names = {m.id: m.user.full_name for m in members}
    for nomination_id, member_id in db.session.execute(
        select(Vote.nomination_id, Vote.member_id)
        .where(Vote.round_id == round_.id, Vote.choice == VoteChoice.CONFLICT)
        .order_by(Vote.member_id)
    ):
        conflicted[nomination_id].append(names[member_id])
    chair, secretary = signers(round_)
    rows = [
        VoteRow(
            nominee=r.nomination.nominee_name,
            unit=r.nomination.unit.name if r.nomination.unit else "",
            award_title=r.nomination.award_title.name,
            total=r.total_members,
            agree=r.agree,
            disagree=r.disagree,
            abstain=r.abstain,
            conflict=r.conflict,
            not_voted=r.not_voted,
            passed=r.passed,
            base=r.base_members,
            threshold=rules.describe_threshold(r.comparison, r.threshold_percent, r.base),
            legal_basis=r.legal_basis,
            to_verify=r.rule_needed_verification,
            conflicted=tuple(conflicted[r.nomination_id]),
        )
        for r in results
    ]
    return MinutesRecord(
        title=round_.title,
        meeting_date=round_.meeting_date,
        meeting_time=round_.meeting_time,
        location=round_.location,
        minutes_number=round_.minutes_number,
        rows=rows,
        chair=chair,
        secretary=secretary,
        members_total=len(members),
        present=[_person(m) for m in members if m.id in present_ids],
        absent=[
            AbsentMember(m.user.full_name, m.title, written_opinion=m.id in written)
            for m in members
            if m.id not in present_ids
        ],
        unregistered=[
            (
                r.nomination.nominee_name,
                r.nomination.award_title.name,
                r.nomination.unregistered_reason,
            )
            for r in results
            if r.nomination.unregistered_reason
        ],
    )


def issuer_of(round_: ConsiderationRound) -> Issuer:
    return document_signers.issuer_of(round_.organization)


def write_minutes(round_: ConsiderationRound, path: Path) -> Path:
    """The Word minutes of a closed round."""
    return build_minutes(minutes_record(round_), issuer_of(round_), path)
