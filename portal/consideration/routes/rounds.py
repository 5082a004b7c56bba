"""Consideration rounds (bình xét): list, open, edit, close, results and minutes."""

from __future__ import annotations

import tempfile
from io import BytesIO
from pathlib import Path

from flask import flash, redirect, render_template, request, send_file, url_for
from flask_babel import gettext as _
from flask_login import current_user
from sqlalchemy import func, select

from portal.actions import attempt, attempt_edit
from portal.consideration import eligibility, services, voting
from portal.consideration import minutes as council_minutes
from portal.consideration.access import get_round_or_404, readers_required
from portal.consideration.catalogue import ensure_catalogue
from portal.consideration.choices import period_choices
from portal.consideration.forms import CancelRoundForm, RoundFilterForm, RoundForm, options
from portal.consideration.models import ConsiderationRound, Nomination, RoundStatus
from portal.consideration.routes.blueprint import bp
from portal.consideration.rules import describe_threshold
from portal.council.models import CouncilPosition
from portal.extensions import db
from portal.fields import ConfirmForm
from portal.listing import page_of
from portal.models_base import in_ids
from portal.periods.models import PlanPeriod, current_period
from portal.submissions import once
from portal.tenancy import current_org, office_required, org_scoped


@bp.app_context_processor
def _helpers() -> dict:
    return {"describe_threshold": describe_threshold}


@bp.get("/")
@readers_required
def index():
    if current_user.is_office and ensure_catalogue(current_org.id):
        db.session.commit()
    query = org_scoped(ConsiderationRound)
    form = RoundFilterForm()
    status, year = form.value("status") or "", form.value("year")
    search = (form.value("q") or "").strip()
    if status:
        query = query.where(ConsiderationRound.status == RoundStatus(status))
    if year:
        query = query.where(ConsiderationRound.year == year)
    if search:
        query = query.where(ConsiderationRound.title.ilike(f"%{search}%"))
    page = page_of(
        query.order_by(ConsiderationRound.meeting_date.desc(), ConsiderationRound.id.desc())
    )
    ids = [r.id for r in page.items]
    counts = dict(
        db.session.execute(
            select(Nomination.round_id, func.count(Nomination.id))
            .where(in_ids(Nomination.round_id, ids))
            .group_by(Nomination.round_id)
        ).all()
    )
    return render_template(
        "consideration/index.html",
        page=page,
        counts=counts,
        status=status,
        year=year,
        search=search,
        RoundStatus=RoundStatus,
    )


def _round_form(round_: ConsiderationRound | None = None) -> RoundForm:
    form = RoundForm(obj=round_)
    form.period_id.choices = options(period_choices(current_org.id))
    if round_ is None and request.method == "GET":
        period = current_period(current_org.id)
        form.period_id.data = period.id if period else None
    return form


def _period_of(form: RoundForm) -> PlanPeriod | None:
    period = db.session.get(PlanPeriod, form.period_id.data)
    if period is None or period.organization_id != current_org.id:
        form.period_id.errors.append(_("Kỳ kế hoạch không hợp lệ."))
        return None
    return period


@bp.route("/new", methods=["GET", "POST"])
@office_required
@once
def new_round():
    form = _round_form()
    if form.validate_on_submit() and (period := _period_of(form)):
        opened = attempt(
            services.open_round,
            current_org.id,
            period,
            form.title.data,
            form.year.data,
            form.meeting_date.data,
            form.location.data or "",
            opened_by=current_user,
            form=form,
            default_field="title",
        )
        if opened.ok and (form.meeting_time.data or form.minutes_number.data):
            attempt(
                services.update_round,
                opened.value,
                meeting_time=form.meeting_time.data,
                minutes_number=(form.minutes_number.data or "").strip(),
            )
        if opened.ok:
            flash(_("Đã mở phiên bình xét. Thêm các đề nghị để Hội đồng bỏ phiếu."), "success")
            return redirect(url_for(".round_detail", round_id=opened.value.id))
    return render_template("consideration/round_form.html", form=form, round=None)


@bp.route("/<int:round_id>/edit", methods=["GET", "POST"])
@office_required
def edit_round(round_id: int):
    round_ = get_round_or_404(round_id)
    if not round_.is_open:
        flash(_("Phiên bình xét đã kết thúc, không thể thay đổi."), "error")
        return redirect(url_for(".round_detail", round_id=round_.id))
    form = _round_form(round_)
    # The period fixes the council (the members were taken from it): it is not edited.
    form.period_id.render_kw = {"disabled": True}
    form.period_id.data = round_.period_id
    if (
        form.validate_on_submit()
        and attempt_edit(
            round_,
            services.update_round,
            round_,
            title=form.title.data.strip(),
            year=form.year.data,
            meeting_date=form.meeting_date.data,
            meeting_time=form.meeting_time.data,
            location=(form.location.data or "").strip(),
            minutes_number=(form.minutes_number.data or "").strip(),
            form=form,
            default_field="title",
        ).ok
    ):
        flash(_("Đã lưu phiên bình xét."), "success")
        return redirect(url_for(".round_detail", round_id=round_.id))
    return render_template("consideration/round_form.html", form=form, round=round_)


@bp.route("/<int:round_id>/cancel", methods=["GET", "POST"])
@office_required
def cancel_round(round_id: int):
    """Cancel an open round with a reason and open a new one (same nominations, no ballot)."""
    round_ = get_round_or_404(round_id, full=True)
    if not round_.is_open:
        flash(_("Chỉ hủy được phiên đang bỏ phiếu."), "error")
        return redirect(url_for(".round_detail", round_id=round_.id))
    form = CancelRoundForm()
    if not form.is_submitted():
        form.meeting_date.data = round_.meeting_date
    if form.validate_on_submit():
        replaced = attempt(
            services.cancel_round,
            round_,
            form.reason.data,
            form.meeting_date.data,
            current_user,
            form=form,
            default_field="reason",
        )
        if replaced.ok:
            flash(
                _("Đã hủy phiên bình xét và mở phiên mới với các đề nghị của phiên cũ."),
                "success",
            )
            return redirect(url_for(".round_detail", round_id=replaced.value.id))
    return render_template("consideration/cancel_form.html", form=form, round=round_)


@bp.get("/<int:round_id>")
@readers_required
def round_detail(round_id: int):
    round_ = get_round_or_404(round_id, full=True)
    seat = voting.member_for(round_, current_user)
    context = {
        "round": round_,
        "seat": seat,
        "confirm_form": ConfirmForm(),
        "is_secretary": seat is not None and seat.position == CouncilPosition.SECRETARY,
        "may_record": voting.may_record_written_opinions(round_, current_user),
        "hints": eligibility.round_hints(round_) if round_.is_open else {},
    }
    if round_.is_open:
        if current_user.is_office:
            context["participation"] = voting.participation(round_)
            context["rules"] = services.rules_for(round_)
        if seat is not None:
            context["own"] = voting.own_votes(round_, seat)
    elif not round_.is_cancelled:
        context["results"] = services.round_results(round_)
    context["replacement"] = db.session.scalar(
        select(ConsiderationRound).where(ConsiderationRound.replaces_id == round_.id)
    )
    return render_template("consideration/round.html", **context)


@bp.post("/<int:round_id>/members/sync")
@office_required
def sync_members(round_id: int):
    round_ = get_round_or_404(round_id)
    if ConfirmForm().validate_on_submit():
        synced = attempt(services.sync_members, round_)
        if synced.ok:
            added, removed = synced.value
            flash(
                _("Đã cập nhật thành viên: thêm %(a)s, bớt %(r)s.", a=added, r=removed), "success"
            )
    return redirect(url_for(".round_detail", round_id=round_.id))


@bp.post("/<int:round_id>/close")
@office_required
def close_round(round_id: int):
    round_ = get_round_or_404(round_id, full=True)
    if (
        ConfirmForm().validate_on_submit()
        and attempt(services.close_round, round_, current_user).ok
    ):
        flash(_("Đã kết thúc phiên bình xét và công bố kết quả."), "success")
    return redirect(url_for(".round_detail", round_id=round_.id))


def _closed_round_or_redirect(round_id: int):
    round_ = get_round_or_404(round_id, full=True)
    if round_.status != RoundStatus.CLOSED:
        flash(_("Biên bản chỉ có sau khi kết thúc phiên bình xét."), "warning")
        return round_, redirect(url_for(".round_detail", round_id=round_.id))
    return round_, None


@bp.get("/<int:round_id>/minutes")
@readers_required
def minutes(round_id: int):
    round_, refused = _closed_round_or_redirect(round_id)
    if refused:
        return refused
    return render_template(
        "consideration/minutes.html", round=round_, record=council_minutes.minutes_record(round_)
    )


@bp.get("/<int:round_id>/minutes.docx")
@readers_required
def minutes_docx(round_id: int):
    """The minutes as a Word document (the same record as the page)."""
    round_, refused = _closed_round_or_redirect(round_id)
    if refused:
        return refused
    with tempfile.TemporaryDirectory() as folder:
        path = council_minutes.write_minutes(round_, Path(folder) / "bien-ban.docx")
        data = path.read_bytes()
    response = send_file(
        BytesIO(data),
        mimetype="application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        as_attachment=True,
        download_name=f"bien-ban-binh-xet-{round_.id}.docx",
    )
    response.headers["Cache-Control"] = "private, no-store"
    return response
