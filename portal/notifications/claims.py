"""Claim rows under a unique constraint: INSERT ... ON CONFLICT DO NOTHING.

This is how "exactly once" is kept for reminders, digests and announcements:
the claim row is inserted before the mail is stored, in the same transaction.
Whoever inserts it sends; a second sweep, an overlapping worker or a retried
job finds the row there and skips. Works on SQLite and PostgreSQL alike.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence
from typing import TypeVar

from sqlalchemy import Column, Table
from sqlalchemy.exc import IntegrityError, OperationalError

from portal.extensions import db

T = TypeVar("T")
LOCK_RETRIES = 8


def claim_rows(
    table: Table, rows: Sequence[dict], conflict: Sequence[str], returning: Sequence[Column]
) -> list:
    """Insert the rows that do not exist yet; return `returning` of those inserted."""
    if not rows:
        return []
    dialect = db.session.get_bind().dialect.name
    if dialect == "postgresql":
        from sqlalchemy.dialects.postgresql import insert
    elif dialect == "sqlite":
        from sqlalchemy.dialects.sqlite import insert
    else:
        return _claim_with_savepoints(table, rows, returning)
    stmt = insert(table).on_conflict_do_nothing(index_elements=list(conflict))
    return list(db.session.execute(stmt.returning(*returning), list(rows)).all())


def _claim_with_savepoints(table: Table, rows: Sequence[dict], returning: Sequence[Column]) -> list:
    """Other databases: one savepoint per row; a unique violation means "already claimed"."""
    claimed = []
    for row in rows:
        try:
            with db.session.begin_nested():
                result = db.session.execute(table.insert().returning(*returning), row)
                claimed.append(result.one())
        except IntegrityError:
            continue
    return claimed


def with_lock_retry(work: Callable[[], T]) -> T:
    """Run one transaction; when SQLite reports a busy database (one writer at a
    time), roll back and run it again. Claims make the repeat safe."""
    for attempt in range(LOCK_RETRIES):
        try:
            return work()
        except OperationalError as exc:
            db.session.rollback()
            if "locked" not in str(exc).lower() or attempt == LOCK_RETRIES - 1:
                raise
            time.sleep(0.05 * (attempt + 1))
    raise RuntimeError("unreachable")
