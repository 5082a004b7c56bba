"""The document settings: the Office's page (the dated list of official forms, the
organization's abbreviation and signers) and a unit's signers page (the Office and
the unit's coordinator)."""

from __future__ import annotations

from flask import Blueprint, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from portal.actions import attempt_edit
from portal.documents import signers
from portal.documents.forms import DocumentSettingsForm, UnitSignersForm
from portal.documents.official_forms import FORMS, KIND_NAMES
from portal.extensions import db
from portal.organizations.models import Unit
from portal.tenancy import office_required, require_unit_edit

bp = Blueprint("documents", __name__, url_prefix="/van-ban", template_folder="templates")


def _settings_data(organization) -> dict:
    data = {"document_code": organization.document_code}
    for kind, row in signers.organization_signers(organization.id).items():
        for part in ("authority", "position", "name"):
            data[f"{kind}_{part}"] = getattr(row, part)
    return data


@bp.route("/cai-dat", methods=["GET", "POST"])
@office_required
def settings():
    organization = current_user.organization
    form = DocumentSettingsForm(data=_settings_data(organization))
    if not form.is_submitted():
        form.lock_version.data = organization.lock_version
    if form.validate_on_submit() and (
        attempt_edit(
            organization,
            signers.save_organization_settings,
            organization,
            form.document_code.data or "",
            form.signer_values(),
            form=form,
            current=_settings_data,
        ).ok
    ):
        flash(_("Đã lưu cài đặt văn bản."), "success")
        return redirect(url_for("documents.settings"))
    return render_template(
        "documents/settings.html",
        form=form,
        forms=FORMS,
        kind_names=KIND_NAMES,
        signer_kinds=signers.SIGNER_KINDS,
    )


@bp.route("/don-vi/<int:unit_id>/nguoi-ky", methods=["GET", "POST"])
@login_required
def unit_signers(unit_id: int):
    require_unit_edit(unit_id)
    unit = db.session.get(Unit, unit_id)
    form = UnitSignersForm(obj=unit)
    if form.validate_on_submit() and (
        attempt_edit(unit, signers.save_unit_signers, unit, form.data, form=form).ok
    ):
        flash(_("Đã lưu người ký văn bản của %(unit)s.", unit=unit.name), "success")
        return redirect(url_for("documents.unit_signers", unit_id=unit.id))
    return render_template("documents/unit_signers.html", form=form, unit=unit)
