"""Route helpers shared by every reviewed record: the review panel of its page and
running a transition from a form."""

from __future__ import annotations

from flask import abort, current_app, flash, redirect, render_template, request, url_for
from flask_babel import lazy_gettext as _l
from flask_login import current_user

from portal.extensions import db
from portal.organizations.models import Unit
from portal.periods.models import PlanPeriod, current_period
from portal.reviews.forms import ActionForm, ReasonForm, ReopenForm
from portal.reviews.models import ReviewableMixin
from portal.reviews.services import (
    ReviewForbiddenError,
    TransitionError,
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


def review_panel(record: ReviewableMixin, transition_endpoint: str, **url_args) -> dict:
    """What the shared review pieces of a record's page need (`actions`, `forms`,
    `action_urls`, `events`); `transition_endpoint` takes `url_args` and `action`."""
    return {
        "actions": list(allowed_actions(current_user, record)),
        "forms": action_forms(),
        "action_urls": {
            a.value: url_for(transition_endpoint, action=a.value, **url_args) for a in ReviewAction
        },
        "events": timeline(record),
    }


def run_transition(record: ReviewableMixin, action_name: str, back_url: str):
    """Handle the POST of an action button: 404 for an unknown action, 403 for someone
    who may not act, a message for a missing reason or an impossible change, else commit."""
    try:
        action = ReviewAction(action_name)
    except ValueError:
        abort(404)
    if not has_review_role(current_user, record, ACTION_ROLE[action]):
        abort(403)
    form = FORMS[action]()
    if not form.validate_on_submit():
        for errors in form.errors.values():
            for message in errors:
                flash(message, "error")
        return redirect(back_url)
    reason = getattr(form, "reason", None)
    target = getattr(form, "target", None)
    try:
        transition(
            record,
            action,
            current_user,
            reason=reason.data if reason else "",
            target=target.data if target else None,
        )
    except ReviewForbiddenError:
        abort(403)
    except TransitionError as error:
        db.session.rollback()
        flash(str(error), "error")
        return redirect(back_url)
    db.session.commit()
    flash(str(DONE_MESSAGES[action]), "success")
    return redirect(back_url)


def selected_period() -> PlanPeriod | None:
    """The period named by ?period_id= (of the user's organization: else 404), else the
    current one; None when the organization has no period yet."""
    period_id = request.args.get("period_id", type=int)
    if period_id:
        return get_org_owned_or_404(PlanPeriod, period_id)
    return current_period(current_user.organization_id)


def no_period_page():
    """What the units x years pages show before the Office has created a plan period."""
    return render_template("reviews/no_period.html")


def organization_periods():
    return db.session.scalars(org_scoped(PlanPeriod).order_by(PlanPeriod.start_year.desc())).all()


def units_page(search: str):
    """A page of the units the user may see, filtered by name."""
    query = visible_units(current_user)
    if search:
        query = query.where(Unit.name.ilike(f"%{search}%"))
    return db.paginate(
        query,
        page=request.args.get("page", 1, type=int),
        per_page=current_app.config["ITEMS_PER_PAGE"],
        error_out=False,
    )
