"""Reading the audit log: the organization's entries, filtered, newest first, a page
at a time without counting the whole log (it grows with every change)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta

from flask import current_app, request
from sqlalchemy import Select, select
from sqlalchemy.orm import joinedload

from portal.accounts.models import User
from portal.audit import AuditLog
from portal.audit_labels import registered_labels
from portal.enums import translate
from portal.extensions import db
from portal.formatting import VN_TZ
from portal.listing import text_search


@dataclass
class AuditFilters:
    actor_id: int | None = None
    person: str = ""  # words of the name or email of who made the change
    object_type: str = ""
    action: str = ""
    unit_id: int | None = None
    date_from: date | None = None
    date_to: date | None = None


def _start_of(day: date) -> datetime:
    """Midnight of `day` in Vietnam, as the UTC instant the log stores.

    In UTC explicitly: SQLite keeps the wall-clock time and drops the zone.
    """
    return datetime.combine(day, time.min, tzinfo=VN_TZ).astimezone(UTC)


def audit_query(organization_id: int, filters: AuditFilters) -> Select:
    query = select(AuditLog).where(AuditLog.organization_id == organization_id)
    if filters.actor_id:
        query = query.where(AuditLog.actor_id == filters.actor_id)
    if filters.person:
        people = select(User.id).where(
            User.organization_id == organization_id,
            text_search(filters.person, User.full_name, User.email),
        )
        query = query.where(AuditLog.actor_id.in_(people))
    if filters.object_type:
        query = query.where(AuditLog.object_type == filters.object_type)
    if filters.action:
        query = query.where(AuditLog.action == filters.action)
    if filters.unit_id:
        query = query.where(AuditLog.unit_id == filters.unit_id)
    if filters.date_from:
        query = query.where(AuditLog.at >= _start_of(filters.date_from))
    if filters.date_to:
        query = query.where(AuditLog.at < _start_of(filters.date_to + timedelta(days=1)))
    # Only the name of who made each change: not their roles (User.memberships loads
    # with every User otherwise).
    actor = joinedload(AuditLog.actor)
    return query.options(
        actor.load_only(User.full_name, User.email), actor.lazyload(User.memberships)
    ).order_by(AuditLog.at.desc(), AuditLog.id.desc())


def record_kinds() -> list[tuple[str, str]]:
    """(object type, its name) of every kind of record the log may mention, by name:
    from the labels, not from a DISTINCT over the whole log."""
    kinds = ((key, str(translate(labels.name))) for key, labels in registered_labels().items())
    return sorted(kinds, key=lambda kind: kind[1].lower())


@dataclass
class LogPage:
    """A page of entries, knowing only whether there is a next one: no count(*) of a
    log that grows with every change. Read by the audit page's pager."""

    items: list[AuditLog]
    page: int
    has_next: bool

    @property
    def has_prev(self) -> bool:
        return self.page > 1


def page_of_log(query: Select) -> LogPage:
    """The page the query string asks for, reading one entry more than a page."""
    page = max(1, request.args.get("page", 1, type=int))
    per_page = current_app.config["ITEMS_PER_PAGE"]
    rows = list(
        db.session.scalars(query.limit(per_page + 1).offset((page - 1) * per_page)).unique()
    )
    return LogPage(items=rows[:per_page], page=page, has_next=len(rows) > per_page)
