"""The weighted total of an assessment: computed from the scores, never typed.

total = sum(score / max_score * weight) / sum(weight) * 100, rounded half up to
two decimals. An unscored required item counts as 0; an unscored optional item
is left out of both sums (it does not apply to the unit).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from portal.formatting import format_number

HUNDREDTH = Decimal("0.01")


@dataclass(frozen=True)
class ScoreLine:
    score: Decimal | None
    max_score: int
    weight: Decimal
    required: bool = True


def weighted_total(lines: Iterable[ScoreLine]) -> Decimal | None:
    """The weighted percentage of `lines`, or None when no weight counts."""
    earned = Decimal(0)
    weights = Decimal(0)
    for line in lines:
        if line.score is None and not line.required:
            continue
        if line.max_score <= 0:
            continue
        weight = Decimal(line.weight)
        earned += Decimal(line.score or 0) / Decimal(line.max_score) * weight
        weights += weight
    if weights == 0:
        return None
    return (earned / weights * 100).quantize(HUNDREDTH, rounding=ROUND_HALF_UP)


def difference(first: Decimal | None, second: Decimal | None) -> Decimal | None:
    """second - first when both are known (the Office's score minus the unit's)."""
    if first is None or second is None:
        return None
    return Decimal(second) - Decimal(first)


def format_score(value: Decimal | None) -> str:
    """8.50 -> '8,5'; 8.00 -> '8' (Vietnamese decimal comma)."""
    if value is None:
        return ""
    value = Decimal(value).quantize(HUNDREDTH, rounding=ROUND_HALF_UP).normalize()
    digits = max(0, -value.as_tuple().exponent)
    return format_number(float(value), digits)


def format_signed(value: Decimal | None) -> str:
    if value is None:
        return ""
    sign = "+" if value > 0 else ""
    return sign + format_score(value)


def format_percent(value: Decimal | None) -> str:
    """85.25 -> '85,25%'."""
    if value is None:
        return ""
    return format_number(float(value), 2) + "%"
