"""Eligibility hints: whether each nominee's award history meets the rules that tie
the title proposed to earlier ones (portal/consideration/eligibility_rules.py).

A hint informs the Office and the council; it never blocks a nomination or a
vote. The history is read through the provider plugged in at start-up
(portal/consideration/lookups.py: the issued award decisions), in one go for all
the nominees of a page. A title proposed for the same nominee in the same round
counts for the year considered, marked as such.
"""

from __future__ import annotations

from collections.abc import Hashable, Iterable
from dataclasses import dataclass, field
from datetime import date

from flask_babel import gettext as _

from portal.consideration.catalogue import AWARD_TITLES
from portal.consideration.eligibility_rules import EligibilityRule, rules_for
from portal.consideration.lookups import history_provider, nominee_keys
from portal.consideration.models import ConsiderationRound, Nomination
from portal.exemplars.models import ExemplarKind

TITLE_NAMES = {code: name for code, name, _audience in AWARD_TITLES}


@dataclass(frozen=True)
class NomineeRef:
    """A nominee to give hints for: `ref` is what the hints are returned under."""

    ref: Hashable
    code: str  # the title proposed
    kind: str  # "individual" / "collective"
    keys: frozenset[str]
    pending: frozenset[str] = field(default_factory=frozenset)  # codes proposed this year


@dataclass(frozen=True)
class Hint:
    rule: EligibilityRule
    met: bool
    missing: tuple[str, ...] = ()
    pending_used: bool = False  # met only with a title proposed in the same round

    @property
    def text(self) -> str:
        if self.met:
            text = _("Đủ điều kiện theo %(basis)s", basis=self.rule.basis)
            if self.pending_used:
                text += " " + _("(tính cả đề nghị trong phiên này)")
            return text
        return _(
            "Chưa đủ điều kiện theo %(basis)s: thiếu %(missing)s",
            basis=self.rule.basis,
            missing="; ".join(self.missing),
        )


def hints(
    organization_id: int, year: int, on: date, nominees: Iterable[NomineeRef]
) -> dict[Hashable, list[Hint]]:
    """ref -> the hints of the rules in force on `on` for each nominee (one read of the
    history for all of them; nothing when no history provider is plugged in)."""
    nominees = list(nominees)
    applicable = {n.ref: rules_for(n.code, n.kind, on) for n in nominees}
    provider = history_provider()
    wanted = [n for n in nominees if applicable[n.ref]]
    if provider is None or not wanted:
        return {n.ref: [] for n in nominees}
    history = provider(organization_id, {k for n in wanted for k in n.keys})
    result: dict[Hashable, list[Hint]] = {}
    for nominee in nominees:
        awards = {(a.year, a.code) for key in nominee.keys for a in history.get(key, ())}
        result[nominee.ref] = [
            evaluate(rule, awards, year, nominee.pending) for rule in applicable[nominee.ref]
        ]
    return result


def evaluate(
    rule: EligibilityRule, awards: set[tuple[int, str]], year: int, pending=frozenset()
) -> Hint:
    """Whether `awards` ((year, code) pairs) meet `rule` for a nomination of `year`."""
    held = set(awards) | {(year, code) for code in pending}
    names = f" {_('hoặc')} ".join(TITLE_NAMES.get(c, c) for c in rule.requires)

    def has(y: int, within: set) -> bool:
        return any((y, code) in within for code in rule.requires)

    if rule.consecutive:
        needed = range(year - rule.years + 1, year + 1)
        missing = [y for y in needed if not has(y, held)]
        pending_used = any(not has(y, awards) for y in needed) and not missing
        if missing:
            text = _("%(names)s năm %(years)s", names=names, years=", ".join(map(str, missing)))
            return Hint(rule, False, (text,))
        return Hint(rule, True, pending_used=pending_used)
    window = range(year - rule.within + 1, year + 1)
    count = sum(1 for y in window if has(y, held))
    if count >= rule.years:
        return Hint(rule, True, pending_used=sum(1 for y in window if has(y, awards)) < rule.years)
    text = _(
        "%(count)s lần %(names)s trong %(within)s năm gần nhất",
        count=rule.years - count,
        names=names,
        within=rule.within,
    )
    return Hint(rule, False, (text,))


def nomination_ref(nomination: Nomination, pending: frozenset[str] = frozenset()) -> NomineeRef:
    """A nomination as a nominee of the hints (its exemplar, title loaded)."""
    exemplar = nomination.exemplar
    person = nomination.nominee_user_id or (exemplar.person_user_id if exemplar else None)
    return NomineeRef(
        ref=nomination.id,
        code=nomination.award_title.code,
        kind=ExemplarKind(nomination.nominee_kind).value,
        keys=nominee_keys(
            nomination.nominee_kind, nomination.unit_id, nomination.exemplar_id, person
        ),
        pending=pending,
    )


def round_hints(round_: ConsiderationRound) -> dict[Hashable, list[Hint]]:
    """nomination id -> hints, for every nomination of the round (titles and exemplars
    loaded with the round: `access.FULL_ROUND`)."""
    refs = [nomination_ref(n) for n in round_.nominations]
    with_pending = []
    for ref in refs:
        same = {other.code for other in refs if other.ref != ref.ref and other.keys & ref.keys}
        with_pending.append(NomineeRef(ref.ref, ref.code, ref.kind, ref.keys, frozenset(same)))
    return hints(round_.organization_id, round_.year, round_.meeting_date, with_pending)
