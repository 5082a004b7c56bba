"""Running pages over the sample data in one app context, as the tests and the
benchmarks do: sign a user in on a test client, count the SQL statements of a block."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from flask import g
from sqlalchemy import event

from portal.accounts.models import User
from portal.extensions import db


def login(client, user: User) -> None:
    """Sign `user` in on `client` without going through the form."""
    if not user.session_token:  # made before revocable sessions
        user.revoke_sessions()
        db.session.commit()
    with client.session_transaction() as session:
        # The alternative id of portal/accounts/sessions.py: "<id>:<session secret>".
        session["_user_id"] = user.get_id()
        session["_fresh"] = True
    # The test's app context (and so `g`) outlives each request: forget who was
    # signed in before, or the previous user stays.
    g.pop("_login_user", None)


@contextmanager
def count_queries() -> Iterator[list[str]]:
    """Collect the SQL statements run inside the block."""
    statements: list[str] = []

    def before(conn, cursor, statement, *args):
        statements.append(statement)

    event.listen(db.engine, "before_cursor_execute", before)
    try:
        yield statements
    finally:
        event.remove(db.engine, "before_cursor_execute", before)
