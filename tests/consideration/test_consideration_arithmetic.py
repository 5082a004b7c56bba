"""Vote arithmetic: exact integer thresholds over ALL council members."""

from __future__ import annotations

import pytest

from portal.consideration.models import ThresholdComparison, VoteChoice
from portal.consideration.rules import meets_threshold, tally

AT_LEAST = ThresholdComparison.AT_LEAST
MORE_THAN = ThresholdComparison.MORE_THAN


@pytest.mark.parametrize(
    ("agree", "total", "percent", "expected"),
    [
        (4, 5, 80, True),  # exactly 80%
        (3, 5, 80, False),  # 60%
        (7, 9, 80, False),  # 77.8%: just under
        (8, 10, 80, True),  # exactly 80%
        (79, 100, 80, False),  # one short
        (8, 9, 80, True),  # 88.9%
        (9, 10, 90, True),  # exactly 90%
        (8, 9, 90, False),  # 88.9%: just under 90
        (27, 30, 90, True),  # exactly 90%
        (26, 30, 90, False),
        (10, 10, 90, True),
        (0, 5, 80, False),
    ],
)
def test_at_least_threshold(agree, total, percent, expected):
    assert meets_threshold(agree, total, percent, AT_LEAST) is expected


@pytest.mark.parametrize(
    ("agree", "total", "expected"),
    [
        (3, 5, True),
        (2, 4, False),  # exactly half is not a majority
        (3, 4, True),
        (5, 9, True),
        (4, 9, False),
        (1, 1, True),
    ],
)
def test_simple_majority_is_more_than_half(agree, total, expected):
    assert meets_threshold(agree, total, 50, MORE_THAN) is expected


def test_no_members_never_passes():
    assert meets_threshold(0, 0, 80, AT_LEAST) is False
    assert meets_threshold(0, 0, 50, MORE_THAN) is False


def test_tally_keeps_abstentions_conflicts_and_non_voters_in_the_denominator():
    counted = tally(
        [
            VoteChoice.AGREE,
            VoteChoice.AGREE,
            VoteChoice.AGREE,
            VoteChoice.ABSTAIN,
            VoteChoice.CONFLICT,
        ],
        total_members=6,
    )
    assert (counted.agree, counted.abstain, counted.conflict, counted.disagree) == (3, 1, 1, 0)
    assert counted.not_voted == 1
    assert counted.total_members == 6
    # 3 of 6 members agree: 50%, under 80% even though 3 of the 3 "real" votes agree.
    assert meets_threshold(counted.agree, counted.total_members, 80, AT_LEAST) is False


def test_tally_refuses_more_votes_than_members():
    with pytest.raises(ValueError):
        tally([VoteChoice.AGREE] * 3, total_members=2)
