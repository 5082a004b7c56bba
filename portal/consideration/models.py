"""Consideration of nominations (bình xét, plan III.5): titles, voting rules, rounds, votes.

Award titles and voting rules belong to an organization and are data, not code:
the rule that decides a nomination is the one in force on the meeting date.
Nominations are not `UnitOwnedMixin` rows: their unit is optional (a nominee may
belong to no unit) and they are read through their round's organization.
"""

from __future__ import annotations

import enum
from datetime import date, datetime, time
from decimal import Decimal

from sqlalchemy import Date, DateTime, ForeignKey, String, Text, Time, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from portal.council.models import CouncilPosition
from portal.db_types import enum_column
from portal.enums import LabelledEnum
from portal.exemplars.models import ExemplarKind
from portal.extensions import db
from portal.models_base import TimestampMixin, VersionedMixin
from portal.msgids import N_


class TitleAudience(LabelledEnum):
    COLLECTIVE = "collective", N_("Tập thể")
    INDIVIDUAL = "individual", N_("Cá nhân")
    BOTH = "both", N_("Tập thể và cá nhân")

    def admits(self, kind: ExemplarKind) -> bool:
        return self == TitleAudience.BOTH or self.value == kind.value


class ThresholdComparison(LabelledEnum):
    # agree / all members >= threshold ("từ 80% trở lên")
    AT_LEAST = "at_least", N_("Từ ... % trở lên")
    # agree / all members > threshold ("quá 50%", simple majority)
    MORE_THAN = "more_than", N_("Trên ... % (quá nửa khi là 50%)")


class VoteBase(LabelledEnum):
    """The denominator of the agreement percentage: rule data, with its basis on the rule."""

    # The statutory texts count against every member of the council, not those present:
    # a member with a conflict of interest stays in the base and is not agreement.
    ALL_MEMBERS = (
        "all_members",
        N_("Tổng số thành viên Hội đồng (kể cả thành viên có xung đột lợi ích)"),
    )
    # For a rule that leaves the members who declared a conflict out of the base.
    EXCLUDING_CONFLICT = (
        "excluding_conflict",
        N_("Tổng số thành viên Hội đồng trừ thành viên có xung đột lợi ích"),
    )

    def size(self, total_members: int, conflict: int) -> int:
        """The number of members the percentage is taken on."""
        if self == VoteBase.EXCLUDING_CONFLICT:
            return total_members - conflict
        return total_members


class RoundStatus(enum.StrEnum):
    OPEN = "open"
    CLOSED = "closed"
    # Cancelled by the Office (with a reason) and replaced by a new round.
    CANCELLED = "cancelled"


class VoteChoice(LabelledEnum):
    AGREE = "agree", N_("Đồng ý")
    DISAGREE = "disagree", N_("Không đồng ý")
    ABSTAIN = "abstain", N_("Không biểu quyết")
    # declared a conflict of interest: does not vote
    CONFLICT = "conflict", N_("Xung đột lợi ích (không bỏ phiếu)")


class AwardTitle(TimestampMixin, VersionedMixin, db.Model):
    """An emulation title or commendation form (danh hiệu thi đua, hình thức khen thưởng)."""

    __tablename__ = "award_titles"
    __table_args__ = (UniqueConstraint("organization_id", "code"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    organization_id: Mapped[int] = mapped_column(ForeignKey("organizations.id"), index=True)
    code: Mapped[str] = mapped_column(String(32))
    name: Mapped[str] = mapped_column(String(255))
    audience: Mapped[TitleAudience] = mapped_column(
        enum_column(TitleAudience), default=TitleAudience.BOTH
    )
    sort_order: Mapped[int] = mapped_column(default=100)
    is_active: Mapped[bool] = mapped_column(default=True)

    def __str__(self) -> str:
        return self.name


class VotingRule(TimestampMixin, VersionedMixin, db.Model):
    """The share of all council members that must agree, in force between two dates.

    `award_title_id` None is the default rule for titles without a statutory threshold.
    """

    __tablename__ = "voting_rules"

    id: Mapped[int] = mapped_column(primary_key=True)
    organization_id: Mapped[int] = mapped_column(ForeignKey("organizations.id"), index=True)
    award_title_id: Mapped[int | None] = mapped_column(ForeignKey("award_titles.id"), index=True)
    comparison: Mapped[ThresholdComparison] = mapped_column(
        enum_column(ThresholdComparison), default=ThresholdComparison.AT_LEAST
    )
    threshold_percent: Mapped[int]
    base: Mapped[VoteBase] = mapped_column(enum_column(VoteBase), default=VoteBase.ALL_MEMBERS)
    effective_from: Mapped[date] = mapped_column(Date)
    effective_to: Mapped[date | None] = mapped_column(Date)
    legal_basis: Mapped[str] = mapped_column(String(500), default="")
    needs_verification: Mapped[bool] = mapped_column(default=False)
    note: Mapped[str] = mapped_column(Text, default="")
    # Whether members with a conflict of interest stay in the base, and why.
    base_basis: Mapped[str] = mapped_column(String(500), default="", server_default="")
    # Quorum: the minimum share of all members present at the meeting (0: none), and why.
    quorum_percent: Mapped[int] = mapped_column(default=0, server_default="0")
    quorum_basis: Mapped[str] = mapped_column(String(500), default="", server_default="")

    award_title: Mapped[AwardTitle | None] = relationship()


class ConsiderationRound(TimestampMixin, VersionedMixin, db.Model):
    """One meeting of the council that considers a list of nominations."""

    __tablename__ = "consideration_rounds"

    id: Mapped[int] = mapped_column(primary_key=True)
    organization_id: Mapped[int] = mapped_column(ForeignKey("organizations.id"), index=True)
    period_id: Mapped[int] = mapped_column(ForeignKey("plan_periods.id"), index=True)
    title: Mapped[str] = mapped_column(String(500))
    year: Mapped[int] = mapped_column(index=True)  # the year whose achievements are considered
    meeting_date: Mapped[date] = mapped_column(Date)
    location: Mapped[str] = mapped_column(String(255), default="")
    meeting_time: Mapped[time | None] = mapped_column(Time)
    # Số biên bản: given when the round closes unless the Office entered one.
    minutes_number: Mapped[str] = mapped_column(String(50), default="", server_default="")
    status: Mapped[RoundStatus] = mapped_column(
        enum_column(RoundStatus), default=RoundStatus.OPEN, index=True
    )
    opened_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    closed_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    closed_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    cancelled_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    cancelled_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    cancel_reason: Mapped[str] = mapped_column(Text, default="", server_default="")
    # The cancelled round this one was opened to replace.
    replaces_id: Mapped[int | None] = mapped_column(ForeignKey("consideration_rounds.id"))

    period = relationship("PlanPeriod")
    organization = relationship("Organization")
    members: Mapped[list[RoundMember]] = relationship(
        back_populates="round", cascade="all, delete-orphan", order_by="RoundMember.id"
    )
    nominations: Mapped[list[Nomination]] = relationship(
        back_populates="round", cascade="all, delete-orphan", order_by="Nomination.id"
    )

    @property
    def is_open(self) -> bool:
        return self.status == RoundStatus.OPEN

    @property
    def is_cancelled(self) -> bool:
        return self.status == RoundStatus.CANCELLED


class RoundMember(db.Model):
    """A council seat as it stood when the round was opened: the voters and the denominator."""

    __tablename__ = "consideration_round_members"
    __table_args__ = (UniqueConstraint("round_id", "user_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    round_id: Mapped[int] = mapped_column(ForeignKey("consideration_rounds.id"), index=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"), index=True)
    position: Mapped[CouncilPosition] = mapped_column(
        enum_column(CouncilPosition), default=CouncilPosition.MEMBER
    )
    title: Mapped[str] = mapped_column(String(255), default="")
    # Absent from the meeting: their written opinion, recorded by the secretary, is their vote.
    absent: Mapped[bool] = mapped_column(default=False)

    round: Mapped[ConsiderationRound] = relationship(back_populates="members")
    user = relationship("User")


class Nomination(TimestampMixin, VersionedMixin, db.Model):
    """A collective or individual proposed for an award title in a round."""

    __tablename__ = "nominations"

    id: Mapped[int] = mapped_column(primary_key=True)
    round_id: Mapped[int] = mapped_column(ForeignKey("consideration_rounds.id"), index=True)
    unit_id: Mapped[int | None] = mapped_column(ForeignKey("units.id"), index=True)
    exemplar_id: Mapped[int | None] = mapped_column(ForeignKey("exemplars.id"), index=True)
    nominee_user_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"), index=True)
    nominee_name: Mapped[str] = mapped_column(String(255))
    nominee_kind: Mapped[ExemplarKind] = mapped_column(enum_column(ExemplarKind))
    award_title_id: Mapped[int] = mapped_column(ForeignKey("award_titles.id"), index=True)
    achievements: Mapped[str] = mapped_column(Text, default="")
    # Why someone who did not register for the title at the start of the year is
    # nominated anyway (required then; shown in the council's minutes).
    unregistered_reason: Mapped[str] = mapped_column(Text, default="", server_default="")

    round: Mapped[ConsiderationRound] = relationship(back_populates="nominations")
    unit = relationship("Unit")
    exemplar = relationship("Exemplar")
    nominee_user = relationship("User")
    award_title: Mapped[AwardTitle] = relationship()
    result: Mapped[NominationResult | None] = relationship(
        back_populates="nomination", cascade="all, delete-orphan", uselist=False
    )
    votes: Mapped[list[Vote]] = relationship(
        back_populates="nomination", cascade="all, delete-orphan"
    )

    def __str__(self) -> str:
        return self.nominee_name

    @property
    def person_user_id(self) -> int | None:
        """The nominee's own account: chosen directly or through the individual exemplar."""
        if self.nominee_user_id:
            return self.nominee_user_id
        if self.exemplar is not None and self.exemplar.kind == ExemplarKind.INDIVIDUAL:
            return self.exemplar.person_user_id
        return None


class Vote(TimestampMixin, db.Model):
    """One member's vote on one nomination. Secret until the round closes."""

    __tablename__ = "consideration_votes"
    __table_args__ = (UniqueConstraint("nomination_id", "member_id"),)
    # The audit log is read by the Office: it must not reveal how anyone voted.
    __audit_exclude__ = {"choice"}

    id: Mapped[int] = mapped_column(primary_key=True)
    round_id: Mapped[int] = mapped_column(ForeignKey("consideration_rounds.id"), index=True)
    nomination_id: Mapped[int] = mapped_column(ForeignKey("nominations.id"), index=True)
    member_id: Mapped[int] = mapped_column(ForeignKey("consideration_round_members.id"), index=True)
    choice: Mapped[VoteChoice] = mapped_column(enum_column(VoteChoice))
    written_opinion: Mapped[bool] = mapped_column(default=False)
    recorded_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))

    nomination: Mapped[Nomination] = relationship(back_populates="votes")
    member: Mapped[RoundMember] = relationship()


class NominationResult(db.Model):
    """The outcome fixed when the round closed, with a copy of the rule it applied."""

    __tablename__ = "nomination_results"

    id: Mapped[int] = mapped_column(primary_key=True)
    nomination_id: Mapped[int] = mapped_column(ForeignKey("nominations.id"), unique=True)
    total_members: Mapped[int]
    agree: Mapped[int]
    disagree: Mapped[int]
    abstain: Mapped[int]
    conflict: Mapped[int]
    not_voted: Mapped[int]
    passed: Mapped[bool]
    # A copy, so that editing the rule later does not rewrite the result.
    rule_id: Mapped[int | None] = mapped_column(ForeignKey("voting_rules.id"))
    comparison: Mapped[ThresholdComparison] = mapped_column(enum_column(ThresholdComparison))
    threshold_percent: Mapped[int]
    legal_basis: Mapped[str] = mapped_column(String(500), default="")
    rule_needed_verification: Mapped[bool] = mapped_column(default=False)
    base: Mapped[VoteBase] = mapped_column(
        enum_column(VoteBase), default=VoteBase.ALL_MEMBERS, server_default="all_members"
    )
    base_basis: Mapped[str] = mapped_column(String(500), default="", server_default="")

    nomination: Mapped[Nomination] = relationship(back_populates="result")

    @property
    def base_members(self) -> int:
        """The number of members the percentage was taken on (the rule's base)."""
        return self.base.size(self.total_members, self.conflict)

    @property
    def agree_percent(self) -> Decimal:
        """Share of the base that agreed, for display (the decision uses integers)."""
        if not self.base_members:
            return Decimal(0)
        return (Decimal(self.agree) * 100 / self.base_members).quantize(Decimal("0.1"))
