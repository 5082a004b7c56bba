"""Who may see which unit: the one place every unit-scoped lookup goes through.

Rules: the Department Office and viewers see every unit of their organization;
coordinators and staff see their own unit; council members see the units
assigned to them. Nobody sees another organization. A foreign id is a 404
(its existence is not revealed); a visible unit without the right to act is a 403.

Council reading follows the assignment: a council member (who holds no other role in
the unit) reads a unit's records only for the years they are assigned to it
(`CouncilAssignment.year`), plus the inspections (and their findings) they led or
attended. What "the year" of a record is, per kind, is `COUNCIL_YEARS` below:

- self-assessments, annual reports, inspections, planned inspections: their `year`;
- an exemplar: every year from `year_identified` to `year_recognised` (open while it
  is still being fostered), so a member assigned in 2025 follows an exemplar found
  in 2024; its events, fostering actions, evaluations and stories follow it;
- propagation activities: the year of `activity_date`; training: the years from
  `start_date` to `end_date`; difficulties: the year of `raised_at`;
- a congress submission: every year of its plan period (the congress is once a period);
- the rows inside a record (items, commendations, findings, responses, corrections,
  members, nominees) follow their record;
- an attachment (evidence, photos): the years of the record that owns it.

Deadline targets and completions and review events are no yearly record (None there);
`tests/test_tenancy_years.py` makes each table of unit data choose. `scoped()` and
`get_scoped_or_404()` apply the rule: a record outside the assigned years is a 404,
like a foreign one. Pages that count a unit's records (dashboards, the unit's home)
count them whole.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date
from functools import wraps
from typing import Any, TypeVar

from flask import abort
from flask_login import current_user, login_required
from sqlalchemy import ColumnElement, ForeignKey, Select, and_, extract, or_, select
from sqlalchemy import inspect as sa_inspect
from sqlalchemy.orm import Mapped, declared_attr, mapped_column
from sqlalchemy.orm.interfaces import ORMOption
from werkzeug.local import LocalProxy

from portal.accounts.models import CouncilAssignment, Role, User
from portal.extensions import db
from portal.models_base import in_ids
from portal.organizations.models import Organization, Unit
from portal.request_cache import request_cache

M = TypeVar("M")

ORG_WIDE_READERS = (Role.OFFICE_ADMIN, Role.VIEWER)


def _current_org() -> Organization | None:
    if not current_user or not current_user.is_authenticated:
        return None
    return current_user.organization


current_org: Organization | None = LocalProxy(_current_org)  # type: ignore[assignment]


class UnitOwnedMixin:
    """Marks a table as unit data: it carries the unit it belongs to."""

    @declared_attr
    def unit_id(cls) -> Mapped[int]:  # noqa: N805
        return mapped_column(ForeignKey("units.id"), index=True)


def sees_whole_organization(user: User) -> bool:
    return user.has_role(*ORG_WIDE_READERS)


def visible_unit_ids(user: User | None = None) -> set[int]:
    """Ids of the units `user` may read, computed once per request."""
    user = user or current_user
    if not user or not user.is_authenticated:
        return set()
    cache = request_cache("visible units")
    if user.id in cache:
        return cache[user.id]
    query = select(Unit.id).where(Unit.organization_id == user.organization_id)
    if not sees_whole_organization(user):
        ids = user.unit_ids_with(Role.COORDINATOR, Role.STAFF)
        if user.has_role(Role.COUNCIL_MEMBER):
            ids |= assigned_unit_ids(user)
        query = query.where(in_ids(Unit.id, ids))
    result = set(db.session.scalars(query))
    cache[user.id] = result
    return result


def assigned_unit_ids(user: User, year: int | None = None) -> set[int]:
    """Units a council member is assigned to (any year unless one is given)."""
    return {unit_id for unit_id, assigned in _assignments(user) if year in (None, assigned)}


def _assignments(user: User) -> list[tuple[int, int]]:
    """(unit id, year) of every council assignment of `user` in their organization,
    read once per request (the visible units, the council's years and the council's
    pages all ask)."""
    cache = request_cache("council assignments")
    if user.id not in cache:
        rows = db.session.execute(
            select(CouncilAssignment.unit_id, CouncilAssignment.year).where(
                CouncilAssignment.user_id == user.id,
                CouncilAssignment.organization_id == user.organization_id,
            )
        )
        cache[user.id] = [(unit_id, year) for unit_id, year in rows]
    return cache[user.id]


@dataclass(frozen=True)
class Years:
    """The years a row belongs to: the year of `first` (a year, a date or a timestamp),
    or every year from `first` to `last` (an empty `last`: still running). `took_part`
    names the user-id columns and the member relationships (rows with `user_id`) of the
    people who took part: they read the row whatever their assigned years."""

    first: str
    last: str | None = None
    took_part: tuple[str, ...] = ()


@dataclass(frozen=True)
class Via:
    """The row belongs to the years of the record its relationship `to` leads to."""

    to: str


@dataclass(frozen=True)
class Owner:
    """An attachment: it belongs to the years of its owner (`owner_type`, `owner_id`)."""


# An attachment's owner_type -> the table of its owner.
ATTACHMENT_OWNERS = {
    "exemplar": "exemplars",
    "exemplar_evaluation": "exemplar_evaluations",
    "fostering_action": "fostering_actions",
    "propagation_activity": "propagation_activities",
    "exemplar_story": "exemplar_stories",
    "difficulty": "difficulties",
    "congress_nominee": "congress_nominees",
    "assessment_item": "self_assessment_items",
    "inspection": "inspections",
    "finding_response": "finding_responses",
}


# Per table of unit data: which years a council member must be assigned to read a row
# (see the module's docstring); None: no yearly record, reached through its owner.
COUNCIL_YEARS: dict[str, Years | Via | Owner | None] = {
    "self_assessments": Years("year"),
    "self_assessment_items": Via("assessment"),
    "annual_reports": Years("year"),
    "annual_report_commendations": Via("report"),
    "exemplars": Years("year_identified", "year_recognised"),
    "exemplar_events": Via("exemplar"),
    "fostering_actions": Via("exemplar"),
    "exemplar_evaluations": Via("exemplar"),
    "exemplar_evaluation_scores": Via("evaluation"),
    "exemplar_stories": Via("exemplar"),
    "propagation_activities": Years("activity_date"),
    "propagation_activity_exemplars": Via("activity"),
    "training_records": Years("start_date", "end_date"),
    "difficulties": Years("raised_at"),
    "inspections": Years("year", took_part=("lead_inspector_id", "members")),
    "inspection_members": Via("inspection"),
    "inspection_findings": Via("inspection"),
    "finding_responses": Via("finding"),
    "inspection_corrections": Via("inspection"),
    "supervision_plan_items": Years("year", took_part=("members",)),
    "supervision_plan_members": Via("plan_item"),
    "congress_submissions": Via("period"),
    "congress_honourees": Via("submission"),
    "congress_nominees": Via("submission"),
    "registrations": Years("year"),
    # An award recipient follows its decision's year (the year of the achievements).
    "award_recipients": Via("decision"),
    "award_decisions": Years("year"),  # not unit data: the year a recipient is read in
    "registration_entries": Via("registration"),
    "plan_periods": Years("start_year", "end_year"),  # not unit data: what a congress spans
    "attachments": Owner(),  # the years of its owner (ATTACHMENT_OWNERS)
    # Deadline targets and completions are the Office's follow-up; review events are
    # shown on their record's page.
    "review_events": None,
    # A unit's particulars (address, organisation) are no yearly record.
    "unit_profiles": None,
    # Movements and budgets are the organization's or a unit's, of no single year.
    "movements": None,
    "movement_units": None,
    "programme_budgets": None,
    "deadline_targets": None,
    "deadline_completions": None,
}


def council_years(user: User | None = None) -> dict[int, frozenset[int]]:
    """{unit id: assigned years} of the units `user` reads only as a council member
    (not as the Office, a viewer, or one of the unit's people), once per request."""
    user = user or current_user
    if not user or not user.is_authenticated or sees_whole_organization(user):
        return {}
    if not user.has_role(Role.COUNCIL_MEMBER):
        return {}
    cache = request_cache("council years")
    if user.id in cache:
        return cache[user.id]
    own = user.unit_ids_with(Role.COORDINATOR, Role.STAFF)
    by_unit: dict[int, set[int]] = {}
    for unit_id, year in _assignments(user):
        if unit_id not in own:
            by_unit.setdefault(unit_id, set()).add(year)
    result = {unit_id: frozenset(years) for unit_id, years in by_unit.items()}
    cache[user.id] = result
    return result


def council_clause(model: type, user: User | None = None) -> ColumnElement[bool] | None:
    """The condition on `model` rows (unit data) that keeps, in the units `user` reads
    as a council member, only the rows of their assigned years or that they took part
    in; None when nothing is to be kept out."""
    user = user or current_user
    limited = council_years(user)
    rule = COUNCIL_YEARS.get(model.__tablename__)  # type: ignore[attr-defined]
    if not limited or rule is None:
        return None
    units_by_years: dict[frozenset[int], list[int]] = {}
    for unit_id, years in limited.items():
        units_by_years.setdefault(years, []).append(unit_id)
    unit_column = model.unit_id  # type: ignore[attr-defined]
    parts = [unit_column.not_in(list(limited))]  # read in every year
    for years, unit_ids in units_by_years.items():
        parts.append(and_(unit_column.in_(unit_ids), _years_clause(model, rule, years, user.id)))
    return or_(*parts)


def require_year_readable(unit_id: int, year: int, user: User | None = None) -> None:
    """404 when `user` reads the unit only as a council member and is not assigned to it
    for `year`: a page about one year of a unit (its dashboard) follows the same rule as
    its records."""
    years = council_years(user).get(unit_id)
    if years is not None and year not in years:
        abort(404)


def in_assigned_years(obj: Any, user: User | None = None) -> bool:
    """Whether the rule of `council_clause` keeps the row `obj`."""
    user = user or current_user
    years = council_years(user).get(obj.unit_id)
    rule = COUNCIL_YEARS.get(obj.__table__.name)
    if years is None or rule is None:
        return True
    return _row_in_years(obj, rule, years, user.id)


def _year_of(model: type, name: str) -> ColumnElement:
    column = getattr(model, name)
    if issubclass(column.type.python_type, date):
        return extract("year", column)
    return column


def _years_clause(model: type, rule: Years | Via | Owner, years: frozenset[int], user_id: int):
    if isinstance(rule, Owner):
        parts = []
        for owner_type, table in ATTACHMENT_OWNERS.items():
            owner = _model_of(table)
            kept = select(owner.id).where(
                _years_clause(owner, COUNCIL_YEARS[table], years, user_id)  # type: ignore[arg-type]
            )
            parts.append(and_(model.owner_type == owner_type, model.owner_id.in_(kept)))  # type: ignore[attr-defined]
        return or_(*parts)
    if isinstance(rule, Via):
        relation = getattr(model, rule.to)
        target = relation.property.mapper.class_
        return relation.has(
            _years_clause(target, COUNCIL_YEARS[target.__tablename__], years, user_id)
        )
    first = _year_of(model, rule.first)
    if rule.last is None:
        clause = first.in_(sorted(years))
    else:
        last = getattr(model, rule.last)
        clause = or_(
            *(and_(first <= y, or_(last.is_(None), _year_of(model, rule.last) >= y)) for y in years)
        )
    took_part = [_took_part_clause(model, name, user_id) for name in rule.took_part]
    return or_(clause, *took_part) if took_part else clause


def _took_part_clause(model: type, name: str, user_id: int) -> ColumnElement[bool]:
    attribute = getattr(model, name)
    if name.endswith("_id"):
        return attribute == user_id
    return attribute.any(user_id=user_id)


def _row_in_years(obj: Any, rule: Years | Via | Owner, years: frozenset[int], user_id: int) -> bool:
    if isinstance(rule, Owner):
        table = ATTACHMENT_OWNERS.get(obj.owner_type)
        owner = db.session.get(_model_of(table), obj.owner_id) if table else None
        return owner is not None and _row_in_years(owner, COUNCIL_YEARS[table], years, user_id)  # type: ignore[arg-type]
    if isinstance(rule, Via):
        target = getattr(obj, rule.to)
        return target is not None and _row_in_years(
            target, COUNCIL_YEARS[target.__table__.name], years, user_id
        )
    for name in rule.took_part:
        value = getattr(obj, name)
        if value == user_id or (
            isinstance(value, list) and any(m.user_id == user_id for m in value)
        ):
            return True
    first = _as_year(getattr(obj, rule.first))
    if rule.last is None:
        return first in years
    last = _as_year(getattr(obj, rule.last))
    return any(first <= y and (last is None or last >= y) for y in years)


def _model_of(table: str) -> type:
    """The mapped class of a table (models are above this module: found, not imported)."""
    for mapper in db.Model.registry.mappers:
        if mapper.local_table.name == table:
            return mapper.class_
    raise LookupError(table)


def _as_year(value: Any) -> Any:
    return value.year if isinstance(value, date) else value


def can_edit_unit(unit_id: int, user: User | None = None) -> bool:
    """The Office edits every unit of its organization; a coordinator edits their own."""
    user = user or current_user
    if unit_id not in visible_unit_ids(user):
        return False
    return user.is_office or unit_id in user.unit_ids_with(Role.COORDINATOR)


def visible_units(user: User | None = None, active_only: bool = False) -> Select:
    """A select of the units `user` may read, ordered by name."""
    query = select(Unit).where(in_ids(Unit.id, visible_unit_ids(user)))
    if active_only:
        query = query.where(Unit.is_active.is_(True))
    return query.order_by(Unit.name)


def get_unit_or_404(unit_id: int) -> Unit:
    if unit_id not in visible_unit_ids():
        abort(404)
    return db.session.get(Unit, unit_id) or abort(404)


def scoped(model: type[M], user: User | None = None) -> Select:
    """A select of `model` rows (which carry `unit_id`) in units `user` may read (for a
    council member: of the assigned years, see `council_clause`)."""
    query = select(model).where(in_ids(model.unit_id, visible_unit_ids(user)))  # type: ignore[attr-defined]
    clause = council_clause(model, user)
    return query if clause is None else query.where(clause)


def get_scoped_or_404(model: type[M], object_id: int, options: Sequence[ORMOption] = ()) -> M:
    """A unit-owned row by id (loaded with `options`, e.g. `selectinload(...)`), or 404
    when it is outside what the user may read (for a council member: outside the
    assigned years)."""
    obj = _load(model, object_id, options)
    if obj is None or obj.unit_id not in visible_unit_ids():  # type: ignore[attr-defined]
        abort(404)
    if not in_assigned_years(obj):
        abort(404)
    return obj


def get_child_or_404(
    model: type[M], object_id: int, parent: Any, options: Sequence[ORMOption] = ()
) -> M:
    """A row by id that belongs to `parent` (through its one foreign key to the parent's
    table), or 404. `parent` is a row already fetched through a scoped lookup, so its
    children are in scope and anyone else's ids are not found."""
    obj = _load(model, object_id, options)
    if obj is None or getattr(obj, _parent_key(model, parent)) != parent.id:
        abort(404)
    return obj


def _load(model: type[M], object_id: int, options: Sequence[ORMOption]) -> M | None:
    # With options, load afresh even a row already in the session (perhaps expired,
    # whose refresh would ignore them), so that what the options load is there.
    return db.session.get(model, object_id, options=options, populate_existing=bool(options))


def _parent_key(model: type, parent: Any) -> str:
    """The attribute of `model` that holds its parent's id (say `round_id`)."""
    parent_table = parent.__class__.__table__  # through a proxy such as `current_user` too
    (column,) = (
        column
        for column in model.__table__.columns  # type: ignore[attr-defined]
        if any(key.column.table is parent_table for key in column.foreign_keys)
    )
    return sa_inspect(model).get_property_by_column(column).key


def get_editable_or_404(model: type[M], object_id: int) -> M:
    """As `get_scoped_or_404`, then 403 unless the user may edit that unit."""
    obj = get_scoped_or_404(model, object_id)
    if not can_edit_unit(obj.unit_id):  # type: ignore[attr-defined]
        abort(403)
    return obj


def get_org_owned_or_404(model: type[M], object_id: int, options: Sequence[ORMOption] = ()) -> M:
    """A row that belongs to the organization (carries `organization_id`), loaded with
    `options`."""
    obj = _load(model, object_id, options)
    # `current_org` is a proxy: test its truth, it is never `None` itself.
    if obj is None or not current_org or obj.organization_id != current_org.id:  # type: ignore[attr-defined]
        abort(404)
    return obj


def org_scoped(model: type[M]) -> Select:
    """A select of `model` rows of the current user's organization."""
    org_id = current_org.id if current_org else -1
    return select(model).where(model.organization_id == org_id)  # type: ignore[attr-defined]


def roles_required(*roles: Role) -> Callable:
    """Login, then 403 unless the user holds one of `roles`."""

    def decorator(view: Callable) -> Callable:
        @wraps(view)
        @login_required
        def wrapped(*args: Any, **kwargs: Any) -> Any:
            if not current_user.has_role(*roles):
                abort(403)
            return view(*args, **kwargs)

        return wrapped

    return decorator


office_required = roles_required(Role.OFFICE_ADMIN)


def require_unit_edit(unit_id: int) -> None:
    """404 for a unit the user cannot see, 403 for one they may only read."""
    if unit_id not in visible_unit_ids():
        abort(404)
    if not can_edit_unit(unit_id):
        abort(403)
