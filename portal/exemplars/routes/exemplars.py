"""Exemplar pages: the list (filters, export), the quota overview, an exemplar's
record, its lifecycle and its evidence. Fostering actions and evaluations are in
`records`. Reading follows the tenancy rules; writing needs `can_edit_unit`."""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

from flask import (
    abort,
    flash,
    redirect,
    render_template,
    request,
    url_for,
)
from flask_babel import gettext as _
from flask_login import current_user, login_required
from wtforms.fields.choices import SelectChoice

from portal.actions import attempt, attempt_edit
from portal.documents.excel import send_workbook
from portal.evidence.services import (
    attachments_by_owner,
    attachments_for,
    save_uploads,
)
from portal.exemplars import services
from portal.exemplars.evaluation import score_history
from portal.exemplars.export import exemplars_workbook
from portal.exemplars.forms import ExemplarFilterForm, ExemplarForm, NewExemplarForm, TransitionForm
from portal.exemplars.fostering import is_followed
from portal.exemplars.models import (
    EvaluationAspect,
    Exemplar,
    ExemplarEvaluation,
    ExemplarKind,
    ExemplarStatus,
    FosteringAction,
)
from portal.exemplars.movement_links import movement_choices
from portal.exemplars.queries import (
    exemplar_detail_options,
    field_choices,
    filtered_exemplars,
)
from portal.exemplars.quota import quota_flag, unit_quota
from portal.exemplars.routes.blueprint import bp
from portal.extensions import db
from portal.formatting import format_month, today_vn
from portal.listing import page_of
from portal.periods.forms import PeriodFilterForm
from portal.periods.models import PlanPeriod, current_period
from portal.submissions import once
from portal.tenancy import (
    can_edit_unit,
    get_child_or_404,
    get_editable_or_404,
    get_scoped_or_404,
    org_scoped,
    visible_units,
)

# Label helpers are Jinja globals, so that imported macros see them too.

EVIDENCE_OWNERS = {
    "exemplar": None,
    "exemplar_evaluation": ExemplarEvaluation,
    "fostering_action": FosteringAction,
}


def editable_units() -> list:
    return [u for u in db.session.scalars(visible_units(active_only=True)) if can_edit_unit(u.id)]


T = TypeVar("T")


def with_evidence(owner_type: str, save: Callable[[], T]) -> T:
    """Run `save` (a service call returning the saved record) and store the request's
    `evidence` files on that record: one change for `attempt` to commit or roll back."""
    record = save()
    save_uploads(
        request.files.getlist("evidence"), record.unit_id, owner_type, record.id, current_user
    )
    return record


@bp.get("/")
@login_required
def index():
    filters = ExemplarFilterForm().filters()
    page = page_of(filtered_exemplars(filters))
    units = db.session.scalars(visible_units()).all()
    return render_template(
        "exemplars/index.html",
        page=page,
        filters=filters,
        units=units,
        fields=field_choices(),
        statuses=list(ExemplarStatus),
        kinds=list(ExemplarKind),
        can_create=any(can_edit_unit(u.id) for u in units),
    )


@bp.get("/export.xlsx")
@login_required
def export():
    filters = ExemplarFilterForm().filters()
    exemplars = db.session.scalars(filtered_exemplars(filters)).unique().all()
    return send_workbook(
        exemplars_workbook(exemplars), f"diem-hinh-tien-tien-{today_vn():%Y%m%d}.xlsx"
    )


@bp.get("/quota")
@login_required
def quota():
    periods = db.session.scalars(org_scoped(PlanPeriod).order_by(PlanPeriod.start_year)).all()
    chosen = PeriodFilterForm().value("period_id")
    period = next((p for p in periods if p.id == chosen), None) or current_period(
        current_user.organization_id
    )
    units = db.session.scalars(visible_units(active_only=True)).all()
    years = period.years if period else []
    counts = unit_quota([u.id for u in units], years)
    totals = {year: sum(counts[(u.id, year)] for u in units) for year in years}
    return render_template(
        "exemplars/quota.html",
        periods=periods,
        period=period,
        units=units,
        years=years,
        counts=counts,
        totals=totals,
        quota_flag=quota_flag,
        this_year=today_vn().year,
    )


@bp.route("/new", methods=["GET", "POST"])
@login_required
@once
def new():
    units = editable_units()
    if not units:
        abort(403)
    form = NewExemplarForm()
    form.unit_id.choices = [SelectChoice(u.id, u.name) for u in units]
    if request.method == "GET" and request.args.get("unit_id", type=int):
        form.unit_id.data = request.args.get("unit_id", type=int)
    form.set_people(services.people_choices([u.id for u in units]))
    form.set_movements(list(dict.fromkeys(m for u in units for m in movement_choices(u.id))))
    if form.validate_on_submit():
        outcome = attempt(
            with_evidence,
            "exemplar",
            lambda: services.create_exemplar(
                form.unit_id.data,
                current_user._get_current_object(),
                initial_status=ExemplarStatus(form.initial_status.data),
                year_recognised=form.year_recognised.data,
                identified_on=form.identified_on.data,
                note=form.note.data or "",
                **form.values(),
            ),
            form=form,
        )
        if outcome.ok:
            exemplar = outcome.value
            flash(_("Đã ghi nhận điển hình %(name)s.", name=exemplar.name), "success")
            return redirect(url_for("exemplars.detail", exemplar_id=exemplar.id))
    return render_template("exemplars/form.html", form=form, exemplar=None)


@bp.get("/<int:exemplar_id>")
@login_required
def detail(exemplar_id: int):
    exemplar = get_scoped_or_404(Exemplar, exemplar_id, options=exemplar_detail_options())
    can_edit = can_edit_unit(exemplar.unit_id)
    history = score_history(exemplar)
    return render_template(
        "exemplars/detail.html",
        exemplar=exemplar,
        can_edit=can_edit,
        can_foster=can_edit and is_followed(exemplar),
        transitions=services.allowed_transitions(exemplar.status) if can_edit else (),
        history=history,
        aspects=EvaluationAspect,
        chart=[(row.average, format_month(row.evaluation.evaluated_on)) for row in history],
        evidence=attachments_for("exemplar", exemplar.id),
        action_evidence=attachments_by_owner(
            "fostering_action", [a.id for a in exemplar.fostering_actions]
        ),
        evaluation_evidence=attachments_by_owner(
            "exemplar_evaluation", [e.id for e in exemplar.evaluations]
        ),
        today=today_vn(),
    )


@bp.route("/<int:exemplar_id>/edit", methods=["GET", "POST"])
@login_required
def edit(exemplar_id: int):
    exemplar = get_editable_or_404(Exemplar, exemplar_id)
    form = ExemplarForm(obj=exemplar)
    people = services.people_choices([exemplar.unit_id])
    if exemplar.person and all(user.id != exemplar.person_user_id for user, _label in people):
        people.append((exemplar.person, exemplar.person.full_name))  # has left the unit
    form.set_people(people)
    form.set_movements(movement_choices(exemplar.unit_id, exemplar.movement_id))
    if form.validate_on_submit() and (
        attempt_edit(exemplar, services.update_exemplar, exemplar, **form.values(), form=form).ok
    ):
        flash(_("Đã lưu điển hình %(name)s.", name=exemplar.name), "success")
        return redirect(url_for("exemplars.detail", exemplar_id=exemplar.id))
    return render_template("exemplars/form.html", form=form, exemplar=exemplar)


@bp.route("/<int:exemplar_id>/status/<to_status>", methods=["GET", "POST"])
@login_required
def transition(exemplar_id: int, to_status: str):
    exemplar = get_editable_or_404(Exemplar, exemplar_id)
    try:
        target = ExemplarStatus(to_status)
    except ValueError:
        abort(404)
    if not services.can_transition(exemplar.status, target):
        flash(_("Không thể chuyển điển hình sang trạng thái này."), "danger")
        return redirect(url_for("exemplars.detail", exemplar_id=exemplar.id))
    form = TransitionForm()
    if form.validate_on_submit() and (
        attempt(
            services.transition,
            exemplar,
            target,
            current_user._get_current_object(),
            note=form.note.data or "",
            occurred_on=form.occurred_on.data,
            form=form,
        ).ok
    ):
        flash(_("Đã cập nhật trạng thái điển hình."), "success")
        return redirect(url_for("exemplars.detail", exemplar_id=exemplar.id))
    return render_template("exemplars/transition.html", form=form, exemplar=exemplar, target=target)


@bp.post("/<int:exemplar_id>/evidence")
@login_required
def upload(exemplar_id: int):
    exemplar = get_editable_or_404(Exemplar, exemplar_id)
    owner_type = request.form.get("owner_type", "exemplar")
    if owner_type not in EVIDENCE_OWNERS:
        abort(400)
    owner_id = exemplar.id
    model = EVIDENCE_OWNERS[owner_type]
    if model is not None:
        owner_id = get_child_or_404(model, request.form.get("owner_id", 0, type=int), exemplar).id
    outcome = attempt(
        save_uploads,
        request.files.getlist("evidence"),
        exemplar.unit_id,
        owner_type,
        owner_id,
        current_user,
    )
    if outcome.ok and outcome.value:
        flash(_("Đã tải lên %(n)s tệp minh chứng.", n=len(outcome.value)), "success")
    elif outcome.ok:
        flash(_("Chưa chọn tệp."), "warning")
    return redirect(url_for("exemplars.detail", exemplar_id=exemplar.id) + "#minh-chung")
