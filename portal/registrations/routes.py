"""Pages of the year's title registration: the list (and the Office's opening of the
year), a unit's registration with its lines and review, and the round's choice of
accepted lines as nominations."""

from __future__ import annotations

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required
from sqlalchemy import select

from portal.actions import attempt
from portal.consideration.access import get_round_or_404
from portal.consideration.catalogue import ensure_catalogue
from portal.consideration.choices import nomination_title_choices, period_choices
from portal.consideration.forms import options
from portal.consideration.models import AwardTitle
from portal.extensions import db
from portal.fields import ConfirmForm
from portal.formatting import today_vn
from portal.models_base import in_ids
from portal.periods.models import PlanPeriod
from portal.registrations import prefill, services
from portal.registrations.forms import (
    AcceptForm,
    EntryForm,
    NewRegistrationForm,
    OpenRegistrationForm,
    PrefillForm,
    YearFilterForm,
)
from portal.registrations.models import Registration, RegistrationEntry
from portal.reviews.locks import require_editable
from portal.reviews.services import can_edit, has_review_role, is_preparer
from portal.reviews.states import ReviewRole
from portal.reviews.views import review_panel, run_transition, units_page
from portal.submissions import once
from portal.tenancy import (
    council_clause,
    get_child_or_404,
    get_org_owned_or_404,
    get_scoped_or_404,
    get_unit_or_404,
    office_required,
)

bp = Blueprint("registrations", __name__, url_prefix="/registrations", template_folder="templates")


def _open_form() -> OpenRegistrationForm:
    form = OpenRegistrationForm()
    form.period_id.choices = options(period_choices(current_user.organization_id))
    return form


@bp.get("/")
@login_required
def index():
    year = YearFilterForm().value("year") or today_vn().year
    page, search = units_page(current_user)
    unit_ids = [unit.id for unit in page.items]
    query = select(Registration).where(
        in_ids(Registration.unit_id, unit_ids), Registration.year == year
    )
    # A council member reads the registrations of the years assigned, not the others.
    council = council_clause(Registration)
    registrations = db.session.scalars(query if council is None else query.where(council))
    open_form = _open_form()
    if not open_form.is_submitted():
        open_form.year.data = year
    return render_template(
        "registrations/index.html",
        year=year,
        page=page,
        search=search,
        by_unit={r.unit_id: r for r in registrations},
        deadline=services.registration_deadline(current_user.organization_id, year),
        preparer_units={u for u in unit_ids if is_preparer(current_user, u)},
        open_form=open_form,
        new_form=NewRegistrationForm(),
    )


@bp.post("/open")
@office_required
@once
def open_year():
    form = _open_form()
    if form.validate_on_submit():
        period = get_org_owned_or_404(PlanPeriod, form.period_id.data)
        opened = attempt(
            services.open_registration,
            period,
            form.year.data,
            form.due_date.data,
            form.due_time.data,
            current_user,
            form.note.data or "",
            form=form,
            default_field="year",
        )
        if opened.ok:
            flash(_("Đã mở đăng ký thi đua năm %(year)s.", year=form.year.data), "success")
            return redirect(url_for(".index", year=form.year.data))
    return render_template("registrations/open.html", form=form), 400


@bp.post("/new")
@login_required
@once
def create():
    form = NewRegistrationForm()
    if not form.validate_on_submit() or not str(form.year.data).isdigit():
        abort(400)
    unit = get_unit_or_404(int(form.unit_id.data) if str(form.unit_id.data).isdigit() else 0)
    if not is_preparer(current_user, unit.id):
        abort(403)
    created = attempt(services.create_registration, unit, int(form.year.data))
    if not created.ok:
        return redirect(url_for(".index", year=form.year.data))
    flash(_("Đã lập bản đăng ký thi đua năm %(year)s.", year=form.year.data), "success")
    return redirect(url_for(".view", registration_id=created.value.id))


def _entry_form(registration: Registration) -> EntryForm:
    form = EntryForm()
    form.award_title_id.choices = options(
        [(0, _("— Chọn —"))] + nomination_title_choices(registration.unit.organization_id)
    )
    form.nominee.choices = options(
        (value, label) for value, label, _kind in services.nominee_options(registration.unit)
    )
    return form


def _view(
    registration: Registration,
    entry_form: EntryForm | None = None,
    status: int = 200,
    accept_form: AcceptForm | None = None,
):
    editable = can_edit(current_user, registration)
    if editable and entry_form is None:
        entry_form = _entry_form(registration)
    panel = review_panel(registration, current_user, ".transition", registration_id=registration.id)
    panel["forms"]["accept"] = accept_form or AcceptForm()
    return render_template(
        "registrations/view.html",
        registration=registration,
        can_edit=editable,
        entry_form=entry_form,
        confirm_form=ConfirmForm(),
        **panel,
    ), status


@bp.get("/<int:registration_id>")
@login_required
def view(registration_id: int):
    registration = get_scoped_or_404(Registration, registration_id)
    # A department's first registration: the titles to choose from are the starting
    # catalogue, which is otherwise made on the first visit to the consideration pages.
    if can_edit(current_user, registration) and ensure_catalogue(registration.unit.organization_id):
        db.session.commit()
    return _view(registration)


@bp.post("/<int:registration_id>/entries")
@login_required
@once
def add_entry(registration_id: int):
    registration = get_scoped_or_404(Registration, registration_id)
    require_editable(current_user, registration)
    if ensure_catalogue(registration.unit.organization_id):
        db.session.commit()
    form = _entry_form(registration)
    if form.validate_on_submit():
        title = db.session.get(AwardTitle, form.award_title_id.data)
        added = attempt(
            services.add_entry, registration, title, form.nominee.data, form=form,
            default_field="nominee",
        )  # fmt: skip
        if added.ok:
            flash(_("Đã thêm vào bản đăng ký."), "success")
            return redirect(url_for(".view", registration_id=registration.id))
    return _view(registration, form, 400)


@bp.post("/<int:registration_id>/entries/<int:entry_id>/delete")
@login_required
def delete_entry(registration_id: int, entry_id: int):
    registration = get_scoped_or_404(Registration, registration_id)
    require_editable(current_user, registration)
    entry = get_child_or_404(RegistrationEntry, entry_id, parent=registration)
    if ConfirmForm().validate_on_submit() and attempt(services.remove_entry, entry).ok:
        flash(_("Đã xóa khỏi bản đăng ký."), "success")
    return redirect(url_for(".view", registration_id=registration.id))


@bp.post("/<int:registration_id>/actions/<action>")
@login_required
def transition(registration_id: int, action: str):
    registration = get_scoped_or_404(Registration, registration_id)
    back = url_for(".view", registration_id=registration.id)
    if action != "accept":
        return run_transition(registration, current_user, action, back)
    if not has_review_role(current_user, registration, ReviewRole.REVIEWER):
        abort(403)
    form = AcceptForm()
    if not form.validate_on_submit():
        abort(400)
    accepted = attempt(
        services.accept, registration, current_user, form.reason.data or "", form=form
    )
    if accepted.ok:
        flash(_("Đã chấp nhận."), "success")
        return redirect(back)
    db.session.refresh(registration)
    return _view(registration, status=400, accept_form=form)


@bp.route("/rounds/<int:round_id>/prefill", methods=["GET", "POST"])
@office_required
@once
def prefill_round(round_id: int):
    """«Thêm từ đăng ký thi đua»: the year's accepted lines, not yet nominated, as
    nominations of the round."""
    round_ = get_round_or_404(round_id)
    if not round_.is_open:
        flash(_("Phiên bình xét đã kết thúc, không thêm đề nghị được nữa."), "warning")
        return redirect(url_for("consideration.round_detail", round_id=round_.id))
    candidates = prefill.candidates(round_)
    form = PrefillForm()
    form.entry_ids.choices = [(c.entry.id, c.entry.name) for c in candidates]
    if request.method == "GET":
        form.entry_ids.data = [c.entry.id for c in candidates]
    elif form.validate_on_submit():
        chosen = [c.entry for c in candidates if c.entry.id in set(form.entry_ids.data or ())]
        added = attempt(prefill.add_nominations, round_, chosen)
        if added.ok:
            flash(_("Đã thêm %(n)s đề nghị từ đăng ký thi đua.", n=added.value), "success")
            return redirect(url_for("consideration.round_detail", round_id=round_.id))
    return render_template(
        "registrations/prefill.html",
        round=round_,
        form=form,
        candidates=candidates,
        hints=prefill.hints_for(round_, candidates),
    )
