"""Criteria sets of a plan period: create, edit, reorder, and version once in use.

A set that has been used (an exemplar evaluation scored against it, or a unit's
self-assessment made with it) is never changed in place: the change is applied
to a new version (a copy of its items), which becomes the current one, and the
old version stays as it was for the records that refer to it. Which records
those are, each capability that scores against a set says (`register_usage`,
called at start-up by portal/registry.py).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal

from flask_babel import gettext as _
from sqlalchemy import ColumnElement, func, select

from portal.criteria.models import CriteriaAudience, CriteriaItem, CriteriaSet
from portal.extensions import db
from portal.periods.models import PlanPeriod

DEFAULT_TITLES = {
    CriteriaAudience.COLLECTIVE: "Tiêu chuẩn tập thể điển hình tiên tiến",
    CriteriaAudience.INDIVIDUAL: "Tiêu chuẩn cá nhân điển hình tiên tiến",
}
ITEM_FIELDS = ("title", "guidance", "weight", "max_score", "required")


class CriteriaError(ValueError):
    """A change the rules do not allow; the message is shown to the user."""


@dataclass
class Change:
    """The outcome of an edit: the set now holding the change, and whether it is new."""

    criteria_set: CriteriaSet
    versioned: bool = False


# name -> usage(set): SQL conditions, each true when a record refers to the set.
Usage = Callable[[CriteriaSet], list[ColumnElement[bool]]]
USAGES: dict[str, Usage] = {}


def register_usage(name: str, usage: Usage) -> None:
    USAGES[name] = usage


def items_of(criteria_set: CriteriaSet):
    """The ids of the set's items, as a subquery for the usages."""
    return select(CriteriaItem.id).where(CriteriaItem.criteria_set_id == criteria_set.id)


def criteria_set_in_use(criteria_set: CriteriaSet) -> bool:
    """True once a record scored against the set refers to it (an exemplar
    evaluation, a unit's self-assessment)."""
    checks = [check for usage in USAGES.values() for check in usage(criteria_set)]
    return any(db.session.scalar(select(check)) for check in checks)


def current_set(period_id: int, audience: CriteriaAudience) -> CriteriaSet | None:
    """The version in force of the period's set for `audience`."""
    return db.session.scalar(
        select(CriteriaSet)
        .where(
            CriteriaSet.period_id == period_id,
            CriteriaSet.audience == audience,
            CriteriaSet.is_current.is_(True),
        )
        .order_by(CriteriaSet.version.desc())
        .limit(1)
    )


def current_sets(period_ids: list[int]) -> dict[tuple[int, CriteriaAudience], CriteriaSet]:
    """The current sets of many periods, keyed by (period id, audience), in one query."""
    rows = db.session.scalars(
        select(CriteriaSet).where(
            CriteriaSet.period_id.in_(period_ids or [-1]), CriteriaSet.is_current.is_(True)
        )
    )
    return {(s.period_id, s.audience): s for s in rows}


def versions_of(criteria_set: CriteriaSet) -> list[CriteriaSet]:
    """Every version of the set's period and audience, newest first."""
    return list(
        db.session.scalars(
            select(CriteriaSet)
            .where(
                CriteriaSet.period_id == criteria_set.period_id,
                CriteriaSet.audience == criteria_set.audience,
            )
            .order_by(CriteriaSet.version.desc())
        )
    )


def ensure_sets(period: PlanPeriod) -> list[CriteriaSet]:
    """Create the period's missing sets (one per audience); returns those created."""
    created = []
    for audience in CriteriaAudience:
        if current_set(period.id, audience) is None:
            criteria_set = CriteriaSet(
                organization_id=period.organization_id,
                period_id=period.id,
                audience=audience,
                version=_next_version(period.id, audience),
                title=DEFAULT_TITLES[audience],
                is_current=True,
            )
            db.session.add(criteria_set)
            created.append(criteria_set)
    db.session.flush()
    return created


def _next_version(period_id: int, audience: CriteriaAudience) -> int:
    latest = db.session.scalar(
        select(func.max(CriteriaSet.version)).where(
            CriteriaSet.period_id == period_id, CriteriaSet.audience == audience
        )
    )
    return (latest or 0) + 1


def new_version(criteria_set: CriteriaSet) -> tuple[CriteriaSet, dict[int, CriteriaItem]]:
    """Copy the set and its items as version n+1, made current; the old one is kept.
    Returns the copy and a map from each old item id to its copy."""
    copy = CriteriaSet(
        organization_id=criteria_set.organization_id,
        period_id=criteria_set.period_id,
        audience=criteria_set.audience,
        version=_next_version(criteria_set.period_id, criteria_set.audience),
        title=criteria_set.title,
        is_current=True,
    )
    mapping = {}
    for item in criteria_set.items:
        clone = CriteriaItem(**{name: getattr(item, name) for name in ITEM_FIELDS})
        clone.position = item.position
        copy.items.append(clone)
        mapping[item.id] = clone
    criteria_set.is_current = False
    db.session.add(copy)
    db.session.flush()
    return copy, mapping


def _writable(criteria_set: CriteriaSet) -> tuple[Change, dict[int, CriteriaItem]]:
    """The set a change goes to: itself while unused, else a new version."""
    if not criteria_set.is_current:
        raise CriteriaError(_("Đây là phiên bản cũ của bộ tiêu chuẩn; chỉ được xem."))
    if not criteria_set_in_use(criteria_set):
        return Change(criteria_set), {item.id: item for item in criteria_set.items}
    copy, mapping = new_version(criteria_set)
    return Change(copy, versioned=True), mapping


def update_set_title(criteria_set: CriteriaSet, title: str) -> Change:
    change, _mapping = _writable(criteria_set)
    change.criteria_set.title = title.strip()
    return change


def add_item(criteria_set: CriteriaSet, **fields: object) -> Change:
    """Append an item at the end of the set."""
    change, _mapping = _writable(criteria_set)
    target = change.criteria_set
    item = CriteriaItem(**_item_values(fields))
    item.position = max((i.position for i in target.items), default=0) + 1
    target.items.append(item)
    db.session.flush()
    return change


def update_item(item: CriteriaItem, **fields: object) -> Change:
    change, mapping = _writable(item.criteria_set)
    target_item = mapping[item.id]
    for name, value in _item_values(fields).items():
        setattr(target_item, name, value)
    db.session.flush()
    return change


def move_item(item: CriteriaItem, offset: int) -> Change:
    """Move an item up (offset -1) or down (+1) in its set."""
    change, mapping = _writable(item.criteria_set)
    items = list(change.criteria_set.items)
    index = items.index(mapping[item.id])
    new_index = index + offset
    if 0 <= new_index < len(items):
        items.insert(new_index, items.pop(index))
    _renumber(items)
    change.criteria_set.items = items
    db.session.flush()
    return change


def remove_item(item: CriteriaItem) -> Change:
    change, mapping = _writable(item.criteria_set)
    target = change.criteria_set
    target.items.remove(mapping[item.id])
    _renumber(target.items)
    db.session.flush()
    return change


def _renumber(items: list[CriteriaItem]) -> None:
    for position, item in enumerate(items, start=1):
        item.position = position


def _item_values(fields: dict) -> dict:
    values = {name: fields[name] for name in ITEM_FIELDS if name in fields}
    if "title" in values:
        values["title"] = str(values["title"]).strip()
    if "guidance" in values:
        values["guidance"] = str(values["guidance"] or "").strip()
    if "weight" in values:
        values["weight"] = Decimal(str(values["weight"]))
        if values["weight"] <= 0:
            raise CriteriaError(_("Trọng số phải lớn hơn 0."))
    if "max_score" in values and int(values["max_score"]) < 1:
        raise CriteriaError(_("Điểm tối đa phải từ 1 trở lên."))
    return values
