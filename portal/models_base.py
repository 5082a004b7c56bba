"""Column helpers shared by every model and query: ids, timestamps in UTC."""

from __future__ import annotations

from collections.abc import Collection
from datetime import UTC, datetime

from sqlalchemy import ColumnElement, DateTime, Integer, false
from sqlalchemy.orm import Mapped, declared_attr, mapped_column


def utcnow() -> datetime:
    return datetime.now(UTC)


class TimestampMixin:
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(
        DateTime(timezone=True), default=utcnow, onupdate=utcnow
    )


class VersionedMixin:
    """A record edited through forms: `lock_version` counts its saves, and SQLAlchemy
    updates it only where it still holds the value read (`version_id_col`), so that
    two people saving the same record never silently overwrite each other (the form
    carries the version it was loaded with: `portal.actions.attempt_edit`)."""

    lock_version: Mapped[int] = mapped_column(Integer, default=1, server_default="1")

    @declared_attr.directive
    def __mapper_args__(cls) -> dict:  # noqa: N805
        return {"version_id_col": cls.__table__.c.lock_version}


class FormVersionedMixin:
    """A record edited through a form and also updated by other code that must never
    conflict with it (a user's sign-in time, password, session token): its version
    counts the saves of its forms only (`attempt_edit` raises it), and every update
    is still made only where the row holds the version read, so that two stale forms
    never overwrite each other."""

    lock_version: Mapped[int] = mapped_column(Integer, default=1, server_default="1")

    @declared_attr.directive
    def __mapper_args__(cls) -> dict:  # noqa: N805
        return {"version_id_col": cls.__table__.c.lock_version, "version_id_generator": False}


def as_utc(value: datetime | None) -> datetime | None:
    """SQLite returns naive datetimes for timezone columns; they are UTC."""
    if value is None or value.tzinfo is not None:
        return value
    return value.replace(tzinfo=UTC)


def in_ids(column: ColumnElement, ids: Collection[int]) -> ColumnElement[bool]:
    """`column IN ids`, and plainly false for no ids (SQL has no empty IN list)."""
    return column.in_(ids) if ids else false()
