"""The weighted total: weights, maximum scores, optional items and rounding."""

from __future__ import annotations

from decimal import Decimal

import pytest

from portal.assessments.scoring import (
    ScoreLine,
    difference,
    format_percent,
    format_score,
    format_signed,
    weighted_total,
)

D = Decimal


def test_full_marks_is_100():
    lines = [ScoreLine(D(10), 10, D(2)), ScoreLine(D(5), 5, D(1))]
    assert weighted_total(lines) == D("100.00")


def test_weights_and_different_maximums():
    # (8/10*2 + 3/5*1) / 3 * 100 = (1.6 + 0.6) / 3 * 100 = 73.333...
    lines = [ScoreLine(D(8), 10, D(2)), ScoreLine(D(3), 5, D(1))]
    assert weighted_total(lines) == D("73.33")


def test_rounds_half_up_to_two_decimals():
    # 1/8 * 100 = 12.5 exactly; 1/6 * 100 = 16.666...; 0.125/1 -> 12.50
    assert weighted_total([ScoreLine(D(1), 8, D(1))]) == D("12.50")
    assert weighted_total([ScoreLine(D(1), 6, D(1))]) == D("16.67")
    # 0.00125 * 100 ... 1/800*100 = 0.125 -> 0.13 (half up, not banker's 0.12)
    assert weighted_total([ScoreLine(D(1), 800, D(1))]) == D("0.13")


def test_decimal_weights_and_scores():
    lines = [ScoreLine(D("7.5"), 10, D("1.5")), ScoreLine(D("9"), 10, D("0.5"))]
    # (0.75*1.5 + 0.9*0.5) / 2 * 100 = (1.125 + 0.45) / 2 * 100 = 78.75
    assert weighted_total(lines) == D("78.75")


def test_unscored_required_counts_as_zero():
    lines = [ScoreLine(D(10), 10, D(1)), ScoreLine(None, 10, D(1), required=True)]
    assert weighted_total(lines) == D("50.00")


def test_unscored_optional_is_left_out():
    lines = [ScoreLine(D(10), 10, D(1)), ScoreLine(None, 10, D(3), required=False)]
    assert weighted_total(lines) == D("100.00")
    scored = [ScoreLine(D(10), 10, D(1)), ScoreLine(D(0), 10, D(3), required=False)]
    assert weighted_total(scored) == D("25.00")


def test_nothing_to_weigh_is_none():
    assert weighted_total([]) is None
    assert weighted_total([ScoreLine(None, 10, D(1), required=False)]) is None
    assert weighted_total([ScoreLine(D(1), 10, D(0))]) is None


def test_difference_is_office_minus_unit():
    assert difference(D(8), D("6.5")) == D("-1.5")
    assert difference(None, D(3)) is None
    assert difference(D(3), None) is None


@pytest.mark.parametrize(
    ("value", "text"),
    [(D("73.33"), "73,33%"), (D("100"), "100,00%"), (D("1234.5"), "1.234,50%"), (None, "")],
)
def test_percent_uses_a_decimal_comma(value, text):
    assert format_percent(value) == text


def test_scores_are_shown_without_useless_zeros():
    assert format_score(D("8.50")) == "8,5"
    assert format_score(D("8.00")) == "8"
    assert format_score(D("10")) == "10"
    assert format_score(D("0.25")) == "0,25"
    assert format_signed(D("1.5")) == "+1,5"
    assert format_signed(D("-2")) == "-2"
    assert format_signed(D("0")) == "0"
