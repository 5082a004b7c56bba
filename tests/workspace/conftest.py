"""Fixtures of the workspace tests."""

from __future__ import annotations

import pytest

from portal.council.models import CouncilAssignment
from portal.extensions import db


@pytest.fixture
def council_on_a(world):
    db.session.add(
        CouncilAssignment(
            organization_id=world.org.id,
            user_id=world.council.id,
            unit_id=world.unit_a.id,
            year=2025,
        )
    )
    db.session.commit()
    return world.council
