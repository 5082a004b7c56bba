"""Award decisions (quyết định khen thưởng): list, record, edit, recipients, issue and
amend. The Office writes; readers are in portal.awards.access."""

from __future__ import annotations

from flask import flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user
from sqlalchemy import func, select

from portal.accounts.models import User
from portal.actions import attempt, attempt_edit
from portal.awards import access, choices, services
from portal.awards.amendments import add_amendment, target_choices
from portal.awards.forms import (
    AmendmentForm,
    DecisionFilterForm,
    DecisionForm,
    IssueForm,
    RecipientForm,
    RecipientsForm,
)
from portal.awards.models import (
    AwardDecision,
    AwardLevel,
    AwardRecipient,
    DecisionSource,
    DecisionStatus,
)
from portal.awards.routes.blueprint import bp
from portal.awards.scans import attach_scan
from portal.extensions import db
from portal.formatting import today_vn
from portal.listing import filter_args, page_of
from portal.models_base import in_ids
from portal.rules import LockedError
from portal.submissions import once
from portal.tenancy import current_org, office_required


def refuse_if_issued(decision: AwardDecision) -> None:
    """An issued decision is locked: the page offers the dated amendment instead."""
    if decision.is_issued:
        detail = url_for("awards.detail", decision_id=decision.id)
        raise LockedError(
            _("Quyết định đã ban hành nên không sửa được; hãy thêm một đính chính có ghi ngày."),
            since=decision.issued_at,
            by=_name_of(decision.issued_by_id),
            way=(f"{detail}#amendments", _("Thêm đính chính")),
            back=(detail, _("Xem quyết định")),
        )


def _name_of(user_id: int | None) -> str:
    user = db.session.get(User, user_id) if user_id else None
    return user.full_name if user else ""


@bp.get("/")
@access.readers_required
def index():
    form = DecisionFilterForm()
    query = access.visible_decisions()
    if year := form.value("year"):
        query = query.where(AwardDecision.year == year)
    if level := form.value("level"):
        query = query.where(AwardDecision.level == AwardLevel(level))
    if status := form.value("status"):
        query = query.where(AwardDecision.status == DecisionStatus(status))
    page = page_of(query.order_by(AwardDecision.year.desc(), AwardDecision.id.desc()))
    ids = [d.id for d in page.items]
    counts = dict(
        db.session.execute(
            select(AwardRecipient.decision_id, func.count(AwardRecipient.id))
            .where(in_ids(AwardRecipient.decision_id, ids))
            .group_by(AwardRecipient.decision_id)
        ).all()
    )
    return render_template(
        "awards/index.html",
        page=page,
        counts=counts,
        form=form,
        args=filter_args(),
        AwardLevel=AwardLevel,
        DecisionStatus=DecisionStatus,
    )


def _decision_form(decision: AwardDecision | None = None) -> DecisionForm:
    form = DecisionForm(obj=decision)
    form.award_title_id.choices = choices.title_choices(current_org.id)
    form.movement_id.choices = choices.movement_choices(current_org.id)
    if decision is None and not form.is_submitted():
        form.year.data = today_vn().year - 1
    return form


def _render_form(form: DecisionForm, decision: AwardDecision | None):
    return render_template(
        "awards/form.html",
        form=form,
        decision=decision,
        suggestions=choices.issuing_body_suggestions(current_org.id),
    )


def _record(form: DecisionForm) -> AwardDecision:
    decision = services.record_decision(
        current_org.id, form.values(), current_user, DecisionSource.RECORDED
    )
    if form.scan.data:
        attach_scan(decision, form.scan.data)
    return decision


@bp.route("/new", methods=["GET", "POST"])
@office_required
@once
def new():
    """Record by hand a decision made elsewhere, with its scan."""
    form = _decision_form()
    if form.validate_on_submit():
        saved = attempt(_record, form, form=form, default_field="number")
        if saved.ok:
            flash(_("Đã ghi quyết định. Thêm các tập thể, cá nhân được khen thưởng."), "success")
            return redirect(url_for(".detail", decision_id=saved.value.id))
    return _render_form(form, None)


def _update(decision: AwardDecision, form: DecisionForm) -> None:
    services.update_decision(decision, form.values())
    if form.scan.data:
        attach_scan(decision, form.scan.data)


@bp.route("/<int:decision_id>/edit", methods=["GET", "POST"])
@office_required
def edit(decision_id: int):
    decision = access.get_decision_or_404(decision_id)
    refuse_if_issued(decision)
    form = _decision_form(decision)
    if (
        form.validate_on_submit()
        and attempt_edit(decision, _update, decision, form, form=form, default_field="number").ok
    ):
        flash(_("Đã lưu quyết định."), "success")
        return redirect(url_for(".detail", decision_id=decision.id))
    return _render_form(form, decision)


@bp.get("/<int:decision_id>")
@access.readers_required
def detail(decision_id: int):
    decision = access.get_decision_or_404(decision_id, full=True)
    return _render_detail(decision)


def _render_detail(decision: AwardDecision, **forms):
    office = current_user.is_office
    if office and not decision.is_issued:
        forms.setdefault("recipient_form", _recipient_form())
        forms.setdefault("issue_form", IssueForm(obj=decision))
    if office and decision.is_issued:
        forms.setdefault("amendment_form", _amendment_form(decision))
    return render_template(
        "awards/detail.html",
        decision=decision,
        recipients=access.shown_recipients(decision),
        office=office,
        **forms,
    )


def _recipient_form() -> RecipientForm:
    form = RecipientForm()
    form.target.choices = choices.target_choices(current_org.id)
    return form


def _amendment_form(decision: AwardDecision) -> AmendmentForm:
    form = AmendmentForm()
    form.target.choices = [("", _("— Chọn —")), *target_choices(decision)]
    if not form.is_submitted():
        form.amended_on.data = today_vn()
    return form


@bp.post("/<int:decision_id>/recipients")
@office_required
@once
def add_recipient(decision_id: int):
    decision = access.get_decision_or_404(decision_id, full=True)
    refuse_if_issued(decision)
    form = _recipient_form()
    if form.validate_on_submit():
        added = attempt(
            services.add_recipient,
            decision,
            form.target.data,
            form.name.data or "",
            form.position.data or "",
            form.amount_vnd.data,
            form=form,
            default_field="target",
        )
        if added.ok:
            flash(_("Đã thêm %(name)s vào quyết định.", name=added.value.name), "success")
            return redirect(url_for(".detail", decision_id=decision.id, _anchor="recipients"))
        db.session.refresh(decision)
    return _render_detail(decision, recipient_form=form)


@bp.route("/<int:decision_id>/recipients/edit", methods=["GET", "POST"])
@office_required
def edit_recipients(decision_id: int):
    """Names, positions and amounts of every recipient of a draft, in one form."""
    decision = access.get_decision_or_404(decision_id, full=True)
    refuse_if_issued(decision)
    form = RecipientsForm(obj=decision if request.method == "GET" else None)
    if request.method == "GET":
        for recipient in decision.recipients:
            form.rows.append_entry(
                {
                    "recipient_id": recipient.id,
                    "name": recipient.name,
                    "position": recipient.position,
                    "amount_vnd": recipient.amount_vnd,
                }
            )
    elif form.validate_on_submit():
        saved = attempt_edit(
            decision,
            services.update_recipients,
            decision,
            form.changes(),
            form=form,
            current=_saved_rows,
        )
        if saved.ok:
            flash(_("Đã lưu danh sách khen thưởng."), "success")
            return redirect(url_for(".detail", decision_id=decision.id, _anchor="recipients"))
    return render_template("awards/recipients_form.html", form=form, decision=decision)


def _saved_rows(decision: AwardDecision) -> dict:
    return {
        "rows": [
            {"name": r.name, "position": r.position, "amount_vnd": r.amount_vnd}
            for r in decision.recipients
        ]
    }


@bp.post("/<int:decision_id>/issue")
@office_required
def issue(decision_id: int):
    decision = access.get_decision_or_404(decision_id, full=True)
    refuse_if_issued(decision)
    form = IssueForm()
    if form.validate_on_submit():
        issued = attempt_edit(
            decision,
            services.issue_decision,
            decision,
            form.number.data or "",
            form.decided_on.data,
            current_user,
            form=form,
            default_field="number",
        )
        if issued.ok:
            flash(
                _("Đã đánh dấu quyết định đã ban hành. Từ nay chỉ sửa bằng đính chính."),
                "success",
            )
            return redirect(url_for(".detail", decision_id=decision.id))
        db.session.refresh(decision)
    return _render_detail(decision, issue_form=form), 422


@bp.post("/<int:decision_id>/amendments")
@office_required
@once
def amend(decision_id: int):
    decision = access.get_decision_or_404(decision_id, full=True)
    if not decision.is_issued:
        flash(_("Quyết định còn là dự thảo: hãy sửa trực tiếp."), "warning")
        return redirect(url_for(".edit", decision_id=decision.id))
    form = _amendment_form(decision)
    if form.validate_on_submit():
        added = attempt(
            add_amendment,
            decision,
            current_user,
            form.amended_on.data,
            form.reason.data,
            form.target.data or "",
            form.new_value.data or "",
            form=form,
            default_field="target",
        )
        if added.ok:
            flash(_("Đã thêm đính chính và cập nhật quyết định."), "success")
            return redirect(url_for(".detail", decision_id=decision.id, _anchor="amendments"))
        decision = access.get_decision_or_404(decision_id, full=True)
    return _render_detail(decision, amendment_form=form), 422
