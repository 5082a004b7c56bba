"""The reminder schedule: which stage is open at each moment (pure function)."""

from __future__ import annotations

from datetime import timedelta

import pytest

from portal.deadlines.schedule import Schedule, current_stage
from tests.factories import vn

DUE = vn(2025, 12, 15, 17)
DEFAULT = Schedule()


@pytest.mark.parametrize(
    ("now", "expected"),
    [
        (vn(2025, 11, 20, 12), None),
        (vn(2025, 12, 1, 6, 59), None),  # 14 days before, before 07:00
        (vn(2025, 12, 1, 7, 0), "before_14"),
        (vn(2025, 12, 7, 23, 0), "before_14"),
        (vn(2025, 12, 8, 7, 0), "before_7"),
        (vn(2025, 12, 14, 6, 0), "before_7"),
        (vn(2025, 12, 14, 7, 0), "before_1"),
        (vn(2025, 12, 15, 7, 0), "due"),
        (vn(2025, 12, 15, 18, 0), "due"),  # past the due time, same day
        (vn(2025, 12, 21, 23, 0), "due"),
        (vn(2025, 12, 22, 7, 0), "overdue_w1"),
        (vn(2025, 12, 29, 7, 0), "overdue_w2"),
        (vn(2026, 3, 2, 7, 0), "overdue_w11"),
    ],
)
def test_stage_at_each_boundary(now, expected):
    stage = current_stage(DUE, DEFAULT, now)
    assert (stage.name if stage else None) == expected
    if stage:
        assert stage.key == f"{expected}:2025-12-15"
        assert stage.escalation == (expected == "due" or expected.startswith("overdue"))
        assert stage.category == ("escalation" if stage.escalation else "reminder")


def test_days_left_counts_local_days():
    assert current_stage(DUE, DEFAULT, vn(2025, 12, 8, 7)).days_left == 7
    assert current_stage(DUE, DEFAULT, vn(2025, 12, 18, 9)).days_left == -3


def test_custom_schedule_and_no_escalation():
    schedule = Schedule(days_before=(3,), escalate=False)
    assert current_stage(DUE, schedule, vn(2025, 12, 8, 7)) is None
    assert current_stage(DUE, schedule, vn(2025, 12, 12, 7)).name == "before_3"
    # Without escalation nothing is sent from the due date on, not even a late "before".
    assert current_stage(DUE, schedule, vn(2025, 12, 15, 7)) is None
    assert current_stage(DUE, schedule, vn(2025, 12, 30, 7)) is None


def test_moving_the_due_date_gives_new_stage_keys():
    later = DUE + timedelta(days=7)
    first = current_stage(DUE, DEFAULT, vn(2025, 12, 8, 7))
    moved = current_stage(later, DEFAULT, vn(2025, 12, 15, 7))
    assert first.name == moved.name == "before_7"
    assert first.key != moved.key


def test_due_time_late_at_night_uses_the_vietnam_date():
    # 23:30 on 15/12 in Vietnam is 16:30 UTC the same day; 00:30 on 16/12 is 17:30 UTC on 15/12.
    after_midnight = vn(2025, 12, 16, 0, 30)
    assert current_stage(after_midnight, DEFAULT, vn(2025, 12, 16, 7)).name == "due"
    assert current_stage(after_midnight, DEFAULT, vn(2025, 12, 15, 7)).name == "before_1"
