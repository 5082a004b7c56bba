"""Pages of the annual report: the units x years list, writing it, its computed
sections, the state changes and the Excel export."""

from __future__ import annotations

from flask import Blueprint, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user, login_required
from wtforms.fields.choices import SelectChoice

from portal.actions import attempt_edit
from portal.annualreports import services
from portal.annualreports.exports import report_workbook
from portal.annualreports.figures import figures_for
from portal.annualreports.forms import NewReportForm, ReportForm
from portal.annualreports.labels import figure_label
from portal.annualreports.models import AnnualReport
from portal.annualreports.sections import COMMENTARY_FIELDS, PROPOSALS_LABEL, SECTIONS
from portal.documents.excel import send_workbook
from portal.exemplars.queries import exemplar_choices
from portal.reviews.locks import require_editable
from portal.reviews.services import can_edit, timeline
from portal.reviews.views import review_panel, run_transition
from portal.reviews.yearly import YearlyRecords, create_yearly, yearly_index
from portal.submissions import once
from portal.tenancy import get_scoped_or_404

bp = Blueprint("annualreports", __name__, url_prefix="/annual-reports", template_folder="templates")
bp.add_app_template_global(figure_label, "figure_label")
KIND = "annual_report"

RECORDS = YearlyRecords(
    model=AnnualReport,
    kind=KIND,
    blueprint="annualreports",
    id_arg="report_id",
    title=_l("Báo cáo năm"),
    heading=_l("Báo cáo hằng năm của các phòng, đơn vị"),
    intro=_l("Hằng năm, mỗi đơn vị báo cáo tình hình thực hiện kế hoạch về Sở qua Văn phòng Sở."),
    create_label=_l("Lập báo cáo năm"),
)


@bp.get("/")
@login_required
def index():
    return yearly_index(RECORDS, current_user, NewReportForm())


@bp.post("/new")
@login_required
@once
def create():
    return create_yearly(
        RECORDS,
        current_user,
        NewReportForm(),
        services.create_report,
        lambda record: _("Đã tạo báo cáo năm %(year)s.", year=record.year),
    )


@bp.get("/<int:report_id>")
@login_required
def view(report_id: int):
    report = get_scoped_or_404(AnnualReport, report_id)
    return render_template(
        "annualreports/view.html",
        report=report,
        figures=figures_for(report),
        sections=SECTIONS,
        proposals_label=PROPOSALS_LABEL,
        can_edit=can_edit(current_user, report),
        **review_panel(report, current_user, ".transition", report_id=report.id),
    )


@bp.route("/<int:report_id>/edit", methods=["GET", "POST"])
@login_required
def edit(report_id: int):
    report = get_scoped_or_404(AnnualReport, report_id)
    require_editable(current_user, report)
    exemplars = exemplar_choices(report.unit_id)
    form = ReportForm(obj=report if request.method == "GET" else None)
    form.exemplar_ids.choices = [SelectChoice(e.id, e.name) for e in exemplars]
    if request.method == "GET":
        form.exemplar_ids.data = [c.exemplar_id for c in report.commendations]
    elif form.validate_on_submit():
        commentary = {field: getattr(form, field).data for field in COMMENTARY_FIELDS}
        saving = (services.save_report, report, commentary, form.exemplar_ids.data or [])
        if attempt_edit(report, *saving, form=form).ok:
            flash(_("Đã lưu báo cáo."), "success")
            return redirect(url_for(".view", report_id=report.id))
    return render_template(
        "annualreports/edit.html",
        report=report,
        form=form,
        sections=SECTIONS,
        figures=figures_for(report),
        exemplars={e.id: e for e in exemplars},
    )


@bp.post("/<int:report_id>/actions/<action>")
@login_required
def transition(report_id: int, action: str):
    report = get_scoped_or_404(AnnualReport, report_id)
    return run_transition(report, current_user, action, RECORDS.view_url(report))


@bp.get("/<int:report_id>/export.xlsx")
@login_required
def export(report_id: int):
    report = get_scoped_or_404(AnnualReport, report_id)
    workbook = report_workbook(report, figures_for(report), timeline(report))
    return send_workbook(workbook, f"bao-cao-nam-{report.year}-don-vi-{report.unit_id}.xlsx")
