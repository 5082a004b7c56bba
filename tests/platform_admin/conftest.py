"""The platform administrator: a user above the organizations, with none of their own."""

from __future__ import annotations

import pytest

from portal.accounts.models import Role, RoleMembership, User
from portal.extensions import db
from sampledata.world import password_hash


@pytest.fixture
def platform_admin(app) -> User:
    user = User(email="root@portal.vn", full_name="Quản trị Cổng", organization_id=None)
    user.password_hash = password_hash()
    user.memberships.append(RoleMembership(role=Role.PLATFORM_ADMIN))
    db.session.add(user)
    db.session.commit()
    return user
