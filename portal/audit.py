"""The record of who changed what and when, written automatically on every flush.

Every model is audited unless it sets `__audited__ = False` (or its table is in
NOT_AUDITED_TABLES); columns named in `__audit_exclude__` (password hashes, progress
ticks and the like) are never written out, and an update that touches only those
columns is not recorded at all. Each row carries the request (or job) that made it,
so that the log shows one action's changes together.
"""

from __future__ import annotations

import enum
import uuid
from datetime import date, datetime, time
from decimal import Decimal
from typing import Any

from flask import g, has_request_context
from flask_login import current_user
from rq import get_current_job
from sqlalchemy import (
    JSON,
    DateTime,
    ForeignKey,
    Index,
    String,
    event,
    insert,
    inspect,
    select,
)
from sqlalchemy.exc import InvalidRequestError
from sqlalchemy.orm import Mapped, Mapper, Session, mapped_column, object_session, relationship

from portal.extensions import db
from portal.models_base import utcnow

# Bookkeeping tables whose rows are no one's change (one-time submission tokens).
NOT_AUDITED_TABLES = frozenset({"submission_tokens"})

# Columns never recorded on any table: they change with every save.
ALWAYS_EXCLUDED = frozenset({"created_at", "updated_at", "lock_version"})


class AuditLog(db.Model):
    __tablename__ = "audit_log"
    __audited__ = False
    # The Office's page: one organization's entries, newest first.
    __table_args__ = (Index("ix_audit_log_organization_id_at", "organization_id", "at"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow, index=True)
    organization_id: Mapped[int | None] = mapped_column(ForeignKey("organizations.id"), index=True)
    actor_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"), index=True)
    action: Mapped[str] = mapped_column(String(16))  # create / update / delete
    object_type: Mapped[str] = mapped_column(String(64), index=True)
    object_id: Mapped[str] = mapped_column(String(64))
    unit_id: Mapped[int | None] = mapped_column(index=True)
    changes: Mapped[dict] = mapped_column(JSON, default=dict)
    # The request or job that made the change; None for a command line session.
    request_id: Mapped[str | None] = mapped_column(String(64))

    actor = relationship("User")


def _plain(value: Any) -> Any:
    if isinstance(value, enum.Enum):
        return value.value
    if isinstance(value, datetime | date | time):  # time: a meeting hour
        return value.isoformat()
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, bytes):
        return f"<{len(value)} bytes>"
    return value


def _changes(obj: Any, action: str) -> dict[str, list[Any]]:
    state = inspect(obj)
    result: dict[str, list[Any]] = {}
    for key in audited_columns(type(obj)):
        if action == "create":
            value = getattr(obj, key)
            if value is not None:
                result[key] = [None, _plain(value)]
        elif action == "delete":
            # Read without loading: the row is gone (before_flush loaded what it could).
            result[key] = [_plain(state.committed_state.get(key, state.dict.get(key))), None]
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


def current_request_id() -> str | None:
    """What groups the changes of one action: the web request (one id per request),
    else the job being run (its id), else nothing."""
    if has_request_context():
        if "audit_request_id" not in g:
            g.audit_request_id = uuid.uuid4().hex
        return g.audit_request_id
    job = get_current_job()
    return job.id[:64] if job is not None else None


def is_audited(model: type) -> bool:
    """Whether the listener records changes of `model`'s rows."""
    table = getattr(model, "__table__", None)
    return (
        table is not None
        and getattr(model, "__audited__", True)
        and table.name not in NOT_AUDITED_TABLES
    )


def audited_columns(model: type) -> list[str]:
    """The columns whose values the log records for `model`."""
    excluded = set(getattr(model, "__audit_exclude__", set())) | ALWAYS_EXCLUDED
    return [attr.key for attr in inspect(model).column_attrs if attr.key not in excluded]


def act_as(user: Any) -> None:
    """Attribute the session's next changes to `user` (jobs, CLI commands)."""
    db.session.info["audit_actor_id"] = user.id if user else None
    db.session.info["audit_org_id"] = user.organization_id if user else None


def _load_values_before_change(mapper: Mapper, class_: type) -> None:
    """Setting an attribute that is not loaded (expired by a commit) first loads its
    old value, so that an update records what it was and not an empty "before"."""
    if not getattr(class_, "__audited__", True):
        return
    for attr in mapper.column_attrs:
        attribute = getattr(class_, attr.key)
        if not event.contains(attribute, "set", _keep_value):
            event.listen(attribute, "set", _keep_value, active_history=True, retval=True)


def watch_configured_mappers() -> None:
    """What `_load_values_before_change` does, for the mappers configured before the
    listener was installed (a module that builds loader options at import configures
    them early)."""
    for mapper in db.Model.registry.mappers:
        if mapper.configured:
            _load_values_before_change(mapper, mapper.class_)


def _keep_value(target: Any, value: Any, oldvalue: Any, initiator: Any) -> Any:
    return value


def _load_rows_to_delete(session: Session, flush_context: Any, instances: Any) -> None:
    """A row deleted while expired is loaded first, so its record has the values."""
    for obj in session.deleted:
        state = inspect(obj)
        if getattr(obj, "__audited__", True) and state.expired_attributes:
            try:
                session.refresh(obj)
            except InvalidRequestError:  # already gone from the database
                continue


def _remember_deleted(mapper: Mapper, connection: Any, target: Any) -> None:
    """Rows removed by a delete-orphan cascade never pass through `session.deleted`:
    collect every deleted row here, for `_record_changes`."""
    session = object_session(target)
    if session is not None:
        session.info.setdefault("audit_deleted", []).append(target)


def _record_changes(session: Session, flush_context: Any) -> None:
    rows = []
    deleted = list(session.deleted)
    deleted += [o for o in session.info.pop("audit_deleted", []) if o not in session.deleted]
    for action, objects in (
        ("create", session.new),
        ("update", session.dirty),
        ("delete", deleted),
    ):
        for obj in objects:
            if not is_audited(type(obj)):
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
    request_id = current_request_id()
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
                "request_id": request_id,
            }
        )
    session.connection().execute(insert(AuditLog.__table__), values)


# Installed by portal/registry.py at start-up. They listen on the Session and Mapper
# classes, so they see every session: requests, jobs, the worker, CLI commands.
LISTENERS = (
    (Mapper, "mapper_configured", _load_values_before_change),
    (Session, "before_flush", _load_rows_to_delete),
    (Mapper, "after_delete", _remember_deleted),
    (Session, "after_flush", _record_changes),
)


def _organizations_of_units(session: Session, unit_ids: set[int]) -> dict[int, int]:
    if not unit_ids:
        return {}
    from portal.organizations.models import Unit

    result = session.connection().execute(
        select(Unit.id, Unit.organization_id).where(Unit.id.in_(unit_ids))
    )
    return dict(result.all())
