"""Fixtures of the self-assessment tests: the period's collective criteria."""

from __future__ import annotations

import pytest

from tests.factories import make_criteria


@pytest.fixture
def criteria(world):
    return make_criteria(world.period)
