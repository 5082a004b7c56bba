"""The scan and the Word document of a decision, and the drafts from a closed round."""

from __future__ import annotations

import tempfile
from io import BytesIO
from pathlib import Path

from flask import abort, flash, redirect, render_template, send_file, url_for
from flask_babel import gettext as _
from flask_login import current_user
from sqlalchemy import func, select

from portal.actions import attempt
from portal.awards import access
from portal.awards.document import write_decision
from portal.awards.drafting import draft_from_round
from portal.awards.forms import (
    DraftForm,
)
from portal.awards.models import (
    AwardDecision,
    DecisionStatus,
)
from portal.awards.routes.blueprint import bp
from portal.awards.scans import scan_content_type, scan_file
from portal.consideration.models import ConsiderationRound, RoundStatus
from portal.extensions import db
from portal.models_base import in_ids
from portal.tenancy import get_org_owned_or_404, office_required, org_scoped

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


@bp.get("/<int:decision_id>/scan")
@access.readers_required
def scan(decision_id: int):
    decision = access.get_decision_or_404(decision_id)
    path = scan_file(decision) if decision.scan_path else None
    if path is None or not path.is_file():
        abort(404)
    response = send_file(
        path,
        mimetype=scan_content_type(decision),
        as_attachment=True,
        download_name=decision.scan_name,
        max_age=0,
    )
    response.headers["X-Content-Type-Options"] = "nosniff"
    response.headers["Content-Security-Policy"] = "default-src 'none'; sandbox"
    response.headers["Cache-Control"] = "private, no-store"
    return response


@bp.get("/<int:decision_id>/decision.docx")
@office_required
def document(decision_id: int):
    """The decision in the Decree 30 format, with the list of recipients appended."""
    decision = access.get_decision_or_404(decision_id, full=True)
    with tempfile.TemporaryDirectory() as folder:
        data = write_decision(decision, Path(folder) / "quyet-dinh.docx").read_bytes()
    response = send_file(
        BytesIO(data),
        mimetype=DOCX,
        as_attachment=True,
        download_name=f"quyet-dinh-khen-thuong-{decision.id}.docx",
    )
    response.headers["Cache-Control"] = "private, no-store"
    return response


@bp.get("/from-round")
@office_required
def rounds():
    """The closed rounds of the organization, to draft decisions from."""
    closed = db.session.scalars(
        org_scoped(ConsiderationRound)
        .where(ConsiderationRound.status == RoundStatus.CLOSED)
        .order_by(ConsiderationRound.meeting_date.desc())
        .limit(50)
    ).all()
    drafted = dict(
        db.session.execute(
            select(AwardDecision.round_id, func.count(AwardDecision.id))
            .where(in_ids(AwardDecision.round_id, [r.id for r in closed]))
            .group_by(AwardDecision.round_id)
        ).all()
    )
    return render_template(
        "awards/from_round.html", rounds=closed, drafted=drafted, form=DraftForm()
    )


@bp.post("/from-round/<int:round_id>")
@office_required
def draft(round_id: int):
    round_ = get_org_owned_or_404(ConsiderationRound, round_id)
    if not DraftForm().validate_on_submit():
        abort(400)
    done = attempt(draft_from_round, round_, current_user)
    if not done.ok:
        return redirect(url_for(".rounds"))
    result = done.value
    flash(
        _(
            "Đã dự thảo %(decisions)s quyết định (%(created)s mới), thêm %(added)s tập thể, "
            "cá nhân.",
            decisions=len(result.decisions),
            created=result.created,
            added=result.added,
        ),
        "success",
    )
    if result.without_unit:
        flash(
            _(
                "Chưa đưa vào quyết định vì không thuộc đơn vị nào của Sở: %(names)s. Hãy "
                "thêm bằng tay.",
                names=", ".join(result.without_unit),
            ),
            "warning",
        )
    if len(result.decisions) == 1:
        return redirect(url_for(".detail", decision_id=result.decisions[0].id))
    return redirect(url_for(".index", status=DecisionStatus.DRAFT.value))
