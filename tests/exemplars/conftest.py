"""Fixtures of the exemplar tests: the period's criteria sets, and exemplars recorded
through the rules in unit A unless told."""

from __future__ import annotations

import pytest

from portal.criteria.models import CriteriaAudience
from portal.exemplars.models import ExemplarKind
from tests.factories import make_criteria, record_exemplar


def _criteria(world, audience, titles):
    """Items weighted 1, 2, 3 (their position), each out of 10."""
    items = [(title, str(n), 10, required) for n, (title, required) in enumerate(titles, 1)]
    return make_criteria(
        world.period, items, audience, title=f"Tiêu chuẩn {audience}", first_position=1
    )


@pytest.fixture
def criteria(world):
    """Current criteria sets of the 2023-2025 period: 3 items each, the last optional."""
    return {
        ExemplarKind.INDIVIDUAL: _criteria(
            world,
            CriteriaAudience.INDIVIDUAL,
            [("Hoàn thành xuất sắc nhiệm vụ", True), ("Có sáng kiến", True), ("Học tập", False)],
        ),
        ExemplarKind.COLLECTIVE: _criteria(
            world,
            CriteriaAudience.COLLECTIVE,
            [
                ("Hoàn thành nhiệm vụ chính trị", True),
                ("Sức lan tỏa", True),
                ("Cải cách hành chính", False),
            ],
        ),
    }


@pytest.fixture
def make_exemplar(world):
    """`record_exemplar`, in unit A unless a unit is given."""

    def _make(unit=None, **fields):
        fields.setdefault("actor", world.coordinator_a)
        return record_exemplar(unit or world.unit_a, **fields)

    return _make
