"""Units of the organization: list with coordinators, create, rename, (de)activate."""

from __future__ import annotations

from flask import flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user

from portal.actions import attempt, attempt_edit
from portal.admin.blueprint import bp
from portal.admin.forms import UnitForm
from portal.organizations import services
from portal.organizations.models import Unit, UnitKind
from portal.submissions import once
from portal.tenancy import get_org_owned_or_404


@bp.get("/units")
def units():
    rows = services.units_with_coordinators(current_user.organization_id)
    return render_template("admin/units.html", rows=rows)


@bp.route("/units/new", methods=["GET", "POST"])
@once
def new_unit():
    form = UnitForm()
    if form.validate_on_submit():
        outcome = attempt(
            services.create_unit,
            current_user.organization_id,
            form.name.data,
            UnitKind(form.kind.data),
            form=form,
        )
        if outcome.ok:
            flash(_("Đã tạo đơn vị %(name)s.", name=outcome.value.name), "success")
            return redirect(url_for("admin.units"))
    return render_template("admin/unit_form.html", form=form, unit=None, history=[])


@bp.route("/units/<int:unit_id>/edit", methods=["GET", "POST"])
def edit_unit(unit_id: int):
    unit = get_org_owned_or_404(Unit, unit_id)
    form = UnitForm(obj=unit)
    if form.validate_on_submit() and (
        attempt_edit(
            unit,
            services.update_unit,
            unit,
            form.name.data,
            UnitKind(form.kind.data),
            current_user._get_current_object(),
            form=form,
        ).ok
    ):
        flash(_("Đã lưu đơn vị %(name)s.", name=unit.name), "success")
        return redirect(url_for("admin.units"))
    history = services.name_history(unit)
    return render_template("admin/unit_form.html", form=form, unit=unit, history=history)


@bp.post("/units/<int:unit_id>/deactivate")
def deactivate_unit(unit_id: int):
    unit = get_org_owned_or_404(Unit, unit_id)
    attempt(services.set_unit_active, unit, False)
    flash(_("Đã ngừng hoạt động đơn vị %(name)s.", name=unit.name), "success")
    return redirect(url_for("admin.units"))


@bp.post("/units/<int:unit_id>/reactivate")
def reactivate_unit(unit_id: int):
    unit = get_org_owned_or_404(Unit, unit_id)
    attempt(services.set_unit_active, unit, True)
    flash(_("Đã cho đơn vị %(name)s hoạt động trở lại.", name=unit.name), "success")
    return redirect(url_for("admin.units"))
