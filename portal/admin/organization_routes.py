"""The organization's own settings the Office edits: the slug of its public column."""

from __future__ import annotations

from flask import flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user

from portal.actions import attempt_edit
from portal.admin.blueprint import bp
from portal.admin.forms import OrganizationForm
from portal.organizations import services


@bp.route("/organization", methods=["GET", "POST"])
def organization():
    org = current_user.organization
    form = OrganizationForm(obj=org)
    if form.validate_on_submit() and (
        attempt_edit(org, services.set_slug, org, form.slug.data, form=form).ok
    ):
        flash(_("Đã lưu tên rút gọn của Sở."), "success")
        return redirect(url_for("admin.organization"))
    return render_template("admin/organization.html", form=form, organization=org)
