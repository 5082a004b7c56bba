"""The profile pages: a unit's (its coordinator and the Office edit it) and a person's
(the person, their unit's coordinator and the Office; 404 for everyone else)."""

from __future__ import annotations

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required
from wtforms import StringField

from portal.accounts.models import RoleMembership, User
from portal.actions import attempt, attempt_edit
from portal.extensions import db
from portal.profiles import services
from portal.profiles.forms import PersonProfileForm, UnitProfileForm
from portal.profiles.models import PersonGender

bp = Blueprint("profiles", __name__, url_prefix="/profiles", template_folder="templates")


def _values(form, names) -> dict:
    """The form's values by field name; a text field left out of the post is ""."""
    values = {}
    for name in names:
        field = getattr(form, name)
        data = field.data
        if data is None and isinstance(field, StringField):
            data = ""
        values[name] = data.strip() if isinstance(data, str) else data
    return values


def _save(record, action, *args, form):
    """A first save creates the profile (plain `attempt`); later ones are versioned."""
    if record is None:
        return attempt(action, *args, form=form)
    return attempt_edit(record, action, *args, form=form)


@bp.route("/units/<int:unit_id>", methods=["GET", "POST"])
@login_required
def unit(unit_id: int):
    unit = services.unit_or_404(unit_id)
    actor = current_user._get_current_object()
    editable = services.may_edit_unit_profile(actor, unit.id)
    profile = services.unit_profile(unit.id)
    if request.method == "POST" and not editable:
        abort(403)
    form = UnitProfileForm(obj=profile if request.method == "GET" else None)
    if editable and form.validate_on_submit():
        values = _values(form, services.UNIT_FIELDS)
        if _save(profile, services.save_unit_profile, unit, values, actor, form=form).ok:
            flash(_("Đã lưu hồ sơ đơn vị."), "success")
            return redirect(url_for(".unit", unit_id=unit.id))
    return render_template(
        "profiles/unit.html",
        unit=unit,
        profile=profile,
        form=form,
        editable=editable,
        members=_members(unit.id) if editable else [],
        missing=services.missing_unit_fields(profile),
    )


def _members(unit_id: int) -> list[User]:
    """The unit's people, whose profiles its coordinator keeps (one query)."""
    return list(
        db.session.scalars(
            db.select(User)
            .join(RoleMembership, RoleMembership.user_id == User.id)
            .where(RoleMembership.unit_id == unit_id, User.active.is_(True))
            .distinct()
            .order_by(User.full_name, User.id)
        )
    )


@bp.get("/me")
@login_required
def me():
    return redirect(url_for(".person", user_id=current_user.id))


@bp.route("/people/<int:user_id>", methods=["GET", "POST"])
@login_required
def person(user_id: int):
    actor = current_user._get_current_object()
    person = services.person_or_404(actor, user_id)
    profile = services.person_profile(person.id)
    form = PersonProfileForm(obj=profile if request.method == "GET" else None)
    if request.method == "GET" and profile is not None and profile.gender:
        form.gender.data = profile.gender.value
    if form.validate_on_submit():
        values = _values(form, services.PERSON_FIELDS)
        values["gender"] = PersonGender(values["gender"]) if values["gender"] else None
        if _save(profile, services.save_person_profile, person, values, actor, form=form).ok:
            flash(_("Đã lưu hồ sơ cá nhân."), "success")
            return redirect(url_for(".person", user_id=person.id))
    return render_template(
        "profiles/person.html",
        person=person,
        profile=profile,
        form=form,
        missing=services.missing_person_fields(profile),
    )
