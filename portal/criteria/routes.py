"""Plan periods and their criteria sets: everyone of the organization reads them,
the Department Office keeps them."""

from __future__ import annotations

from functools import partial

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from portal.actions import EditConflictError, attempt, attempt_edit
from portal.criteria import services
from portal.criteria.forms import CriteriaItemForm, CriteriaSetForm, PeriodForm
from portal.criteria.models import CriteriaAudience, CriteriaItem, CriteriaSet
from portal.extensions import db
from portal.periods.models import PlanPeriod
from portal.periods.services import save_period
from portal.submissions import once
from portal.tenancy import current_org, get_org_owned_or_404, org_scoped

bp = Blueprint("criteria", __name__, url_prefix="/criteria", template_folder="templates")


def _require_office() -> None:
    if not current_user.is_office:
        abort(403)


def _item_or_404(item_id: int) -> CriteriaItem:
    item = db.session.get(CriteriaItem, item_id)
    if item is None or not current_org or item.criteria_set.organization_id != current_org.id:
        abort(404)
    return item


@bp.get("/")
@login_required
def index():
    periods = db.session.scalars(
        org_scoped(PlanPeriod).order_by(PlanPeriod.start_year.desc(), PlanPeriod.name)
    ).all()
    sets = services.current_sets([p.id for p in periods])
    return render_template(
        "criteria/index.html", periods=periods, sets=sets, audiences=list(CriteriaAudience)
    )


@bp.route("/periods/new", methods=["GET", "POST"])
@login_required
@once
def period_new():
    _require_office()
    form = PeriodForm()
    if form.validate_on_submit():
        outcome = attempt(services.open_period, current_org.id, **_period_values(form), form=form)
        if outcome.ok:
            flash(_("Đã tạo kỳ kế hoạch %(name)s.", name=outcome.value.name), "success")
            return redirect(url_for("criteria.index"))
    return render_template("criteria/period_form.html", form=form, period=None)


@bp.route("/periods/<int:period_id>/edit", methods=["GET", "POST"])
@login_required
def period_edit(period_id: int):
    period = get_org_owned_or_404(PlanPeriod, period_id)
    _require_office()
    form = PeriodForm(obj=period)
    if (
        form.validate_on_submit()
        and attempt_edit(
            period, save_period, current_org.id, **_period_values(form), period=period, form=form
        ).ok
    ):
        flash(_("Đã lưu kỳ kế hoạch %(name)s.", name=period.name), "success")
        return redirect(url_for("criteria.index"))
    return render_template("criteria/period_form.html", form=form, period=period)


def _period_values(form: PeriodForm) -> dict:
    return {
        "name": form.name.data,
        "title": form.title.data or "",
        "start_year": form.start_year.data,
        "end_year": form.end_year.data,
        "is_current": form.is_current.data,
    }


@bp.post("/periods/<int:period_id>/sets")
@login_required
def set_create(period_id: int):
    period = get_org_owned_or_404(PlanPeriod, period_id)
    _require_office()
    if attempt(services.ensure_sets, period).value:
        flash(_("Đã tạo bộ tiêu chuẩn cho kỳ %(name)s.", name=period.name), "success")
    return redirect(url_for("criteria.index"))


@bp.get("/sets/<int:set_id>")
@login_required
def set_detail(set_id: int):
    criteria_set = get_org_owned_or_404(CriteriaSet, set_id)
    return render_template(
        "criteria/set_detail.html",
        criteria_set=criteria_set,
        versions=services.versions_of(criteria_set),
        in_use=services.criteria_set_in_use(criteria_set),
        can_edit=current_user.is_office and criteria_set.is_current,
    )


@bp.route("/sets/<int:set_id>/edit", methods=["GET", "POST"])
@login_required
def set_edit(set_id: int):
    criteria_set = get_org_owned_or_404(CriteriaSet, set_id)
    _require_office()
    form = CriteriaSetForm(obj=criteria_set)
    if form.validate_on_submit():
        change = partial(services.update_set_title, criteria_set, form.title.data)
        done = _apply(change, criteria_set, edited=criteria_set, form=form)
        if done:
            return done
    return render_template(
        "criteria/item_form.html",
        form=form,
        criteria_set=criteria_set,
        heading=_("Sửa tên bộ tiêu chuẩn"),
    )


@bp.route("/sets/<int:set_id>/items/new", methods=["GET", "POST"])
@login_required
@once
def item_new(set_id: int):
    criteria_set = get_org_owned_or_404(CriteriaSet, set_id)
    _require_office()
    form = CriteriaItemForm()
    if form.validate_on_submit():
        return _apply(lambda: services.add_item(criteria_set, **form.values()), criteria_set)
    return render_template(
        "criteria/item_form.html", form=form, criteria_set=criteria_set, heading=_("Thêm tiêu chí")
    )


@bp.route("/items/<int:item_id>/edit", methods=["GET", "POST"])
@login_required
def item_edit(item_id: int):
    item = _item_or_404(item_id)
    _require_office()
    form = CriteriaItemForm(obj=item)
    if form.validate_on_submit():
        change = partial(services.update_item, item, **form.values())
        done = _apply(change, item.criteria_set, edited=item, form=form)
        if done:
            return done
    return render_template(
        "criteria/item_form.html",
        form=form,
        criteria_set=item.criteria_set,
        heading=_("Sửa tiêu chí"),
    )


@bp.post("/items/<int:item_id>/move")
@login_required
def item_move(item_id: int):
    item = _item_or_404(item_id)
    _require_office()
    offset = -1 if request.form.get("direction") == "up" else 1
    return _apply(lambda: services.move_item(item, offset), item.criteria_set)


@bp.post("/items/<int:item_id>/delete")
@login_required
def item_delete(item_id: int):
    item = _item_or_404(item_id)
    _require_office()
    return _apply(lambda: services.remove_item(item), item.criteria_set)


def _apply(change_fn, criteria_set: CriteriaSet, edited=None, form=None):
    """Run a change, commit, say whether a new version was made, show the set; None
    when the `edited` record was saved meanwhile by someone else (the form shows it)."""
    set_id = criteria_set.id
    outcome = attempt_edit(edited, change_fn, form=form)
    if isinstance(outcome.error, EditConflictError):
        return None
    if not outcome.ok:
        return redirect(url_for("criteria.set_detail", set_id=set_id))
    change = outcome.value
    if change.versioned:
        flash(
            _(
                "Bộ tiêu chuẩn đã được dùng để đánh giá nên không sửa trực tiếp: "
                "đã tạo phiên bản %(version)s.",
                version=change.criteria_set.version,
            ),
            "warning",
        )
    else:
        flash(_("Đã lưu bộ tiêu chuẩn."), "success")
    return redirect(url_for("criteria.set_detail", set_id=change.criteria_set.id))
