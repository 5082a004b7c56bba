"""The Office adds, edits and removes the nominations of an open round."""

from __future__ import annotations

from flask import flash, redirect, render_template, url_for
from flask_babel import gettext as _

from portal.accounts.models import User
from portal.actions import attempt, attempt_edit
from portal.consideration import services
from portal.consideration.access import get_round_or_404
from portal.consideration.catalogue import ensure_catalogue
from portal.consideration.choices import (
    exemplar_choices,
    nomination_title_choices,
    unit_choices,
    user_choices,
)
from portal.consideration.eligibility import round_hints
from portal.consideration.forms import NominationForm, options
from portal.consideration.models import AwardTitle, ConsiderationRound, Nomination
from portal.consideration.routes.blueprint import bp
from portal.exemplars.models import Exemplar, ExemplarKind
from portal.extensions import db
from portal.fields import ConfirmForm
from portal.formatting import format_datetime
from portal.submissions import once
from portal.tenancy import (
    current_org,
    get_child_or_404,
    get_scoped_or_404,
    get_unit_or_404,
    office_required,
)


def _form(nomination: Nomination | None = None) -> NominationForm:
    form = NominationForm(obj=nomination)
    org_id = current_org.id
    form.award_title_id.choices = options(
        nomination_title_choices(org_id, nomination.award_title_id if nomination else None)
    )
    form.exemplar_id.choices = options(exemplar_choices())
    form.nominee_user_id.choices = options(user_choices(org_id))
    form.unit_id.choices = options(unit_choices(org_id))
    for field in (form.exemplar_id, form.nominee_user_id, form.unit_id):
        if field.data is None:  # "none chosen" is the 0 option
            field.data = 0
    if nomination is not None and not form.is_submitted():
        form.nominee_kind.data = nomination.nominee_kind.value
        if nomination.exemplar_id or nomination.nominee_user_id:
            form.nominee_name.data = ""
    return form


def _input(form: NominationForm) -> services.NomineeInput:
    def get(model, value):
        return db.session.get(model, value) if value else None

    # Unit data goes through the tenancy helpers (the choices already hold only ours).
    exemplar_id, unit_id = form.exemplar_id.data, form.unit_id.data
    return services.NomineeInput(
        award_title=get(AwardTitle, form.award_title_id.data),
        exemplar=get_scoped_or_404(Exemplar, exemplar_id) if exemplar_id else None,
        nominee_user=get(User, form.nominee_user_id.data),
        nominee_name=form.nominee_name.data or "",
        nominee_kind=ExemplarKind(form.nominee_kind.data) if form.nominee_kind.data else None,
        unit=get_unit_or_404(unit_id) if unit_id else None,
        achievements=form.achievements.data or "",
        unregistered_reason=form.unregistered_reason.data or "",
    )


def _save(round_: ConsiderationRound, form: NominationForm, nomination: Nomination | None):
    if not form.validate_on_submit():
        return None
    if nomination is None:
        saved = attempt(
            services.add_nomination, round_, _input(form), form=form, default_field="award_title_id"
        )
    else:
        saved = attempt_edit(
            nomination,
            services.update_nomination,
            nomination,
            _input(form),
            form=form,
            default_field="award_title_id",
        )
    if not saved.ok:
        return None
    flash(_("Đã lưu đề nghị."), "success")
    return redirect(url_for(".round_detail", round_id=round_.id))


def _closed(round_: ConsiderationRound):
    """A closed (or cancelled) round keeps its nominations as voted: back to the round,
    with a notice that says so, and when it was closed and by whom."""
    name = round_.title
    if round_.is_cancelled:
        flash(_("Phiên bình xét «%(name)s» đã bị hủy, không thay đổi được.", name=name), "warning")
        return redirect(url_for(".round_detail", round_id=round_.id))
    notice = _(
        "Phiên bình xét «%(name)s» đã kết thúc và chốt kết quả, nên không thêm, sửa hay xóa "
        "đề nghị được nữa.",
        name=name,
    )
    closed_by = db.session.get(User, round_.closed_by_id) if round_.closed_by_id else None
    if closed_by and round_.closed_at:
        when = format_datetime(round_.closed_at)
        notice += " " + _(
            "Kết thúc lúc %(when)s, bởi %(name)s.", when=when, name=closed_by.full_name
        )
    flash(notice, "warning")
    return redirect(url_for(".round_detail", round_id=round_.id))


@bp.route("/<int:round_id>/nominations/new", methods=["GET", "POST"])
@office_required
@once
def add_nomination(round_id: int):
    round_ = get_round_or_404(round_id)
    if not round_.is_open:
        return _closed(round_)
    if ensure_catalogue(current_org.id):
        db.session.commit()
    form = _form()
    response = _save(round_, form, None)
    return response or render_template(
        "consideration/nomination_form.html", form=form, round=round_, nomination=None
    )


@bp.route("/<int:round_id>/nominations/<int:nomination_id>/edit", methods=["GET", "POST"])
@office_required
def edit_nomination(round_id: int, nomination_id: int):
    round_ = get_round_or_404(round_id, full=True)
    nomination = get_child_or_404(Nomination, nomination_id, parent=round_)
    if not round_.is_open:
        return _closed(round_)
    form = _form(nomination)
    response = _save(round_, form, nomination)
    hints = round_hints(round_).get(nomination.id, [])
    return response or render_template(
        "consideration/nomination_form.html",
        form=form,
        round=round_,
        nomination=nomination,
        hints=hints,
    )


@bp.post("/<int:round_id>/nominations/<int:nomination_id>/delete")
@office_required
def delete_nomination(round_id: int, nomination_id: int):
    round_ = get_round_or_404(round_id)
    nomination = get_child_or_404(Nomination, nomination_id, parent=round_)
    if ConfirmForm().validate_on_submit() and attempt(services.delete_nomination, nomination).ok:
        flash(_("Đã xóa đề nghị."), "success")
    return redirect(url_for(".round_detail", round_id=round_.id))
