"""The council votes on the congress nominees (issue 12, point 4).

When the Office has accepted units' congress submissions, one action puts every
proposed title of those submissions before the council: it opens a consideration
round (or adds to an open one of the same period) with one `Nomination` per
`CongressNominee` that proposes a title, and links the two
(`CongressNominee.nomination_id`). Doing it again adds only what is not yet there.
The round then runs as any other (portal.consideration); the Department's proposal
lists only the nominees whose nomination passed (`council_decision`), and the
compiled dossier carries the minutes of those rounds (`council_round_ids`).

Congress sits above consideration (tests/test_layers.py): the link lives here.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from flask_babel import gettext as _
from sqlalchemy import select
from sqlalchemy.orm import selectinload

from portal.accounts.models import User
from portal.congress.models import CongressNominee, CongressSubmission
from portal.congress.records import nominee_record
from portal.consideration import services as consideration
from portal.consideration.minutes import council_decisions
from portal.consideration.models import (
    ConsiderationRound,
    Nomination,
    NominationResult,
    RoundStatus,
)
from portal.documents.congress_records import CouncilDecision, CouncilMeeting, PassedNominee
from portal.extensions import db
from portal.formatting import format_number
from portal.organizations.models import Unit
from portal.periods.models import PlanPeriod
from portal.reviews.states import ReviewState
from portal.rules import RuleError


def accepted_nominees(period: PlanPeriod, lock: bool = False) -> list[CongressNominee]:
    """The nominees proposing a title in the period's accepted submissions, by unit and name.

    `lock` takes a row lock on them (PostgreSQL `FOR UPDATE`), so that two clicks at
    once cannot both link the same nominee."""
    query = (
        select(CongressNominee)
        .join(CongressSubmission, CongressSubmission.id == CongressNominee.submission_id)
        .join(Unit, Unit.id == CongressSubmission.unit_id)
        .where(
            CongressSubmission.period_id == period.id,
            CongressSubmission.state == ReviewState.ACCEPTED,
            Unit.organization_id == period.organization_id,
            CongressNominee.award_title_id.is_not(None),
        )
        .order_by(Unit.name, CongressNominee.id)
    )
    if lock:
        query = query.with_for_update(of=CongressNominee)
    else:
        query = query.options(
            selectinload(CongressNominee.exemplar),
            selectinload(CongressNominee.award_title),
            selectinload(CongressNominee.submission).selectinload(CongressSubmission.unit),
            selectinload(CongressNominee.nomination).selectinload(Nomination.result),
            selectinload(CongressNominee.nomination).selectinload(Nomination.round),
        )
    return list(db.session.scalars(query))


def open_rounds(period: PlanPeriod) -> list[ConsiderationRound]:
    """The period's open rounds the nominees can be added to, the latest meeting first."""
    return list(
        db.session.scalars(
            select(ConsiderationRound)
            .where(
                ConsiderationRound.organization_id == period.organization_id,
                ConsiderationRound.period_id == period.id,
                ConsiderationRound.status == RoundStatus.OPEN,
            )
            .order_by(ConsiderationRound.meeting_date.desc(), ConsiderationRound.id.desc())
        )
    )


@dataclass
class RoundRequest:
    """Where the nominees go: an open round (`round_id`), or a new one with these details."""

    round_id: int | None = None
    title: str = ""
    year: int | None = None
    meeting_date: date | None = None
    location: str = ""


@dataclass
class Sent:
    round: ConsiderationRound
    added: list[CongressNominee] = field(default_factory=list)
    refused: list[tuple[CongressNominee, str]] = field(default_factory=list)


def _target_round(period: PlanPeriod, request: RoundRequest, actor: User) -> ConsiderationRound:
    if request.round_id:
        round_ = db.session.get(ConsiderationRound, request.round_id)
        if (
            round_ is None
            or round_.organization_id != period.organization_id
            or round_.period_id != period.id
        ):
            raise RuleError(_("Phiên bình xét không hợp lệ."), "round_id")
        if not round_.is_open:
            raise RuleError(_("Phiên bình xét đã kết thúc, không thể thêm đề nghị."), "round_id")
        return round_
    if request.meeting_date is None:
        raise RuleError(_("Nhập ngày họp Hội đồng để mở phiên bình xét mới."), "meeting_date")
    return consideration.open_round(
        period.organization_id,
        period,
        request.title or default_title(period),
        request.year or default_year(period, request.meeting_date),
        request.meeting_date,
        request.location,
        opened_by=actor,
    )


def default_title(period: PlanPeriod) -> str:
    return _(
        "Xét đề nghị khen thưởng tại Đại hội Thi đua yêu nước giai đoạn %(term)s",
        term=f"{period.start_year}-{period.end_year}",
    )


def default_year(period: PlanPeriod, on: date | None) -> int:
    """The year considered: the meeting's year when inside the period, else its last year."""
    if on is not None and on.year in period.years:
        return on.year
    return period.end_year


def is_linked(nominee: CongressNominee) -> bool:
    """Already before the council: its nomination is in an open or closed round. A
    nomination deleted from its round, or in a round the Office cancelled, leaves the
    nominee to be sent again (to the round that replaces it)."""
    nomination = nominee.nomination if nominee.nomination_id is not None else None
    return nomination is not None and nomination.round.status != RoundStatus.CANCELLED


def send_to_council(period: PlanPeriod, request: RoundRequest, actor: User) -> Sent:
    """Put the accepted submissions' proposed titles before the council, in one action.

    Nominees already in a round are left as they are, so a second click adds nothing;
    with nothing left to add it is refused (no empty round is opened). A nominee whose
    title the consideration rules refuse is not added and is reported. The caller commits.
    """
    pending = [n for n in accepted_nominees(period, lock=True) if not is_linked(n)]
    if not pending:
        raise RuleError(
            _(
                "Không có đề nghị nào mới: mọi đề nghị khen thưởng trong các hồ sơ đã chấp "
                "nhận đều đã được đưa ra Hội đồng xét."
            )
        )
    round_ = _target_round(period, request, actor)
    sent = Sent(round=round_)
    for nominee in pending:
        data = consideration.NomineeInput(
            award_title=nominee.award_title,
            exemplar=nominee.exemplar,
            achievements=nominee.achievements,
        )
        try:
            nomination = consideration.add_nomination(round_, data)
        except RuleError as refused:
            sent.refused.append((nominee, refused.message))
            continue
        nominee.nomination = nomination
        sent.added.append(nominee)
    if not sent.added:
        raise RuleError(
            _("Không đề nghị nào được đưa ra Hội đồng: %(why)s", why=_refusals(sent.refused))
        )
    db.session.flush()
    return sent


def _refusals(refused: list[tuple[CongressNominee, str]]) -> str:
    return "; ".join(f"{n.exemplar.name} ({message})" for n, message in refused)


def describe_refusals(sent: Sent) -> str:
    return _refusals(sent.refused)


# --- results -----------------------------------------------------------------


@dataclass(frozen=True)
class Outcome:
    """Where a nominee's proposed title stands before the council."""

    round: ConsiderationRound | None = None
    result: NominationResult | None = None

    @property
    def sent(self) -> bool:
        return self.round is not None

    @property
    def decided(self) -> bool:
        return self.result is not None and self.round is not None and not self.round.is_open

    @property
    def passed(self) -> bool:
        return self.decided and self.result.passed


def outcome_of(nominee: CongressNominee) -> Outcome:
    """The council's result for the nominee; nothing of the votes while the round is open."""
    if not is_linked(nominee):
        return Outcome()
    nomination = nominee.nomination
    round_ = nomination.round
    return Outcome(round=round_, result=None if round_.is_open else nomination.result)


def percent_text(value) -> str:
    return format_number(value, 1) + "%"


def meeting_of(round_: ConsiderationRound) -> CouncilMeeting:
    return CouncilMeeting(
        title=round_.title,
        meeting_date=round_.meeting_date,
        minutes_number=round_.minutes_number,
        location=round_.location,
    )


def council_decision(submissions: list[CongressSubmission]) -> CouncilDecision:
    """What the Department may propose: the accepted submissions' nominees whose title
    the council passed, with the meetings that decided them; the others counted."""
    passed, meetings, undecided, failed, delegates = [], {}, 0, 0, []
    decided = council_decisions(
        n.nomination_id for s in submissions for n in s.nominees if is_linked(n)
    )
    for submission in submissions:
        unit_name = submission.unit.name
        for nominee in sorted(submission.nominees, key=lambda n: (n.exemplar.name, n.id)):
            record = nominee_record(nominee, unit_name)
            if nominee.sector_delegate or nominee.provincial_delegate:
                delegates.append(record)
            if nominee.award_title_id is None:
                continue
            decision = decided.get(nominee.nomination_id) if is_linked(nominee) else None
            if decision is None:
                undecided += 1
            elif not decision.passed:
                failed += 1
            else:
                round_ = nominee.nomination.round
                meeting = meetings.setdefault(round_.id, meeting_of(round_))
                passed.append(PassedNominee(record, percent_text(decision.agree_percent), meeting))
    return CouncilDecision(
        unit_count=len(submissions),
        meetings=sorted(meetings.values(), key=lambda m: (m.meeting_date, m.minutes_number)),
        passed=passed,
        failed=failed,
        undecided=undecided,
        delegates=delegates,
    )


def council_round_ids(submissions: list[CongressSubmission]) -> list[int]:
    """The closed rounds that considered these submissions' nominees (their minutes go
    into the dossier), in meeting order."""
    nominee_ids = [n.id for s in submissions for n in s.nominees]
    if not nominee_ids:
        return []
    return list(
        db.session.scalars(
            select(ConsiderationRound.id)
            .join(Nomination, Nomination.round_id == ConsiderationRound.id)
            .join(CongressNominee, CongressNominee.nomination_id == Nomination.id)
            .where(
                CongressNominee.id.in_(nominee_ids),
                ConsiderationRound.status == RoundStatus.CLOSED,
            )
            .group_by(ConsiderationRound.id, ConsiderationRound.meeting_date)
            .order_by(ConsiderationRound.meeting_date, ConsiderationRound.id)
        )
    )
