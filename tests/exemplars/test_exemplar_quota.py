"""The unit's quota (plan III.5): which year an exemplar counts for, and the flags."""

from __future__ import annotations

from datetime import date

import pytest

from portal.exemplars.models import ExemplarStatus
from portal.exemplars.quota import quota_flag, unit_quota

S = ExemplarStatus
YEARS = [2023, 2024, 2025]


@pytest.mark.parametrize(
    ("count", "flag"), [(0, "below"), (1, "ok"), (2, "ok"), (3, "above"), (7, "above")]
)
def test_flags(count, flag):
    assert quota_flag(count) == flag


def test_zero_filled_for_every_unit_and_year(world):
    counts = unit_quota([world.unit_a.id, world.unit_b.id], YEARS)
    assert counts == {(u, y): 0 for u in (world.unit_a.id, world.unit_b.id) for y in YEARS}
    assert unit_quota([], YEARS) == {}


def test_candidate_and_fostering_count_in_the_year_identified(world, make_exemplar):
    make_exemplar(name="A", year=2024)
    make_exemplar(name="B", year=2024, path=[S.FOSTERING])
    assert unit_quota([world.unit_a.id], YEARS)[(world.unit_a.id, 2024)] == 2


def test_recognised_counts_once_in_the_year_recognised(world, make_exemplar):
    make_exemplar(
        year=2023, path=[(S.FOSTERING, date(2023, 5, 1)), (S.RECOGNISED, date(2024, 3, 1))]
    )
    counts = unit_quota([world.unit_a.id], YEARS)
    assert (counts[(world.unit_a.id, 2023)], counts[(world.unit_a.id, 2024)]) == (0, 1)


def test_replicated_and_later_dropped_still_count_where_recognised(world, make_exemplar):
    make_exemplar(
        name="Nhân rộng",
        year=2023,
        path=[
            (S.FOSTERING, date(2023, 2, 1)),
            (S.RECOGNISED, date(2023, 9, 1)),
            (S.REPLICATED, date(2024, 2, 1)),
        ],
    )
    make_exemplar(
        name="Công nhận rồi dừng",
        year=2023,
        path=[
            (S.FOSTERING, date(2023, 2, 1)),
            (S.RECOGNISED, date(2023, 10, 1)),
            (S.DROPPED, date(2025, 2, 1)),
        ],
    )
    counts = unit_quota([world.unit_a.id], YEARS)
    assert [counts[(world.unit_a.id, y)] for y in YEARS] == [2, 0, 0]


def test_dropped_before_recognition_never_counts(world, make_exemplar):
    make_exemplar(name="Dừng", year=2024, path=[S.FOSTERING, S.DROPPED])
    assert unit_quota([world.unit_a.id], YEARS)[(world.unit_a.id, 2024)] == 0


def test_units_are_counted_apart_and_years_outside_ignored(world, make_exemplar):
    for n in range(3):
        make_exemplar(world.unit_b, name=f"B{n}", year=2025)
    make_exemplar(name="A cũ", year=2022)
    counts = unit_quota([world.unit_a.id, world.unit_b.id], YEARS)
    assert counts[(world.unit_b.id, 2025)] == 3
    assert quota_flag(counts[(world.unit_b.id, 2025)]) == "above"
    assert sum(v for (u, _y), v in counts.items() if u == world.unit_a.id) == 0


def test_one_query_for_the_whole_matrix(world, make_exemplar, query_counter):
    for n in range(4):
        make_exemplar(world.unit_a if n % 2 else world.unit_b, name=f"E{n}", year=2023 + n % 3)
    unit_ids = [world.unit_a.id, world.unit_b.id]
    with query_counter() as statements:
        counts = unit_quota(unit_ids, YEARS)
    assert len(statements) == 1
    assert sum(counts.values()) == 4
