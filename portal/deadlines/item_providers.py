"""The built-in due item providers: deadlines per unit, fostering actions, and the
corrective actions of inspection findings. The last two import their models
lazily: those capabilities may be installed later than this one. Their titles are
LocalTexts: each reader (a reminder's recipient, a calendar's owner) reads them
in their own language."""

from __future__ import annotations

import importlib
from collections.abc import Iterator
from datetime import UTC, date, datetime, time

from sqlalchemy import select

from portal.deadlines.completion import completion_map
from portal.deadlines.links import deadline_link, portal_path
from portal.deadlines.models import Deadline
from portal.deadlines.providers import (
    DueItem,
    DueItemKind,
    ItemQuery,
    coordinators_by_unit,
    register_provider,
)
from portal.deadlines.schedule import Schedule, local_day
from portal.extensions import db
from portal.formatting import VN_TZ, format_date
from portal.i18n import LocalText
from portal.models_base import as_utc
from portal.msgids import N_
from portal.organizations.models import Unit

# Items that carry only a date are due at the end of that day, Vietnam time.
END_OF_DAY = time(23, 59)


def end_of_day(day: date) -> datetime:
    return datetime.combine(day, END_OF_DAY, VN_TZ).astimezone(UTC)


def _optional(module: str, *names: str) -> tuple | None:
    try:
        loaded = importlib.import_module(module)
    except ModuleNotFoundError:
        return None
    found = tuple(getattr(loaded, name, None) for name in names)
    return None if None in found else found


def deadline_items(query: ItemQuery) -> Iterator[DueItem]:
    """One item per (deadline, unit it applies to)."""
    stmt = select(Deadline)
    if query.organization_id is not None:
        stmt = stmt.where(Deadline.organization_id == query.organization_id)
    if query.due_before is not None:
        stmt = stmt.where(Deadline.due_at <= query.due_before)
    if query.pending_only:
        stmt = stmt.where(Deadline.reminders_enabled.is_(True))
    deadlines = db.session.scalars(stmt.order_by(Deadline.due_at)).all()
    if not deadlines:
        return
    units = db.session.execute(
        select(Unit.id, Unit.name, Unit.organization_id, Unit.is_active).where(
            Unit.organization_id.in_({d.organization_id for d in deadlines})
        )
    ).all()
    names = {u.id: u.name for u in units}
    active_by_org: dict[int, list[int]] = {}
    for unit in units:
        if unit.is_active:
            active_by_org.setdefault(unit.organization_id, []).append(unit.id)
    targets = {d.id: _deadline_units(d, active_by_org, query.unit_ids) for d in deadlines}
    all_units = set().union(*targets.values())
    done = completion_map(deadlines, all_units)
    coordinators = coordinators_by_unit(all_units)
    links: dict[tuple[str, int], str] = {}
    for deadline in deadlines:
        schedule = Schedule(deadline.days_before, deadline.escalate)
        page = portal_path([("deadlines.detail", {"deadline_id": deadline.id})])
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
            )


def _deadline_units(
    deadline: Deadline, active_by_org: dict[int, list[int]], only: frozenset[int] | None
) -> list[int]:
    if deadline.all_units:
        ids = list(active_by_org.get(deadline.organization_id, []))
    else:
        ids = sorted(deadline.target_unit_ids)
    return [i for i in ids if only is None or i in only]


def fostering_items(query: ItemQuery) -> Iterator[DueItem]:
    """Fostering actions of exemplars (plan II.1), reminded to their owner."""
    found = _optional("portal.exemplars.models", "FosteringAction", "Exemplar")
    if found is None:
        return
    action_model, exemplar_model = found
    stmt = (
        select(action_model, exemplar_model.name, Unit.name, Unit.organization_id)
        .join(exemplar_model, exemplar_model.id == action_model.exemplar_id)
        .join(Unit, Unit.id == action_model.unit_id)
        .where(action_model.due_date.is_not(None), action_model.status != "cancelled")
    )
    if query.pending_only:
        stmt = stmt.where(action_model.status != "done")
    stmt = _common_filters(stmt, action_model, query)
    rows = db.session.execute(stmt).all()
    coordinators = coordinators_by_unit({row[0].unit_id for row in rows})
    for action, exemplar_name, unit_name, org_id in rows:
        yield _owned_action(
            coordinators,
            action.owner_user_id,
            key=f"fostering_action:{action.id}",
            kind=DueItemKind.FOSTERING_ACTION,
            organization_id=org_id,
            unit_id=action.unit_id,
            unit_name=unit_name,
            title=LocalText(
                N_("Bồi dưỡng điển hình «%(exemplar)s»: %(action)s"),
                exemplar=exemplar_name,
                action=_short(action.description),
            ),
            due_at=end_of_day(action.due_date),
            link=portal_path(
                [
                    ("exemplars.detail", {"exemplar_id": action.exemplar_id}),
                    ("exemplars.index", {}),
                ]
            ),
            completed=_value(action.status) == "done",
            detail=action.owner_name or "",
        )


def finding_items(query: ItemQuery) -> Iterator[DueItem]:
    """Corrective actions of inspection findings (plan III.4), reminded to their owner."""
    found = _optional("portal.inspections.models", "InspectionFinding", "Inspection")
    if found is None:
        return
    finding_model, inspection_model = found
    stmt = (
        select(finding_model, inspection_model.inspection_date, Unit.name, Unit.organization_id)
        .join(inspection_model, inspection_model.id == finding_model.inspection_id)
        .join(Unit, Unit.id == finding_model.unit_id)
        .where(finding_model.due_date.is_not(None), finding_model.corrective_action != "")
    )
    if query.pending_only:
        stmt = stmt.where(finding_model.status.in_(["open", "sent_back"]))
    stmt = _common_filters(stmt, finding_model, query)
    rows = db.session.execute(stmt).all()
    coordinators = coordinators_by_unit({row[0].unit_id for row in rows})
    for finding, inspected_on, unit_name, org_id in rows:
        yield _owned_action(
            coordinators,
            finding.action_owner_user_id,
            key=f"finding_action:{finding.id}",
            kind=DueItemKind.FINDING_ACTION,
            organization_id=org_id,
            unit_id=finding.unit_id,
            unit_name=unit_name,
            title=LocalText(
                N_("Khắc phục sau kiểm tra ngày %(day)s: %(action)s"),
                day=format_date(inspected_on),
                action=_short(finding.corrective_action),
            ),
            due_at=end_of_day(finding.due_date),
            link=portal_path(
                [
                    ("inspections.finding_detail", {"finding_id": finding.id}),
                    ("inspections.detail", {"inspection_id": finding.inspection_id}),
                    ("inspections.index", {}),
                ]
            ),
            completed=_value(finding.status) not in ("open", "sent_back"),
            detail=finding.action_owner_name or "",
        )


def _owned_action(coordinators: dict[int, set[int]], owner_id: int | None, **fields) -> DueItem:
    """An all-day action reminded to its owner (the unit's coordinators when it
    has none), escalated to those coordinators."""
    unit_team = frozenset(coordinators.get(fields["unit_id"], ()))
    owner = frozenset({owner_id}) if owner_id else unit_team
    return DueItem(all_day=True, recipients=owner, escalate_to=unit_team, **fields)


def _common_filters(stmt, model, query: ItemQuery):
    if query.organization_id is not None:
        stmt = stmt.where(Unit.organization_id == query.organization_id)
    if query.due_before is not None:
        stmt = stmt.where(model.due_date <= local_day(query.due_before))
    if query.unit_ids is not None:
        stmt = stmt.where(model.unit_id.in_(query.unit_ids or {-1}))
    return stmt


def _value(state: object) -> object:
    return getattr(state, "value", state)


def _short(text: str, limit: int = 90) -> str:
    text = " ".join((text or "").split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


register_provider("deadline", deadline_items)
register_provider("fostering_action", fostering_items)
register_provider("finding_action", finding_items)
