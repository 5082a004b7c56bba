"""Reading the audit log: the organization's entries, filtered, newest first."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta

from sqlalchemy import Select, select
from sqlalchemy.orm import joinedload

from portal.audit import AuditLog
from portal.extensions import db
from portal.formatting import VN_TZ

# Columns that identify rather than describe: shown in their own column, not as changes.
HIDDEN_FIELDS = {"id"}


@dataclass
class AuditFilters:
    actor_id: int | None = None
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
    return query.options(joinedload(AuditLog.actor)).order_by(
        AuditLog.at.desc(), AuditLog.id.desc()
    )


def object_types(organization_id: int) -> list[str]:
    """The kinds of object the organization's log mentions, for the filter."""
    return list(
        db.session.scalars(
            select(AuditLog.object_type)
            .where(AuditLog.organization_id == organization_id)
            .distinct()
            .order_by(AuditLog.object_type)
        )
    )


def visible_changes(entry: AuditLog) -> list[tuple[str, object, object]]:
    """(field, before, after) of an entry, for display."""
    return [
        (name, values[0] if len(values) > 0 else None, values[1] if len(values) > 1 else None)
        for name, values in sorted((entry.changes or {}).items())
        if name not in HIDDEN_FIELDS and isinstance(values, list | tuple)
    ]
