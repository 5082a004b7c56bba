"""Fixtures of the self-assessment tests: the period's collective criteria."""

from __future__ import annotations

import pytest

from portal.council.models import CouncilAssignment
from portal.extensions import db
from tests.reviews.factories import make_criteria


@pytest.fixture
def criteria(world):
    return make_criteria(world.period)


@pytest.fixture
def assigned_council(world):
    """The council member is assigned to unit A (not unit B)."""
    db.session.add(
        CouncilAssignment(
            organization_id=world.org.id,
            user_id=world.council.id,
            unit_id=world.unit_a.id,
            year=2024,
        )
    )
    db.session.commit()
    return world.council
