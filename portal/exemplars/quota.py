"""The unit's quota (plan III.5): "each unit builds 1-2 exemplars a year".

Which year an exemplar counts for: each exemplar counts once, in
- the year it was recognised (`year_recognised`), when it has been recognised,
  whatever happened afterwards: one recognised in 2023 and replicated, or even
  dropped in 2025, was still built in 2023, and later events do not rewrite
  what a unit achieved in an earlier year;
- otherwise the year it was identified (`year_identified`), while it is still
  being followed (candidate or fostering): the unit is building it that year;
- never, if it was dropped without ever being recognised: nothing was built.

So a candidate of 2023 recognised in 2024 counts for 2024 and no longer for 2023:
one exemplar is never counted twice, and the Office's totals add up. Exemplars
recorded directly as recognised (already recognised at a higher level) count for
the year they were recognised.
"""

from __future__ import annotations

from sqlalchemy import func, or_, select

from portal.enums import LabelledEnum
from portal.exemplars.models import Exemplar, ExemplarStatus
from portal.extensions import db
from portal.msgids import N_

QUOTA_MIN = 1
QUOTA_MAX = 2


def quota_year():
    """The SQL expression of the year an exemplar counts for (see the module docstring)."""
    return func.coalesce(Exemplar.year_recognised, Exemplar.year_identified)


def counts_for_quota():
    """The SQL condition of an exemplar that counts at all."""
    return or_(
        Exemplar.year_recognised.is_not(None),
        Exemplar.status.in_((ExemplarStatus.CANDIDATE, ExemplarStatus.FOSTERING)),
    )


def unit_quota(unit_ids: list[int] | set[int], years: list[int]) -> dict[tuple[int, int], int]:
    """How many exemplars each unit built each year, zero included, in one query."""
    unit_ids, years = list(unit_ids), list(years)
    result = {(unit_id, year): 0 for unit_id in unit_ids for year in years}
    if not unit_ids or not years:
        return result
    year = quota_year().label("year")
    rows = db.session.execute(
        select(Exemplar.unit_id, year, func.count(Exemplar.id))
        .where(Exemplar.unit_id.in_(unit_ids), counts_for_quota(), quota_year().in_(years))
        .group_by(Exemplar.unit_id, year)
    )
    for unit_id, row_year, count in rows:
        result[(unit_id, row_year)] = count
    return result


class QuotaFlag(LabelledEnum):
    BELOW = "below", N_("Chưa đạt (dưới 1)"), "danger"
    OK = "ok", N_("Đạt (1-2)"), "success"
    ABOVE = "above", N_("Vượt (trên 2)"), "warning"


def quota_flag(count: int) -> QuotaFlag:
    """BELOW under 1 exemplar, ABOVE over 2, else OK."""
    if count < QUOTA_MIN:
        return QuotaFlag.BELOW
    if count > QUOTA_MAX:
        return QuotaFlag.ABOVE
    return QuotaFlag.OK
