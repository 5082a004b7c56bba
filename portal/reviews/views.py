"""Route helpers shared by every reviewed record: the review panel of its page,
running a transition from a form, and the timeline sheet of its Excel export."""

from __future__ import annotations

from flask import abort, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_sqlalchemy.pagination import Pagination
from openpyxl import Workbook

from portal.accounts.models import User
from portal.actions import attempt
from portal.documents.excel import new_sheet, write_table
from portal.extensions import db
from portal.listing import page_of
from portal.organizations.models import Unit
from portal.periods.forms import PeriodFilterForm
from portal.periods.models import PlanPeriod, current_period
from portal.reviews.forms import ActionForm, ReasonForm, ReopenForm, UnitSearchForm
from portal.reviews.models import ReviewableMixin
from portal.reviews.services import (
    allowed_actions,
    has_review_role,
    timeline,
    transition,
)
from portal.reviews.states import ACTION_ROLE, ReviewAction
from portal.tenancy import get_org_owned_or_404, org_scoped, visible_units

FORMS = {
    ReviewAction.SUBMIT: ActionForm,
    ReviewAction.ACCEPT: ActionForm,
    ReviewAction.RETURN: ReasonForm,
    ReviewAction.REOPEN: ReopenForm,
}
DONE_MESSAGES = {
    ReviewAction.SUBMIT: _l("Đã nộp."),
    ReviewAction.ACCEPT: _l("Đã chấp nhận."),
    ReviewAction.RETURN: _l("Đã trả lại cho đơn vị."),
    ReviewAction.REOPEN: _l("Đã mở lại."),
}


def action_forms() -> dict[str, object]:
    """Fresh forms for the action buttons of a page, by action name."""
    return {action.value: form() for action, form in FORMS.items()}


def review_panel(record: ReviewableMixin, user: User, transition_endpoint: str, **url_args) -> dict:
    """What the shared review pieces of a record's page need (`actions` `user` may take,
    `forms`, `action_urls`, `events`); `transition_endpoint` takes `url_args` and `action`."""
    return {
        "actions": list(allowed_actions(user, record)),
        "forms": action_forms(),
        "action_urls": {
            a.value: url_for(transition_endpoint, action=a.value, **url_args) for a in ReviewAction
        },
        "events": timeline(record),
    }


def run_transition(record: ReviewableMixin, user: User, action_name: str, back_url: str):
    """Handle `user`'s POST of an action button: 404 for an unknown action, 403 for someone
    who may not act, a message for a missing reason or an impossible change, else commit."""
    try:
        action = ReviewAction(action_name)
    except ValueError:
        abort(404)
    if not has_review_role(user, record, ACTION_ROLE[action]):
        abort(403)
    form = FORMS[action]()
    if not form.validate_on_submit():
        for errors in form.errors.values():
            for message in errors:
                flash(message, "error")
        return redirect(back_url)
    reason = getattr(form, "reason", None)
    target = getattr(form, "target", None)
    done = attempt(
        transition,
        record,
        action,
        user,
        reason=reason.data if reason else "",
        target=target.data if target else None,
    )
    if done.ok:
        flash(str(DONE_MESSAGES[action]), "success")
    return redirect(back_url)


def selected_period(user: User) -> PlanPeriod | None:
    """The period named by ?period_id= (of the user's organization: else 404), else the
    current one; None when the organization has no period yet."""
    period_id = PeriodFilterForm().value("period_id")
    if period_id:
        return get_org_owned_or_404(PlanPeriod, period_id)
    return current_period(user.organization_id)


def no_period_page():
    """What the units x years pages show before the Office has created a plan period."""
    return render_template("reviews/no_period.html")


def organization_periods():
    return db.session.scalars(org_scoped(PlanPeriod).order_by(PlanPeriod.start_year.desc())).all()


def units_page(user: User) -> tuple[Pagination, str]:
    """A page of the units `user` may see, filtered by the words of their name asked
    for; and those words."""
    search = (UnitSearchForm().value("q") or "").strip()
    query = visible_units(user)
    if search:
        query = query.where(Unit.name.ilike(f"%{search}%"))
    return page_of(query), search


def timeline_sheet(workbook: Workbook, events: list) -> None:
    """A sheet with the record's state changes (ReviewEvent rows, actors loaded)."""
    sheet = new_sheet(workbook, _("Quá trình xử lý"))[1]
    headers = [
        _("Thời điểm"),
        _("Thao tác"),
        _("Từ trạng thái"),
        _("Sang trạng thái"),
        _("Người thực hiện"),
        _("Lý do"),
    ]
    rows = [
        [
            event.at,
            event.action.label,
            event.from_state.label,
            event.to_state.label,
            event.actor.full_name if event.actor else "",
            event.reason,
        ]
        for event in events
    ]
    write_table(sheet, headers, rows)
