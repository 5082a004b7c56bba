"""Fixtures of the consideration tests: a five-seat council to vote in rounds."""

from __future__ import annotations

import pytest

from tests.factories import Council, seat_council


@pytest.fixture
def council(world) -> Council:
    return seat_council(world)
