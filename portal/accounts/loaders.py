"""Loader options for a user shown only by name (an owner, an actor, who signed).

`User.memberships` loads with every User by default (selectin: the signed-in user
needs their roles on every request), so each list that names people would run one
more statement for roles it never shows. `named_user` joins the user into the row
and leaves the roles unloaded; reading them later is a lazy load, which the busy
pages' guard (tests/test_lazy_loads.py) refuses.
"""

from __future__ import annotations

from sqlalchemy.orm import joinedload

from portal.accounts.models import User


def named_user(*path):
    """joinedload along `path` (ending at a User relationship), without the roles."""
    return joinedload(*path).lazyload(User.memberships)
