"""Due times of yearly records (Office deadline or the 15/12 default) and punctuality."""

from __future__ import annotations

from datetime import UTC, datetime

from portal.deadlines.models import CompletionMode, DeadlineKind
from portal.formatting import VN_TZ
from portal.reviews.deadlines import Punctuality, default_due, due_times, punctuality
from tests.factories import make_deadline


def _deadline(world, kind, year, due, all_units=True, units=()):
    return make_deadline(
        world,
        kind=kind,
        year=year,
        title=f"{kind} {year}",
        due_at=due,
        all_units=all_units,
        units=units,
        completion_mode=CompletionMode.RECORD,
    )


def test_default_is_the_end_of_15_december_vietnam_time():
    due = default_due(2024)
    assert due == datetime(2024, 12, 15, 23, 59, 59, tzinfo=VN_TZ)
    assert punctuality(datetime(2024, 12, 15, 16, 59, tzinfo=UTC), due) == Punctuality.ON_TIME
    assert punctuality(datetime(2024, 12, 15, 17, 0, tzinfo=UTC), due) == Punctuality.LATE


def test_unsubmitted_is_pending_then_overdue():
    due = default_due(2024)
    assert punctuality(None, due, now=datetime(2024, 12, 1, tzinfo=UTC)) == Punctuality.PENDING
    assert punctuality(None, due, now=datetime(2024, 12, 16, tzinfo=UTC)) == Punctuality.OVERDUE


def test_naive_sqlite_timestamps_are_utc():
    due = default_due(2024)
    assert punctuality(datetime(2024, 12, 15, 16, 0), due) == Punctuality.ON_TIME


def test_defaults_without_office_deadlines(world):
    due = due_times(world.period, "self_assessment", [world.unit_a.id])
    assert due == {(world.unit_a.id, y): default_due(y) for y in (2023, 2024, 2025)}


def test_office_deadline_of_the_kind_and_year_replaces_the_default(world):
    earlier = datetime(2024, 12, 10, 10, 0, tzinfo=UTC)
    _deadline(world, DeadlineKind.SELF_ASSESSMENT, 2024, earlier)
    _deadline(world, DeadlineKind.ANNUAL_REPORT, 2024, datetime(2024, 12, 31, tzinfo=UTC))
    due = due_times(world.period, "self_assessment", [world.unit_a.id, world.unit_b.id])
    assert due[(world.unit_a.id, 2024)] == earlier
    assert due[(world.unit_b.id, 2024)] == earlier
    assert due[(world.unit_a.id, 2023)] == default_due(2023)
    reports = due_times(world.period, "annual_report", [world.unit_a.id])
    assert reports[(world.unit_a.id, 2024)] == datetime(2024, 12, 31, tzinfo=UTC)


def test_a_later_office_deadline_also_replaces_the_default(world):
    later = datetime(2025, 1, 10, 10, 0, tzinfo=UTC)
    _deadline(world, DeadlineKind.SELF_ASSESSMENT, 2024, later)
    due = due_times(world.period, "self_assessment", [world.unit_a.id])
    assert due[(world.unit_a.id, 2024)] == later


def test_deadline_for_chosen_units_only(world):
    special = datetime(2024, 11, 30, 10, 0, tzinfo=UTC)
    _deadline(
        world, DeadlineKind.SELF_ASSESSMENT, 2024, special, all_units=False, units=[world.unit_b]
    )
    due = due_times(world.period, "self_assessment", [world.unit_a.id, world.unit_b.id])
    assert due[(world.unit_b.id, 2024)] == special
    assert due[(world.unit_a.id, 2024)] == default_due(2024)


def test_deadlines_of_another_organization_are_ignored(world):
    make_deadline(
        world,
        organization_id=world.other_org.id,
        period_id=world.foreign_period.id,
        kind=DeadlineKind.SELF_ASSESSMENT,
        year=2024,
        title="x",
        due_at=datetime(2024, 1, 1, tzinfo=UTC),
        completion_mode=CompletionMode.RECORD,
    )
    due = due_times(world.period, "self_assessment", [world.unit_a.id])
    assert due[(world.unit_a.id, 2024)] == default_due(2024)
