"""Pages of the congress submission: the units' list, the submission, its nominees,
the state changes (shared review workflow) and the cycle's settings."""

from __future__ import annotations

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required
from wtforms.fields.choices import SelectChoice

from portal.actions import attempt, attempt_edit
from portal.congress import services
from portal.congress.forms import ConferenceForm, CycleForm, NewSubmissionForm, NomineeForm
from portal.congress.models import NOMINEE_OWNER, CongressNominee, CongressSubmission
from portal.evidence.services import (
    attachments_by_owner,
    attachments_for,
    save_uploads,
)
from portal.exemplars.queries import exemplar_choices
from portal.extensions import db
from portal.periods.models import PlanPeriod
from portal.reviews.services import can_edit, is_preparer
from portal.reviews.views import (
    no_period_page,
    organization_periods,
    review_panel,
    run_transition,
    selected_period,
    units_page,
)
from portal.tenancy import (
    get_org_owned_or_404,
    get_scoped_or_404,
    get_unit_or_404,
    office_required,
    scoped,
)

bp = Blueprint("congress", __name__, url_prefix="/congress", template_folder="templates")


@bp.get("/")
@login_required
def index():
    period = selected_period(current_user)
    if period is None:
        return no_period_page()
    page, search = units_page(current_user)
    unit_ids = [unit.id for unit in page.items]
    rows = db.session.scalars(
        scoped(CongressSubmission).where(
            CongressSubmission.period_id == period.id, CongressSubmission.unit_id.in_(unit_ids)
        )
    )
    return render_template(
        "congress/index.html",
        period=period,
        periods=organization_periods(),
        page=page,
        search=search,
        submissions={s.unit_id: s for s in rows},
        preparer_units={u for u in unit_ids if is_preparer(current_user, u)},
        new_form=NewSubmissionForm(),
        cycle=services.cycle_for(period),
        deadlines=services.submission_deadlines(period),
    )


@bp.post("/new")
@login_required
def create():
    form = NewSubmissionForm()
    if not form.validate_on_submit():
        abort(400)
    unit = get_unit_or_404(form.unit_id.data)
    period = get_org_owned_or_404(PlanPeriod, form.period_id.data)
    if not is_preparer(current_user, unit.id):
        abort(403)
    created = attempt(services.create_submission, unit.id, period)
    if not created.ok:
        return redirect(url_for(".index", period_id=period.id))
    return redirect(url_for(".edit", submission_id=created.value.id))


@bp.get("/<int:submission_id>")
@login_required
def view(submission_id: int):
    submission = get_scoped_or_404(CongressSubmission, submission_id)
    files = attachments_by_owner(NOMINEE_OWNER, [n.id for n in submission.nominees])
    return render_template(
        "congress/view.html",
        submission=submission,
        cycle=services.cycle_for(submission.period),
        files=files,
        can_edit=can_edit(current_user, submission),
        **review_panel(submission, current_user, ".transition", submission_id=submission.id),
    )


def _editable(model, object_id: int):
    record = get_scoped_or_404(model, object_id)
    submission = record if isinstance(record, CongressSubmission) else record.submission
    if not can_edit(current_user, submission):
        abort(403)
    return record, submission


@bp.route("/<int:submission_id>/edit", methods=["GET", "POST"])
@login_required
def edit(submission_id: int):
    submission, _unused = _editable(CongressSubmission, submission_id)
    form = ConferenceForm(obj=submission if request.method == "GET" else None)
    exemplars = exemplar_choices(submission.unit_id)
    form.honoured_ids.choices = [SelectChoice(e.id, e.name) for e in exemplars]
    if request.method == "GET":
        form.honoured_ids.data = [h.exemplar_id for h in submission.honoured]
    elif form.validate_on_submit():
        values = {f: getattr(form, f).data for f in ("conference_date", "attendance")}
        values["chaired_by"] = (form.chaired_by.data or "").strip()
        values["period_summary"] = (form.period_summary.data or "").strip()
        saving = (services.save_conference, submission, values, form.honoured_ids.data or [])
        if attempt_edit(submission, *saving, form=form).ok:
            flash(_("Đã lưu."), "success")
            return redirect(url_for(".view", submission_id=submission.id))
    return render_template("congress/edit.html", submission=submission, form=form)


def _nominee_form(submission: CongressSubmission, obj=None) -> NomineeForm:
    form = NomineeForm(obj=obj if request.method == "GET" else None)
    form.exemplar_id.choices = [
        SelectChoice(e.id, e.name) for e in exemplar_choices(submission.unit_id)
    ]
    titles = services.award_titles(submission.unit.organization_id)
    form.award_title_id.choices = [SelectChoice(0, _("(Không đề nghị khen thưởng)"))] + [
        SelectChoice(t.id, t.name) for t in titles
    ]
    if request.method == "GET" and obj is not None:
        form.award_title_id.data = obj.award_title_id or 0
    return form


def _nominee_data(form: NomineeForm) -> services.NomineeData:
    return services.NomineeData(
        exemplar_id=form.exemplar_id.data,
        award_title_id=form.award_title_id.data or None,
        sector_delegate=bool(form.sector_delegate.data),
        provincial_delegate=bool(form.provincial_delegate.data),
        reason=form.reason.data or "",
        achievements=form.achievements.data or "",
    )


def _store_nominee(submission, data: services.NomineeData, files, actor, nominee=None) -> None:
    """Add or update the nominee, then keep its new evidence files."""
    if nominee is None:
        nominee = services.add_nominee(submission, data)
    else:
        services.update_nominee(nominee, data)
    save_uploads(files, submission.unit_id, NOMINEE_OWNER, nominee.id, actor)


def _save_nominee(submission, form, nominee=None):
    files = request.files.getlist("evidence")
    actor = current_user._get_current_object()
    saving = (_store_nominee, submission, _nominee_data(form), files, actor, nominee)
    if not attempt_edit(nominee, *saving, form=form).ok:
        return None
    flash(_("Đã lưu đề xuất."), "success")
    return redirect(url_for(".view", submission_id=submission.id))


@bp.route("/<int:submission_id>/nominees/new", methods=["GET", "POST"])
@login_required
def nominee_new(submission_id: int):
    submission, _unused = _editable(CongressSubmission, submission_id)
    form = _nominee_form(submission)
    if form.validate_on_submit():
        done = _save_nominee(submission, form)
        if done:
            return done
    return render_template("congress/nominee.html", submission=submission, form=form, nominee=None)


@bp.route("/nominees/<int:nominee_id>/edit", methods=["GET", "POST"])
@login_required
def nominee_edit(nominee_id: int):
    nominee, submission = _editable(CongressNominee, nominee_id)
    form = _nominee_form(submission, nominee)
    form.exemplar_id.data = (
        nominee.exemplar_id if request.method == "GET" else form.exemplar_id.data
    )
    if form.validate_on_submit():
        done = _save_nominee(submission, form, nominee)
        if done:
            return done
    return render_template(
        "congress/nominee.html",
        submission=submission,
        form=form,
        nominee=nominee,
        files=attachments_for(NOMINEE_OWNER, nominee.id),
    )


@bp.post("/nominees/<int:nominee_id>/delete")
@login_required
def nominee_delete(nominee_id: int):
    nominee, submission = _editable(CongressNominee, nominee_id)
    if attempt(services.delete_nominee, nominee).ok:
        flash(_("Đã xoá đề xuất."), "success")
    return redirect(url_for(".view", submission_id=submission.id))


@bp.post("/<int:submission_id>/actions/<action>")
@login_required
def transition(submission_id: int, action: str):
    submission = get_scoped_or_404(CongressSubmission, submission_id)
    return run_transition(
        submission, current_user, action, url_for(".view", submission_id=submission.id)
    )


@bp.route("/periods/<int:period_id>/cycle", methods=["GET", "POST"])
@office_required
def cycle(period_id: int):
    period = get_org_owned_or_404(PlanPeriod, period_id)
    current = services.cycle_for(period)
    form = CycleForm(obj=current if request.method == "GET" else None)
    if form.validate_on_submit():
        skipped = ("csrf_token", "lock_version")
        values = {name: field.data for name, field in form._fields.items() if name not in skipped}
        if attempt_edit(current, services.save_cycle, period, values, form=form).ok:
            flash(_("Đã lưu thiết lập Đại hội."), "success")
            return redirect(url_for(".index", period_id=period.id))
    return render_template("congress/cycle.html", period=period, form=form)
