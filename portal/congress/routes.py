"""Pages of the congress submission: the units' list, the submission, its nominees,
the state changes (shared review workflow) and the cycle's settings."""

from __future__ import annotations

from io import BytesIO

from flask import (
    Blueprint,
    abort,
    flash,
    redirect,
    render_template,
    request,
    send_file,
    url_for,
)
from flask_babel import gettext as _
from flask_login import current_user, login_required
from wtforms.fields.choices import SelectChoice

from portal.actions import attempt, attempt_edit
from portal.congress import services
from portal.congress.forms import ConferenceForm, CycleForm, NewSubmissionForm, NomineeForm
from portal.congress.models import NOMINEE_OWNER, CongressNominee, CongressSubmission, Gender
from portal.congress.profile_checks import profile_gaps
from portal.congress.records import cycle_record, issuer_of, load_submission, submission_record
from portal.consideration.catalogue import titles_for, why_no_title
from portal.documents.conference_record import DOCX_MIME, conference_record_bytes
from portal.documents.congress_lists import DELEGATE_HEADERS, delegate_rows, delegate_sheets
from portal.documents.congress_records import slug
from portal.documents.excel import xlsx_response
from portal.evidence.services import (
    attachments_by_owner,
    attachments_for,
    save_uploads,
)
from portal.exemplars.models import Exemplar, ExemplarKind
from portal.exemplars.queries import exemplar_choices
from portal.extensions import db
from portal.organizations.models import Unit
from portal.periods.models import PlanPeriod
from portal.reviews.locks import require_editable
from portal.reviews.services import can_edit, is_preparer, is_reviewer
from portal.reviews.states import ReviewState
from portal.reviews.views import (
    no_period_page,
    organization_periods,
    review_panel,
    run_transition,
    selected_period,
    units_page,
)
from portal.submissions import once
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
    rows = list(
        db.session.scalars(
            scoped(CongressSubmission).where(
                CongressSubmission.period_id == period.id,
                CongressSubmission.unit_id.in_(unit_ids),
            )
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
        mismatched=services.period_title_mismatches(rows),
    )


@bp.post("/new")
@login_required
@once
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
        mismatched=services.title_mismatches(submission.nominees),
        gaps=profile_gaps(submission) if submission.is_editable else [],
        signers=is_preparer(current_user, submission.unit_id)
        or is_reviewer(current_user, submission.unit_id),
        **review_panel(submission, current_user, ".transition", submission_id=submission.id),
    )


def _editable(model, object_id: int):
    record = get_scoped_or_404(model, object_id)
    submission = record if isinstance(record, CongressSubmission) else record.submission
    require_editable(current_user, submission)
    return record, submission


@bp.route("/<int:submission_id>/edit", methods=["GET", "POST"])
@login_required
def edit(submission_id: int):
    submission, _unused = _editable(CongressSubmission, submission_id)
    form = ConferenceForm(obj=submission if request.method == "GET" else None)
    honoured = [h.exemplar_id for h in submission.honoured]
    exemplars = exemplar_choices(submission.unit_id, keep_ids=honoured)
    form.honoured_ids.choices = [SelectChoice(e.id, e.name) for e in exemplars]
    if request.method == "GET":
        form.honoured_ids.data = honoured
        if not form.period_reviewed.data:
            form.period_reviewed.data = services.cycle_for(submission.period).term_label
    elif form.validate_on_submit():
        values = {f: getattr(form, f).data for f in ("conference_date", "attendance", "invited")}
        for name in ("conference_place", "chaired_by", "secretary", "period_reviewed"):
            values[name] = (getattr(form, name).data or "").strip()
        values["period_summary"] = (form.period_summary.data or "").strip()
        saving = (services.save_conference, submission, values, form.honoured_ids.data or [])
        if attempt_edit(submission, *saving, form=form).ok:
            flash(_("Đã lưu."), "success")
            return redirect(url_for(".view", submission_id=submission.id))
    return render_template("congress/edit.html", submission=submission, form=form)


@bp.get("/<int:submission_id>/conference.docx")
@login_required
def conference_record(submission_id: int):
    """The unit's biên bản Hội nghị điển hình tiên tiến as a Word document."""
    submission = get_scoped_or_404(CongressSubmission, submission_id)
    loaded = load_submission(submission.id)
    record = submission_record(loaded)
    organization = submission.unit.organization
    cycle = cycle_record(services.cycle_for(submission.period))
    data = conference_record_bytes(record, issuer_of(organization), cycle)
    name = f"bien-ban-hoi-nghi-{slug(record.unit_name)}.docx"
    response = send_file(BytesIO(data), mimetype=DOCX_MIME, as_attachment=True, download_name=name)
    response.headers["Cache-Control"] = "private, no-store"
    return response


def _chosen_exemplar(submission: CongressSubmission, nominee: CongressNominee | None):
    """The nominee's exemplar: fixed once saved; for a new one, the one chosen in the
    first step (`?exemplar_id=`), a foreign or unknown id being a 404."""
    if nominee is not None:
        return nominee.exemplar
    raw = request.values.get("exemplar_id", type=int)
    if not raw:
        return None
    exemplar = get_scoped_or_404(Exemplar, raw)
    if exemplar.unit_id != submission.unit_id:
        abort(404)
    return exemplar


def _nominee_form(submission: CongressSubmission, exemplar, nominee=None) -> NomineeForm:
    form = NomineeForm(obj=nominee if request.method == "GET" else None)
    form.exemplar_id.choices = [
        SelectChoice(e.id, e.name) for e in exemplar_choices(submission.unit_id)
    ]
    titles = services.award_titles(submission.unit.organization_id)
    fitting = titles_for(titles, exemplar) if exemplar is not None else []
    form.award_title_id.choices = [SelectChoice(0, _("(Không đề nghị khen thưởng)"))] + [
        SelectChoice(t.id, t.name) for t in fitting
    ]
    members = services.unit_members(submission.unit_id)
    form.delegate_user_id.choices = [SelectChoice(0, _("— Chọn người đại diện —"))] + [
        SelectChoice(u.id, f"{u.full_name}{' - ' + u.position if u.position else ''}")
        for u in members
    ]
    if request.method == "GET":
        if nominee is not None:
            form.award_title_id.data = nominee.award_title_id or 0
            form.delegate_user_id.data = nominee.delegate_user_id or 0
            form.delegate_gender.data = (
                nominee.delegate_gender.value if nominee.delegate_gender else ""
            )
        elif exemplar is not None:
            form.exemplar_id.data = exemplar.id
            if exemplar.kind == ExemplarKind.INDIVIDUAL:
                form.delegate_name.data = exemplar.name
                form.delegate_position.data = exemplar.position
    if exemplar is not None:
        form.exemplar_id.data = exemplar.id
    return form


def _nominee_data(form: NomineeForm, exemplar) -> services.NomineeData:
    gender = form.delegate_gender.data
    return services.NomineeData(
        exemplar_id=exemplar.id,
        award_title_id=form.award_title_id.data or None,
        sector_delegate=bool(form.sector_delegate.data),
        provincial_delegate=bool(form.provincial_delegate.data),
        reason=form.reason.data or "",
        achievements=form.achievements.data or "",
        conference_agree=form.conference_agree.data,
        delegate=services.DelegateData(
            user_id=form.delegate_user_id.data or None,
            name=form.delegate_name.data or "",
            birth_year=form.delegate_birth_year.data,
            gender=Gender(gender) if gender else None,
            ethnicity=form.delegate_ethnicity.data or "",
            position=form.delegate_position.data or "",
            party_member=bool(form.delegate_party_member.data),
            qualifications=form.delegate_qualifications.data or "",
        ),
    )


def _store_nominee(submission, data: services.NomineeData, files, actor, nominee=None) -> None:
    """Add or update the nominee, then keep its new evidence files."""
    if nominee is None:
        nominee = services.add_nominee(submission, data)
    else:
        services.update_nominee(nominee, data)
    save_uploads(files, submission.unit_id, NOMINEE_OWNER, nominee.id, actor)


def _save_nominee(submission, form, exemplar, nominee=None):
    files = request.files.getlist("evidence")
    actor = current_user._get_current_object()
    data = _nominee_data(form, exemplar)
    saving = (_store_nominee, submission, data, files, actor, nominee)
    if not attempt_edit(nominee, *saving, form=form).ok:
        return None
    flash(_("Đã lưu đề xuất."), "success")
    return redirect(url_for(".view", submission_id=submission.id))


def _nominee_page(submission, form, exemplar, nominee=None, files=()):
    titles_offered = len(form.award_title_id.choices) > 1
    return render_template(
        "congress/nominee.html",
        submission=submission,
        form=form,
        exemplar=exemplar,
        nominee=nominee,
        files=files,
        no_title_reason=(
            why_no_title(exemplar, exemplar.name)
            if exemplar is not None and not titles_offered
            else ""
        ),
        is_collective=exemplar is not None and exemplar.kind == ExemplarKind.COLLECTIVE,
    )


@bp.route("/<int:submission_id>/nominees/new", methods=["GET", "POST"])
@login_required
@once
def nominee_new(submission_id: int):
    submission, _unused = _editable(CongressSubmission, submission_id)
    exemplar = _chosen_exemplar(submission, None)
    form = _nominee_form(submission, exemplar)
    if exemplar is not None and form.validate_on_submit():
        done = _save_nominee(submission, form, exemplar)
        if done:
            return done
    return _nominee_page(submission, form, exemplar)


@bp.route("/nominees/<int:nominee_id>/edit", methods=["GET", "POST"])
@login_required
def nominee_edit(nominee_id: int):
    nominee, submission = _editable(CongressNominee, nominee_id)
    exemplar = nominee.exemplar
    form = _nominee_form(submission, exemplar, nominee)
    if form.validate_on_submit():
        done = _save_nominee(submission, form, exemplar, nominee)
        if done:
            return done
    files = attachments_for(NOMINEE_OWNER, nominee.id)
    return _nominee_page(submission, form, exemplar, nominee, files)


@bp.post("/nominees/<int:nominee_id>/delete")
@login_required
def nominee_delete(nominee_id: int):
    nominee, submission = _editable(CongressNominee, nominee_id)
    if attempt(services.delete_nominee, nominee).ok:
        flash(_("Đã xóa đề xuất."), "success")
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
        skipped = ("csrf_token", "submit", "lock_version")
        values = {name: field.data for name, field in form._fields.items() if name not in skipped}
        if attempt_edit(current, services.save_cycle, period, values, form=form).ok:
            flash(_("Đã lưu thiết lập Đại hội."), "success")
            return redirect(url_for(".index", period_id=period.id))
    return render_template("congress/cycle.html", period=period, form=form)


def _accepted_records(period: PlanPeriod) -> list:
    """The accepted submissions of the period in the user's scope, as document records."""
    accepted = db.session.scalars(
        scoped(CongressSubmission)
        .join(Unit, Unit.id == CongressSubmission.unit_id)
        .where(
            CongressSubmission.period_id == period.id,
            CongressSubmission.state == ReviewState.ACCEPTED,
        )
        .order_by(Unit.name, CongressSubmission.id)
    )
    return [submission_record(load_submission(s.id)) for s in accepted]


@bp.get("/periods/<int:period_id>/delegates")
@office_required
def delegates(period_id: int):
    """The two delegate lists: the sector's congress and the province's congress."""
    period = get_org_owned_or_404(PlanPeriod, period_id)
    records = _accepted_records(period)
    return render_template(
        "congress/delegates.html",
        period=period,
        cycle=services.cycle_for(period),
        headers=DELEGATE_HEADERS,
        sector=delegate_rows(records, provincial=False),
        provincial=delegate_rows(records, provincial=True),
    )


@bp.get("/periods/<int:period_id>/delegates.xlsx")
@office_required
def delegates_export(period_id: int):
    period = get_org_owned_or_404(PlanPeriod, period_id)
    return xlsx_response(
        f"danh-sach-dai-bieu-{period.start_year}-{period.end_year}.xlsx",
        delegate_sheets(_accepted_records(period)),
    )
