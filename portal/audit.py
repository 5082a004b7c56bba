"""The record of who changed what and when, written automatically on every flush.

Every model is audited unless it sets `__audited__ = False`; columns named in
`__audit_exclude__` (password hashes and the like) are never written out.
"""

from __future__ import annotations

import enum
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from flask import has_request_context
from flask_login import current_user
from sqlalchemy import JSON, DateTime, ForeignKey, String, event, insert, inspect, select
from sqlalchemy.orm import Mapped, Session, mapped_column, relationship

from portal.extensions import db
from portal.models_base import utcnow


class AuditLog(db.Model):
    __tablename__ = "audit_log"
    __audited__ = False

    id: Mapped[int] = mapped_column(primary_key=True)
    at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow, index=True)
    organization_id: Mapped[int | None] = mapped_column(ForeignKey("organizations.id"), index=True)
    actor_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"), index=True)
    action: Mapped[str] = mapped_column(String(16))  # create / update / delete
    object_type: Mapped[str] = mapped_column(String(64), index=True)
    object_id: Mapped[str] = mapped_column(String(64))
    unit_id: Mapped[int | None] = mapped_column(index=True)
    changes: Mapped[dict] = mapped_column(JSON, default=dict)

    actor = relationship("User")


def _plain(value: Any) -> Any:
    if isinstance(value, enum.Enum):
        return value.value
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, bytes):
        return f"<{len(value)} bytes>"
    return value


def _changes(obj: Any, action: str) -> dict[str, list[Any]]:
    state = inspect(obj)
    excluded = getattr(obj, "__audit_exclude__", set())
    result: dict[str, list[Any]] = {}
    for attr in state.mapper.column_attrs:
        key = attr.key
        if key in excluded or key in ("created_at", "updated_at"):
            continue
        if action == "create":
            value = getattr(obj, key)
            if value is not None:
                result[key] = [None, _plain(value)]
        elif action == "delete":
            result[key] = [_plain(state.committed_state.get(key, getattr(obj, key))), None]
        else:
            history = state.attrs[key].history
            if history.has_changes():
                before = history.deleted[0] if history.deleted else None
                after = history.added[0] if history.added else None
                if before != after:
                    result[key] = [_plain(before), _plain(after)]
    return result


def _actor() -> tuple[int | None, int | None]:
    """The signed-in person (id, organization) or (None, None) for the system."""
    override = getattr(db.session, "info", {}).get("audit_actor_id")
    if override:
        return override, db.session.info.get("audit_org_id")
    if has_request_context() and current_user and current_user.is_authenticated:
        return current_user.id, current_user.organization_id
    return None, None


def act_as(user: Any) -> None:
    """Attribute the session's next changes to `user` (jobs, CLI commands)."""
    db.session.info["audit_actor_id"] = user.id if user else None
    db.session.info["audit_org_id"] = user.organization_id if user else None


@event.listens_for(Session, "after_flush")
def _record_changes(session: Session, flush_context: Any) -> None:
    rows = []
    for action, objects in (
        ("create", session.new),
        ("update", session.dirty),
        ("delete", session.deleted),
    ):
        for obj in objects:
            if not getattr(obj, "__audited__", True) or not hasattr(obj, "__table__"):
                continue
            if action == "update" and not session.is_modified(obj, include_collections=False):
                continue
            changes = _changes(obj, action)
            if action == "update" and not changes:
                continue
            rows.append((obj, action, changes))
    if not rows:
        return
    actor_id, actor_org = _actor()
    unit_orgs = _organizations_of_units(
        session, {getattr(o, "unit_id", None) for o, _, _ in rows} - {None}
    )
    values = []
    for obj, action, changes in rows:
        identity = inspect(obj).identity or (getattr(obj, "id", None),)
        org_id = (
            getattr(obj, "organization_id", None)
            or unit_orgs.get(getattr(obj, "unit_id", None))
            or actor_org
        )
        if type(obj).__name__ == "Organization":
            org_id = obj.id
        values.append(
            {
                "at": utcnow(),
                "organization_id": org_id,
                "actor_id": actor_id,
                "action": action,
                "object_type": type(obj).__name__,
                "object_id": ",".join(str(i) for i in identity),
                "unit_id": getattr(obj, "unit_id", None),
                "changes": changes,
            }
        )
    session.connection().execute(insert(AuditLog.__table__), values)


def _organizations_of_units(session: Session, unit_ids: set[int]) -> dict[int, int]:
    if not unit_ids:
        return {}
    from portal.organizations.models import Unit

    result = session.connection().execute(
        select(Unit.id, Unit.organization_id).where(Unit.id.in_(unit_ids))
    )
    return dict(result.all())
