"""Column helpers shared by every model and query: ids, timestamps in UTC."""

from __future__ import annotations

from collections.abc import Collection
from datetime import UTC, datetime

from sqlalchemy import ColumnElement, DateTime, false
from sqlalchemy.orm import Mapped, mapped_column


def utcnow() -> datetime:
    return datetime.now(UTC)


class TimestampMixin:
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(
        DateTime(timezone=True), default=utcnow, onupdate=utcnow
    )


def as_utc(value: datetime | None) -> datetime | None:
    """SQLite returns naive datetimes for timezone columns; they are UTC."""
    if value is None or value.tzinfo is not None:
        return value
    return value.replace(tzinfo=UTC)


def in_ids(column: ColumnElement, ids: Collection[int]) -> ColumnElement[bool]:
    """`column IN ids`, and plainly false for no ids (SQL has no empty IN list)."""
    return column.in_(ids) if ids else false()
