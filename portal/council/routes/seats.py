"""The Office manages the council: seats, assignments of members to units, and the
yearly supervision plan. Members see their own assignments."""

from __future__ import annotations

from flask import flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user
from sqlalchemy.orm import selectinload
from wtforms.fields.choices import SelectChoice

from portal.accounts.models import Role, User
from portal.actions import attempt, attempt_edit
from portal.council import services as council
from portal.council.forms import AssignmentsForm, SeatEditForm, SeatForm
from portal.council.models import CouncilMember, CouncilPosition
from portal.council.routes.blueprint import bp
from portal.extensions import db
from portal.fields import ConfirmForm
from portal.formatting import today_vn
from portal.inspections.models import SupervisionPlanItem, SupervisionPlanMember
from portal.inspections.queries import overdue_count
from portal.organizations.models import Unit
from portal.periods.forms import PeriodFilterForm
from portal.periods.models import PlanPeriod, current_period
from portal.periods.services import organization_years
from portal.submissions import once
from portal.tenancy import (
    get_org_owned_or_404,
    office_required,
    org_scoped,
    roles_required,
    scoped,
)


def _period() -> PlanPeriod | None:
    period_id = PeriodFilterForm().value("period_id")
    if period_id:
        return get_org_owned_or_404(PlanPeriod, period_id)
    return current_period(current_user.organization_id)


def _year() -> int:
    year = request.values.get("year", type=int)
    today = today_vn()
    if year is None or year not in organization_years(current_user.organization_id, today):
        year = council.default_year(current_user.organization_id, today)
    return year


def _seat_form(period: PlanPeriod) -> SeatForm:
    form = SeatForm()
    seated = {m.user_id for m in council.seats(period)}
    form.user_id.choices = [
        SelectChoice(u.id, u.full_name)
        for u in council.council_users(current_user.organization_id)
        if u.id not in seated
    ]
    return form


@bp.get("/")
@office_required
def index():
    period = _period()
    if period is None:  # a new installation: periods are created first
        return render_template("council/no_period.html")
    return _render_index(period, _seat_form(period))


def _render_index(period: PlanPeriod, form: SeatForm):
    periods = db.session.scalars(org_scoped(PlanPeriod).order_by(PlanPeriod.start_year)).all()
    return render_template(
        "council/index.html",
        period=period,
        periods=periods,
        seats=council.seats(period),
        form=form,
        confirm=ConfirmForm(),
    )


@bp.post("/periods/<int:period_id>/seats")
@office_required
@once
def seat_add(period_id: int):
    period = get_org_owned_or_404(PlanPeriod, period_id)
    form = _seat_form(period)
    if form.validate_on_submit():
        user = db.session.get(User, form.user_id.data)
        position = CouncilPosition(form.position.data)
        if attempt(council.seat_member, period, user, position, form.title.data, form=form).ok:
            flash(_("Đã cử %(name)s vào Hội đồng.", name=user.full_name), "success")
            return redirect(url_for(".index", period_id=period.id))
    return _render_index(period, form)


@bp.route("/seats/<int:member_id>/edit", methods=["GET", "POST"])
@office_required
def seat_edit(member_id: int):
    member = get_org_owned_or_404(CouncilMember, member_id)
    form = SeatEditForm(obj=member)
    if (
        form.validate_on_submit()
        and attempt_edit(
            member,
            council.update_seat,
            member,
            CouncilPosition(form.position.data),
            form.title.data,
            form=form,
        ).ok
    ):
        flash(_("Đã lưu."), "success")
        return redirect(url_for(".index", period_id=member.period_id))
    return render_template("council/seat_form.html", form=form, member=member)


@bp.post("/seats/<int:member_id>/delete")
@office_required
def seat_delete(member_id: int):
    member = get_org_owned_or_404(CouncilMember, member_id)
    period_id = member.period_id
    if attempt(council.remove_seat, member).ok:
        flash(_("Đã đưa thành viên ra khỏi Hội đồng nhiệm kỳ này."), "success")
    return redirect(url_for(".index", period_id=period_id))


@bp.route("/assignments", methods=["GET", "POST"])
@office_required
def assignments():
    org_id = current_user.organization_id
    year = _year()
    form = AssignmentsForm()
    if form.validate_on_submit():
        pairs = set()
        for value in request.form.getlist("pair"):
            unit_id, _sep, user_id = value.partition(":")
            if unit_id.isdigit() and user_id.isdigit():
                pairs.add((int(unit_id), int(user_id)))
        replaced = attempt(council.replace_assignments, org_id, year, pairs)
        if replaced.ok:
            added, removed = replaced.value
            flash(
                _(
                    "Đã lưu phân công năm %(year)s: thêm %(added)s, bỏ %(removed)s.",
                    year=year,
                    added=added,
                    removed=removed,
                ),
                "success",
            )
            return redirect(url_for(".assignments", year=year))
    units = db.session.scalars(
        org_scoped(Unit).where(Unit.is_active.is_(True)).order_by(Unit.name)
    ).all()
    return render_template(
        "council/assignments.html",
        form=form,
        year=year,
        years=organization_years(org_id, today_vn()),
        units=units,
        members=council.council_users(org_id),
        pairs=council.assignment_pairs(org_id, year),
    )


@bp.get("/mine")
@roles_required(Role.COUNCIL_MEMBER)
def mine():
    """A member's units by year, with the planned inspections they take part in."""
    items = db.session.scalars(
        scoped(SupervisionPlanItem)
        .where(SupervisionPlanItem.members.any(SupervisionPlanMember.user_id == current_user.id))
        .options(selectinload(SupervisionPlanItem.unit))
        .order_by(SupervisionPlanItem.year.desc(), SupervisionPlanItem.month)
    ).all()
    by_year: dict[int, list] = {}
    for assignment in council.assignments_of(current_user):
        by_year.setdefault(assignment.year, []).append(assignment.unit)
    return render_template(
        "council/mine.html", by_year=by_year, items=items, overdue=overdue_count(today_vn())
    )
