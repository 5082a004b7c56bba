"""The units x years page shared by every yearly reviewed record (self-assessment,
annual report): which units have which year's record, and the button to start one."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from flask import abort, flash, redirect, render_template, request, url_for

from portal.accounts.models import User
from portal.actions import attempt
from portal.periods.models import PlanPeriod
from portal.reviews.grid import yearly_grid
from portal.reviews.services import is_preparer
from portal.reviews.views import no_period_page, organization_periods, selected_period, units_page
from portal.tenancy import get_org_owned_or_404, get_unit_or_404


@dataclass(frozen=True)
class YearlyRecords:
    """What tells one kind of yearly record's pages from another's."""

    model: type
    kind: str  # the review kind, as in the reviews' deadlines
    blueprint: str  # "assessments": its pages are <blueprint>.index/.view/.edit/.create
    id_arg: str  # the view's URL argument, e.g. "assessment_id"
    title: Any  # lazy strings, shown on the page
    heading: Any
    intro: Any
    create_label: Any

    def view_url(self, record: Any) -> str:
        return url_for(f"{self.blueprint}.view", **{self.id_arg: record.id})

    def edit_url(self, record: Any) -> str:
        return url_for(f"{self.blueprint}.edit", **{self.id_arg: record.id})


def yearly_index(records: YearlyRecords, user: User, new_form: Any):
    """The list: a page of the units `user` may see, a column per year of the period."""
    period = selected_period(user)
    if period is None:
        return no_period_page()
    page, search = units_page(user)
    unit_ids = [unit.id for unit in page.items]
    return render_template(
        "reviews/yearly_index.html",
        records=records,
        period=period,
        periods=organization_periods(),
        page=page,
        search=search,
        grid=yearly_grid(records.model, records.kind, unit_ids, period),
        preparer_units={u for u in unit_ids if is_preparer(user, u)},
        new_form=new_form,
    )


def create_yearly(
    records: YearlyRecords,
    user: User,
    form: Any,
    create: Callable[[int, PlanPeriod, int], Any],
    created_message: Callable[[Any], str],
):
    """Start a unit's record for a year (the unit's preparers only: `user` must be one),
    then edit it."""
    if not form.validate_on_submit():
        abort(400)
    unit = get_unit_or_404(form.unit_id.data)
    period = get_org_owned_or_404(PlanPeriod, request.form.get("period_id", type=int) or 0)
    if not is_preparer(user, unit.id):
        abort(403)
    created = attempt(create, unit.id, period, form.year.data)
    if not created.ok:
        return redirect(url_for(f"{records.blueprint}.index", period_id=period.id))
    flash(created_message(created.value), "success")
    return redirect(records.edit_url(created.value))
