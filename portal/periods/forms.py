"""The period picker of the pages that show one plan period (and maybe one year of it)."""

from __future__ import annotations

from wtforms import IntegerField

from portal.listing import FilterForm


class PeriodFilterForm(FilterForm):
    """`period_id` (else the page's default period) and `year` of the query string."""

    period_id = IntegerField()
    year = IntegerField()
