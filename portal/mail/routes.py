"""The Office's outbox: every stored message, its detail, re-send, and a test email."""

from __future__ import annotations

from flask import Blueprint, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from portal.actions import attempt
from portal.listing import page_of
from portal.mail import services
from portal.mail.forms import OutboxFilterForm, SendTestForm
from portal.mail.jobs import error_text
from portal.mail.models import MailMessage
from portal.mail.outbox import (
    categories_in_use,
    category_label,
    delivery_description,
    filter_outbox,
    queue_test_email,
)
from portal.tenancy import current_org, get_org_owned_or_404, office_required, org_scoped

bp = Blueprint("mail", __name__, url_prefix="/mail", template_folder="templates")


@bp.context_processor
def outbox_helpers() -> dict:
    return {
        "mail_category_label": category_label,
        "mail_error_text": error_text,
    }


@bp.get("/outbox")
@office_required
def outbox():
    form = OutboxFilterForm()
    form.set_choices(categories_in_use(current_org.id))
    query = filter_outbox(org_scoped(MailMessage), form.filters())
    page = page_of(query)
    return render_template(
        "mail/pages/outbox.html",
        form=form,
        page=page,
        filter_args=form.query_args(),
        delivery=delivery_description(),
        failed_count=services.count_failed(query),
    )


@bp.post("/outbox/resend-failed")
@office_required
def resend_failed():
    """Every failed message the outbox's filter shows, queued again in one action
    (after an outage); a second click queues nothing more."""
    form = OutboxFilterForm()
    form.set_choices(categories_in_use(current_org.id))
    query = filter_outbox(org_scoped(MailMessage), form.filters())
    outcome = attempt(services.resend_failed, query.with_only_columns(MailMessage.id))
    if outcome.ok:
        text = _(
            "Đã đưa lại %(count)s thư gửi không thành công vào hàng đợi gửi.", count=outcome.value
        )
        flash(text, "success")
    return redirect(url_for("mail.outbox", **form.query_args()))


@bp.get("/outbox/<int:message_id>")
@office_required
def message_detail(message_id: int):
    message = get_org_owned_or_404(MailMessage, message_id)
    return render_template(
        "mail/pages/message.html", message=message, can_resend=services.can_resend(message)
    )


@bp.post("/outbox/<int:message_id>/resend")
@office_required
def resend(message_id: int):
    message = get_org_owned_or_404(MailMessage, message_id)
    if attempt(services.resend, message).ok:  # a second click queues nothing more
        flash(_("Thư đã được đưa lại vào hàng đợi gửi."), "success")
    return redirect(url_for("mail.message_detail", message_id=message.id))


@bp.route("/test", methods=["GET", "POST"])
@office_required
def send_test():
    form = SendTestForm()
    if request.method == "GET":
        form.email.data = current_user.email
    if form.validate_on_submit():
        message = attempt(queue_test_email, form.email.data, current_user).value
        flash(
            _("Đã đưa thư kiểm tra gửi %(email)s vào hàng đợi.", email=message.recipient_email),
            "success",
        )
        return redirect(url_for("mail.message_detail", message_id=message.id))
    return render_template("mail/pages/send_test.html", form=form, delivery=delivery_description())
