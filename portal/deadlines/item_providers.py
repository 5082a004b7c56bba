"""The due items of deadlines (one per unit a deadline applies to), and the helpers
the capabilities with due actions of their own (exemplars' fostering actions,
inspections' corrective actions) build theirs with. Titles are LocalTexts: each
reader (a reminder's recipient, a calendar's owner) reads them in their own
language."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, date, datetime, time

from sqlalchemy import select
from sqlalchemy.orm import lazyload

from portal.deadlines.completion import completion_map
from portal.deadlines.links import deadline_link, portal_path
from portal.deadlines.models import Deadline, DeadlineTarget
from portal.deadlines.providers import DueItem, DueItemKind, ItemQuery, coordinators_by_unit
from portal.deadlines.schedule import Schedule, local_day
from portal.extensions import db
from portal.formatting import VN_TZ
from portal.models_base import as_utc, in_ids
from portal.organizations.models import Unit

# Items that carry only a date are due at the end of that day, Vietnam time.
END_OF_DAY = time(23, 59)


def end_of_day(day: date) -> datetime:
    return datetime.combine(day, END_OF_DAY, VN_TZ).astimezone(UTC)


def deadline_items(query: ItemQuery) -> Iterator[DueItem]:
    """One item per (deadline, unit it applies to)."""
    stmt = select(Deadline)
    if query.organization_id is not None:
        stmt = stmt.where(Deadline.organization_id == query.organization_id)
    if query.due_before is not None:
        stmt = stmt.where(Deadline.due_at <= query.due_before)
    if query.pending_only:
        stmt = stmt.where(Deadline.reminders_enabled.is_(True))
    # The chosen units are read below as (deadline, unit) pairs, only those asked for:
    # a deadline for chosen units can name hundreds.
    stmt = stmt.options(lazyload(Deadline.targets))
    deadlines = db.session.scalars(stmt.order_by(Deadline.due_at)).all()
    if not deadlines:
        return
    units_query = select(Unit.id, Unit.name, Unit.organization_id, Unit.is_active).where(
        Unit.organization_id.in_({d.organization_id for d in deadlines})
    )
    if query.unit_ids is not None:
        units_query = units_query.where(in_ids(Unit.id, query.unit_ids))
    units = db.session.execute(units_query).all()
    names = {u.id: u.name for u in units}
    active_by_org: dict[int, list[int]] = {}
    for unit in units:
        if unit.is_active:
            active_by_org.setdefault(unit.organization_id, []).append(unit.id)
    chosen = _chosen_units([d.id for d in deadlines if not d.all_units], query.unit_ids)
    targets = {
        d.id: _deadline_units(d, active_by_org, chosen.get(d.id, []), query.unit_ids)
        for d in deadlines
    }
    all_units = set().union(*targets.values())
    done = completion_map(deadlines, all_units)
    coordinators = coordinators_by_unit(all_units)
    links: dict[tuple[str, int], str] = {}
    for deadline in deadlines:
        schedule = Schedule(deadline.days_before, deadline.escalate)
        page = portal_path("deadlines.detail", deadline_id=deadline.id)
        for unit_id in targets[deadline.id]:
            link_key = (str(deadline.kind), unit_id)
            if link_key not in links:
                links[link_key] = deadline_link(deadline.kind, unit_id)
            yield DueItem(
                key=f"deadline:{deadline.id}:unit:{unit_id}",
                kind=DueItemKind.DEADLINE,
                organization_id=deadline.organization_id,
                unit_id=unit_id,
                unit_name=names[unit_id],
                title=deadline.title,
                due_at=as_utc(deadline.due_at),
                recipients=frozenset(coordinators.get(unit_id, ())),
                link=links[link_key],
                completed=(deadline.id, unit_id) in done,
                schedule=schedule,
                detail=deadline.description,
                group_key=f"deadline:{deadline.id}",
                group_link=page,
                obligation=(str(deadline.kind), deadline.period_id, deadline.year),
            )


def _chosen_units(deadline_ids: list[int], only: frozenset[int] | None) -> dict[int, list[int]]:
    """deadline id -> the units it was set for (among `only`), in one query."""
    if not deadline_ids or (only is not None and not only):
        return {}
    query = select(DeadlineTarget.deadline_id, DeadlineTarget.unit_id).where(
        in_ids(DeadlineTarget.deadline_id, deadline_ids)
    )
    if only is not None:
        query = query.where(in_ids(DeadlineTarget.unit_id, only))
    chosen: dict[int, list[int]] = {}
    for deadline_id, unit_id in db.session.execute(query.order_by(DeadlineTarget.unit_id)):
        chosen.setdefault(deadline_id, []).append(unit_id)
    return chosen


def _deadline_units(
    deadline: Deadline,
    active_by_org: dict[int, list[int]],
    chosen: list[int],
    only: frozenset[int] | None,
) -> list[int]:
    ids = active_by_org.get(deadline.organization_id, []) if deadline.all_units else chosen
    return [i for i in ids if only is None or i in only]


def owned_action(coordinators: dict[int, set[int]], owner_id: int | None, **fields) -> DueItem:
    """An all-day action reminded to its owner (the unit's coordinators when it
    has none), escalated to those coordinators."""
    unit_team = frozenset(coordinators.get(fields["unit_id"], ()))
    owner = frozenset({owner_id}) if owner_id else unit_team
    return DueItem(all_day=True, recipients=owner, escalate_to=unit_team, **fields)


def unit_filters(stmt, model, query: ItemQuery):
    if query.organization_id is not None:
        stmt = stmt.where(Unit.organization_id == query.organization_id)
    if query.due_before is not None:
        stmt = stmt.where(model.due_date <= local_day(query.due_before))
    if query.unit_ids is not None:
        stmt = stmt.where(in_ids(model.unit_id, query.unit_ids))
    return stmt


def short(text: str, limit: int = 90) -> str:
    text = " ".join((text or "").split())
    return text if len(text) <= limit else text[: limit - 1] + "…"
