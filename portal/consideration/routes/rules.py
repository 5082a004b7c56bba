"""The Office's catalogue: voting rules with their effective dates, and award titles."""

from __future__ import annotations

from flask import flash, redirect, render_template, url_for
from flask_babel import gettext as _
from sqlalchemy import func, select
from sqlalchemy.orm import selectinload

from portal.actions import attempt_edit
from portal.consideration.access import get_rule_or_404, get_title_or_404
from portal.consideration.catalogue import complete_rules, ensure_catalogue
from portal.consideration.choices import title_choices
from portal.consideration.forms import (
    AwardTitleForm,
    RuleFilterForm,
    TitleFilterForm,
    VotingRuleForm,
    options,
)
from portal.consideration.models import (
    AwardTitle,
    ThresholdComparison,
    TitleAudience,
    VoteBase,
    VotingRule,
)
from portal.consideration.routes.blueprint import bp
from portal.consideration.rules import save_rule, save_title
from portal.extensions import db
from portal.listing import page_of
from portal.submissions import once
from portal.tenancy import current_org, office_required, org_scoped

DEFAULT_CHOICE = 0  # the rule for titles without a statutory threshold


@bp.get("/rules")
@office_required
def rules():
    # A catalogue older than the rules before 2024 is completed once (then a no-op).
    if ensure_catalogue(current_org.id) or complete_rules(current_org.id):
        db.session.commit()
    query = org_scoped(VotingRule).options(selectinload(VotingRule.award_title))
    form = RuleFilterForm()
    title_id = form.value("title")
    if title_id == DEFAULT_CHOICE:
        query = query.where(VotingRule.award_title_id.is_(None))
    elif title_id:
        query = query.where(VotingRule.award_title_id == title_id)
    to_verify = form.value("verify") == "1"
    if to_verify:
        query = query.where(VotingRule.needs_verification.is_(True))
    query = query.outerjoin(AwardTitle, VotingRule.award_title_id == AwardTitle.id).order_by(
        AwardTitle.sort_order.nulls_first(), VotingRule.effective_from
    )
    page = page_of(query)
    verify_count = db.session.scalar(
        select(func.count(VotingRule.id)).where(
            VotingRule.organization_id == current_org.id, VotingRule.needs_verification.is_(True)
        )
    )
    return render_template(
        "consideration/rules.html",
        page=page,
        titles=title_choices(current_org.id),
        title_id=title_id,
        to_verify=to_verify,
        verify_count=verify_count,
    )


def _rule_form(rule: VotingRule | None) -> VotingRuleForm:
    form = VotingRuleForm(obj=rule)
    form.award_title_id.choices = options(
        [(DEFAULT_CHOICE, _("— Mặc định: danh hiệu không có tỷ lệ luật định —"))]
        + title_choices(current_org.id, rule.award_title_id if rule else None)
    )
    if not form.is_submitted():
        form.award_title_id.data = (rule.award_title_id if rule else None) or DEFAULT_CHOICE
        if rule is not None:
            form.comparison.data = rule.comparison.value
            form.base.data = rule.base.value
    return form


def _save_rule(form: VotingRuleForm, rule: VotingRule | None):
    if not form.validate_on_submit():
        return None
    rule = rule or VotingRule(organization_id=current_org.id)
    with db.session.no_autoflush:
        rule.award_title_id = form.award_title_id.data or None
        rule.comparison = ThresholdComparison(form.comparison.data)
        rule.threshold_percent = form.threshold_percent.data
        rule.effective_from = form.effective_from.data
        rule.effective_to = form.effective_to.data
        rule.legal_basis = form.legal_basis.data.strip()
        rule.base = VoteBase(form.base.data or VoteBase.ALL_MEMBERS)
        rule.base_basis = (form.base_basis.data or "").strip()
        rule.quorum_percent = form.quorum_percent.data or 0
        rule.quorum_basis = (form.quorum_basis.data or "").strip()
        rule.needs_verification = form.needs_verification.data
        rule.note = (form.note.data or "").strip()
    edited = rule if rule.id else None
    if not attempt_edit(edited, save_rule, rule, form=form, default_field="legal_basis").ok:
        return None
    flash(_("Đã lưu quy định biểu quyết."), "success")
    return redirect(url_for(".rules"))


@bp.route("/rules/new", methods=["GET", "POST"])
@office_required
@once
def new_rule():
    form = _rule_form(None)
    return _save_rule(form, None) or render_template(
        "consideration/rule_form.html", form=form, rule=None
    )


@bp.route("/rules/<int:rule_id>/edit", methods=["GET", "POST"])
@office_required
def edit_rule(rule_id: int):
    rule = get_rule_or_404(rule_id)
    form = _rule_form(rule)
    return _save_rule(form, rule) or render_template(
        "consideration/rule_form.html", form=form, rule=rule
    )


@bp.get("/titles")
@office_required
def titles():
    if ensure_catalogue(current_org.id):
        db.session.commit()
    query = org_scoped(AwardTitle).order_by(AwardTitle.sort_order, AwardTitle.name)
    search = (TitleFilterForm().value("q") or "").strip()
    if search:
        query = query.where(AwardTitle.name.ilike(f"%{search}%"))
    page = page_of(query)
    return render_template("consideration/titles.html", page=page, search=search)


def _save_title(form: AwardTitleForm, title: AwardTitle | None):
    if not form.validate_on_submit():
        return None
    title = title or AwardTitle(organization_id=current_org.id)
    with db.session.no_autoflush:
        title.code = form.code.data
        title.name = form.name.data
        title.audience = TitleAudience(form.audience.data)
        title.sort_order = form.sort_order.data if form.sort_order.data is not None else 100
        title.is_active = form.is_active.data
    if not attempt_edit(title if title.id else None, save_title, title, form=form).ok:
        return None
    flash(_("Đã lưu danh hiệu %(name)s.", name=title.name), "success")
    return redirect(url_for(".titles"))


@bp.route("/titles/new", methods=["GET", "POST"])
@office_required
@once
def new_title():
    form = AwardTitleForm()
    return _save_title(form, None) or render_template(
        "consideration/title_form.html", form=form, title=None
    )


@bp.route("/titles/<int:title_id>/edit", methods=["GET", "POST"])
@office_required
def edit_title(title_id: int):
    title = get_title_or_404(title_id)
    form = AwardTitleForm(obj=title)
    if not form.is_submitted():
        form.audience.data = title.audience.value
    return _save_title(form, title) or render_template(
        "consideration/title_form.html", form=form, title=title
    )
