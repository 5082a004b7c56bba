"""The Office's compilation pages: start, watch the progress bar, cancel, download."""

from __future__ import annotations

from flask import (
    Blueprint,
    abort,
    flash,
    jsonify,
    redirect,
    render_template,
    request,
    send_file,
    url_for,
)
from flask_babel import gettext as _
from flask_login import current_user

from portal.actions import attempt
from portal.compilations.builders import available_builders
from portal.compilations.models import Compilation, CompilationStatus
from portal.compilations.services import (
    live_progress,
    reconcile,
    request_cancel,
    restart_compilation,
    start_compilation,
)
from portal.compilations.storage import archive_path
from portal.extensions import db
from portal.listing import page_of
from portal.periods.models import PlanPeriod
from portal.submissions import once
from portal.tenancy import get_org_owned_or_404, office_required, org_scoped

bp = Blueprint("compilations", __name__, url_prefix="/compilations", template_folder="templates")


@bp.get("/")
@office_required
def index():
    page = page_of(org_scoped(Compilation).order_by(Compilation.id.desc()), 20)
    _reconciled(*page.items)
    periods = db.session.scalars(
        org_scoped(PlanPeriod).order_by(PlanPeriod.start_year.desc())
    ).all()
    return render_template(
        "compilations/index.html", page=page, builders=available_builders(), periods=periods
    )


@bp.post("/start")
@office_required
@once
def start():
    kind = request.form.get("kind", "")
    period = get_org_owned_or_404(PlanPeriod, request.form.get("period_id", 0, type=int))
    year = request.form.get("year", type=int)
    if kind not in available_builders():
        abort(400)
    started = attempt(start_compilation, kind, period, current_user, year)
    if not started.ok:
        return redirect(url_for(".index"))
    flash(_("Đã bắt đầu tổng hợp hồ sơ."), "success")
    return redirect(url_for(".detail", compilation_id=started.value.id))


@bp.get("/<int:compilation_id>")
@office_required
def detail(compilation_id: int):
    compilation = get_org_owned_or_404(Compilation, compilation_id)
    _reconciled(compilation)
    progress = live_progress(compilation)
    builder = available_builders().get(compilation.kind)
    return render_template(
        "compilations/detail.html",
        compilation=compilation,
        progress=progress,
        live_status=CompilationStatus(progress["status"]),
        builder=builder,
        summary=builder.describe(compilation) if builder and builder.describe else [],
    )


@bp.get("/<int:compilation_id>/status")
@office_required
def status(compilation_id: int):
    compilation = get_org_owned_or_404(Compilation, compilation_id)
    _reconciled(compilation)
    return jsonify(live_progress(compilation))


def _reconciled(*compilations: Compilation) -> None:
    """Reading the page shows what is real: a dead job's compilation as failed."""
    if any([reconcile(compilation) for compilation in compilations]):
        db.session.commit()


@bp.post("/<int:compilation_id>/cancel")
@office_required
def cancel(compilation_id: int):
    compilation = get_org_owned_or_404(Compilation, compilation_id)
    if attempt(request_cancel, compilation).ok:
        flash(_("Đã yêu cầu hủy tổng hợp."), "info")
    return redirect(url_for(".detail", compilation_id=compilation.id))


@bp.post("/<int:compilation_id>/restart")
@office_required
def restart(compilation_id: int):
    compilation = get_org_owned_or_404(Compilation, compilation_id)
    started = attempt(restart_compilation, compilation, current_user)
    if not started.ok:
        return redirect(url_for(".detail", compilation_id=compilation.id))
    flash(_("Đã bắt đầu tổng hợp lại hồ sơ."), "success")
    return redirect(url_for(".detail", compilation_id=started.value.id))


@bp.get("/<int:compilation_id>/download")
@office_required
def download(compilation_id: int):
    compilation = get_org_owned_or_404(Compilation, compilation_id)
    path = archive_path(compilation) if compilation.file_name else None
    if compilation.status != CompilationStatus.DONE or path is None or not path.is_file():
        abort(404)
    return send_file(
        path, mimetype="application/zip", as_attachment=True, download_name=compilation.file_name
    )
