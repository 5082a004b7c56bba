"""The voting rules: which one applies on a date, and whether a tally passes it.

All arithmetic is on integers: "at least 80% of all members" is
`agree * 100 >= 80 * total`, so 4 of 5 passes and 7 of 9 does not, with no
float rounding anywhere. Abstentions and members who did not vote stay in the
denominator (all members) and are not agreement; whether members who declared a
conflict of interest stay in it is the rule's `base` (data, with its basis).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from flask_babel import gettext as _
from sqlalchemy import or_, select, true

from portal.consideration.models import (
    AwardTitle,
    ThresholdComparison,
    VoteBase,
    VoteChoice,
    VotingRule,
)
from portal.extensions import db
from portal.formatting import format_date
from portal.rules import RuleError


@dataclass(frozen=True)
class Tally:
    total_members: int
    agree: int = 0
    disagree: int = 0
    abstain: int = 0
    conflict: int = 0

    @property
    def not_voted(self) -> int:
        return self.total_members - self.agree - self.disagree - self.abstain - self.conflict

    def base_members(self, base: VoteBase) -> int:
        return base.size(self.total_members, self.conflict)


def tally(choices: Iterable[VoteChoice], total_members: int) -> Tally:
    """Count the choices cast on one nomination by a council of `total_members`."""
    counts = dict.fromkeys(VoteChoice, 0)
    for choice in choices:
        counts[VoteChoice(choice)] += 1
    result = Tally(
        total_members=total_members,
        agree=counts[VoteChoice.AGREE],
        disagree=counts[VoteChoice.DISAGREE],
        abstain=counts[VoteChoice.ABSTAIN],
        conflict=counts[VoteChoice.CONFLICT],
    )
    if result.not_voted < 0:
        raise ValueError("more votes than council members")
    return result


def meets_threshold(
    agree: int, total_members: int, threshold_percent: int, comparison: ThresholdComparison
) -> bool:
    """True when `agree` of `total_members` reaches the threshold (exact integers)."""
    if total_members <= 0:
        return False
    if comparison == ThresholdComparison.MORE_THAN:
        return agree * 100 > threshold_percent * total_members
    return agree * 100 >= threshold_percent * total_members


def passes(result: Tally, rule: VotingRule) -> bool:
    return meets_threshold(
        result.agree, result.base_members(rule.base), rule.threshold_percent, rule.comparison
    )


def has_quorum(present: int, total_members: int, quorum_percent: int) -> bool:
    """At least `quorum_percent` of all members present (exact integers; 0: no quorum)."""
    return present * 100 >= quorum_percent * total_members


def _in_force(query, on: date):
    return query.where(
        VotingRule.effective_from <= on,
        or_(VotingRule.effective_to.is_(None), VotingRule.effective_to >= on),
    ).order_by(VotingRule.effective_from.desc(), VotingRule.id.desc())


def rules_in_force(
    organization_id: int, on: date
) -> tuple[dict[int, VotingRule], VotingRule | None]:
    """In one query: the title-specific rules in force on `on` (by title id) and the default."""
    by_title: dict[int, VotingRule] = {}
    default: VotingRule | None = None
    query = _in_force(select(VotingRule).where(VotingRule.organization_id == organization_id), on)
    for rule in db.session.scalars(query):  # latest start first: it wins
        if rule.award_title_id is None:
            default = default or rule
        else:
            by_title.setdefault(rule.award_title_id, rule)
    return by_title, default


def applicable_rule(organization_id: int, award_title_id: int, on: date) -> VotingRule | None:
    """The rule in force on `on` for the title; else the default rule in force; else None."""
    by_title, default = rules_in_force(organization_id, on)
    return by_title.get(award_title_id, default)


def overlapping_rule(candidate: VotingRule) -> VotingRule | None:
    """Another rule for the same title (or another default) whose dates overlap."""
    query = select(VotingRule).where(
        VotingRule.organization_id == candidate.organization_id,
        VotingRule.id != (candidate.id or -1),
        or_(VotingRule.effective_to.is_(None), VotingRule.effective_to >= candidate.effective_from),
    )
    if candidate.award_title_id is None:
        query = query.where(VotingRule.award_title_id.is_(None))
    else:
        query = query.where(VotingRule.award_title_id == candidate.award_title_id)
    if candidate.effective_to is not None:
        query = query.where(VotingRule.effective_from <= candidate.effective_to)
    return db.session.scalars(query.order_by(VotingRule.effective_from).limit(1)).first()


def save_rule(rule: VotingRule) -> VotingRule:
    """Add or keep an edited rule, refusing dates that overlap another rule of the same title.

    Results already fixed keep their own copy of the rule, so editing is safe.
    The caller commits (or rolls back on the error).
    """
    if not 1 <= rule.threshold_percent <= 100:
        raise RuleError(_("Tỷ lệ phải từ 1 đến 100."), "threshold_percent")
    rule.quorum_percent = rule.quorum_percent or 0
    rule.base = rule.base or VoteBase.ALL_MEMBERS
    if not 0 <= rule.quorum_percent <= 100:
        raise RuleError(_("Tỷ lệ phải từ 0 đến 100."), "quorum_percent")
    if rule.quorum_percent and not (rule.quorum_basis or "").strip():
        raise RuleError(_("Nêu căn cứ của số thành viên dự họp tối thiểu."), "quorum_basis")
    if not (rule.base_basis or "").strip():
        if rule.base != VoteBase.ALL_MEMBERS:
            raise RuleError(_("Nêu căn cứ của cách tính tỷ lệ."), "base_basis")
        # The statutory base (all members): its basis is the rule's own.
        rule.base_basis = _(
            "%(basis)s: tỷ lệ tính trên tổng số thành viên Hội đồng", basis=rule.legal_basis
        )
    if rule.effective_to is not None and rule.effective_to < rule.effective_from:
        raise RuleError(_("Ngày hết hiệu lực phải sau ngày bắt đầu hiệu lực."), "effective_to")
    with db.session.no_autoflush:
        clash = overlapping_rule(rule)
    if clash is not None:
        raise RuleError(
            _(
                "Trùng thời gian hiệu lực với quy định “%(basis)s” (từ %(start)s).",
                basis=clash.legal_basis,
                start=format_date(clash.effective_from),
            ),
            "effective_from",
        )
    db.session.add(rule)
    db.session.flush()
    return rule


def describe_threshold(
    comparison: ThresholdComparison, threshold_percent: int, base: VoteBase = VoteBase.ALL_MEMBERS
) -> str:
    """'Từ 80% trở lên tổng số thành viên' / 'Trên 50% tổng số thành viên'."""
    if base == VoteBase.EXCLUDING_CONFLICT:
        if comparison == ThresholdComparison.MORE_THAN:
            return _(
                "Trên %(p)s%% tổng số thành viên Hội đồng không có xung đột lợi ích",
                p=threshold_percent,
            )
        return _(
            "Từ %(p)s%% trở lên tổng số thành viên Hội đồng không có xung đột lợi ích",
            p=threshold_percent,
        )
    if comparison == ThresholdComparison.MORE_THAN:
        return _("Trên %(p)s%% tổng số thành viên Hội đồng", p=threshold_percent)
    return _("Từ %(p)s%% trở lên tổng số thành viên Hội đồng", p=threshold_percent)


def save_title(title: AwardTitle) -> AwardTitle:
    """Add or keep an edited award title, refusing a code another title of the
    organization already has. The caller commits (or rolls back on the error)."""
    title.code = title.code.strip().upper()
    title.name = title.name.strip()
    with db.session.no_autoflush:
        clash = db.session.scalar(
            select(AwardTitle.id).where(
                AwardTitle.organization_id == title.organization_id,
                AwardTitle.code == title.code,
                (AwardTitle.id != title.id) if title.id else true(),
            )
        )
    if clash:
        raise RuleError(_("Mã này đã được dùng."), "code")
    db.session.add(title)
    db.session.flush()
    return title
