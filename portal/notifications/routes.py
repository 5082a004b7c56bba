"""Notification pages: the bell's list, a person's choices and calendar feed,
and the Office's announcements with their delivery per recipient."""

from __future__ import annotations

from flask import (
    Blueprint,
    Response,
    abort,
    flash,
    redirect,
    render_template,
    request,
    url_for,
)
from flask_babel import gettext as _
from flask_login import current_user, login_required
from sqlalchemy import select
from wtforms.fields.choices import SelectChoice

from portal.actions import attempt, attempt_edit
from portal.extensions import db
from portal.fields import ConfirmForm
from portal.listing import page_of
from portal.notifications import announcements as ann_service
from portal.notifications import services
from portal.notifications.calendar import calendar_for
from portal.notifications.categories import OPTIONAL, category_label
from portal.notifications.forms import AnnouncementForm, NotificationFilterForm, PreferencesForm
from portal.notifications.models import (
    Announcement,
    AnnouncementStatus,
    EmailMode,
    Notification,
)
from portal.submissions import once
from portal.tenancy import (
    get_child_or_404,
    get_org_owned_or_404,
    office_required,
    org_scoped,
    visible_units,
)
from portal.urls import external_url, safe_next_url

bp = Blueprint("notifications", __name__, url_prefix="/notifications", template_folder="templates")


@bp.context_processor
def _helpers() -> dict:
    return {"category_label": category_label}


@bp.get("/")
@login_required
def index():
    unread_only = NotificationFilterForm().value("unread") == "1"
    query = select(Notification).where(Notification.user_id == current_user.id)
    if unread_only:
        query = query.where(Notification.read_at.is_(None))
    page = page_of(query.order_by(Notification.created_at.desc(), Notification.id.desc()))
    return render_template(
        "notifications/index.html", page=page, unread_only=unread_only, form=ConfirmForm()
    )


@bp.post("/<int:notification_id>/read")
@login_required
def read(notification_id: int):
    note = get_child_or_404(Notification, notification_id, parent=current_user)
    if not ConfirmForm().validate_on_submit():
        abort(400)
    attempt(services.mark_read, note)
    target = note.link if request.form.get("follow") == "1" else request.form.get("next")
    return redirect(safe_next_url(target, "notifications.index"))


@bp.post("/read-all")
@login_required
def read_all():
    if not ConfirmForm().validate_on_submit():
        abort(400)
    marked = attempt(services.mark_all_read, current_user)
    if marked.ok:
        flash(_("Đã đánh dấu %(count)s thông báo là đã đọc.", count=marked.value), "success")
    return redirect(url_for("notifications.index"))


@bp.route("/preferences", methods=["GET", "POST"])
@login_required
def preferences():
    """A GET writes nothing: a person without a row sees the defaults, and the row (and
    the calendar secret) is created by the first POST."""
    pref = services.preferences_for([current_user.id]).get(current_user.id)
    form = PreferencesForm()
    if form.validate_on_submit():
        muted = set(OPTIONAL) - set(form.emailed.data or [])
        if attempt(services.save_preferences, current_user, form.email_mode.data, muted).ok:
            flash(_("Đã lưu tùy chọn thông báo."), "success")
            return redirect(url_for("notifications.preferences"))
    if not form.is_submitted():
        form.email_mode.data = (pref.email_mode if pref else EmailMode.IMMEDIATE).value
        muted = (pref.muted_categories if pref else None) or []
        form.emailed.data = [c for c in OPTIONAL if c not in muted]
    token = pref.calendar_token if pref else None
    feed_url = external_url("notifications.calendar_feed", token=token) if token else None
    return render_template(
        "notifications/preferences.html", form=form, feed_url=feed_url, confirm=ConfirmForm()
    )


@bp.post("/preferences/calendar-token")
@login_required
def regenerate_calendar():
    if not ConfirmForm().validate_on_submit():
        abort(400)
    pref = services.preferences_for([current_user.id]).get(current_user.id)
    had_token = bool(pref and pref.calendar_token)
    if attempt(services.regenerate_calendar_token, current_user).ok:
        if had_token:
            flash(_("Đã tạo địa chỉ lịch mới; địa chỉ cũ không còn dùng được."), "success")
        else:
            flash(_("Đã tạo địa chỉ lịch cá nhân."), "success")
    return redirect(url_for("notifications.preferences"))


@bp.get("/calendar/<token>.ics")
def calendar_feed(token: str):
    """No login: the secret token in the URL identifies the person."""
    user = services.user_for_calendar_token(token)
    if user is None:
        abort(404)
    response = Response(calendar_for(user), mimetype="text/calendar")
    response.headers["Content-Disposition"] = 'inline; filename="thoi-han.ics"'
    response.headers["Cache-Control"] = "private, max-age=900"
    return response


@bp.get("/announcements")
@office_required
def announcements():
    page = page_of(
        org_scoped(Announcement).order_by(Announcement.created_at.desc(), Announcement.id.desc())
    )
    return render_template("notifications/announcements.html", page=page)


@bp.route("/announcements/new", methods=["GET", "POST"])
@office_required
@once
def announcement_new():
    return _edit_announcement(Announcement(status=AnnouncementStatus.DRAFT))


@bp.route("/announcements/<int:announcement_id>/edit", methods=["GET", "POST"])
@office_required
def announcement_edit(announcement_id: int):
    announcement = get_org_owned_or_404(Announcement, announcement_id)
    if announcement.status != AnnouncementStatus.DRAFT:
        abort(403)
    return _edit_announcement(announcement)


def _edit_announcement(announcement: Announcement):
    form = AnnouncementForm(obj=announcement if announcement.id else None)
    form.unit_ids.choices = [
        SelectChoice(u.id, u.name)
        for u in db.session.scalars(visible_units(current_user, active_only=True))
    ]
    if (
        form.validate_on_submit()
        and attempt_edit(
            announcement if announcement.id else None,
            ann_service.save_announcement,
            announcement,
            form.clean_data(),
            current_user,
            form=form,
        ).ok
    ):
        flash(_("Đã lưu bản nháp. Kiểm tra danh sách người nhận rồi bấm Gửi."), "success")
        return redirect(
            url_for("notifications.announcement_detail", announcement_id=announcement.id)
        )
    if not form.is_submitted() and announcement.id:
        form.unit_ids.data = sorted(announcement.unit_ids)
    return render_template(
        "notifications/announcement_form.html", form=form, announcement=announcement
    )


@bp.get("/announcements/<int:announcement_id>")
@office_required
def announcement_detail(announcement_id: int):
    announcement = get_org_owned_or_404(Announcement, announcement_id)
    page = recipients = None
    if announcement.status == AnnouncementStatus.DRAFT:
        recipients = page_of(ann_service.recipients_query(announcement))
    else:
        page = page_of(ann_service.deliveries_query(announcement))
    return render_template(
        "notifications/announcement_detail.html",
        announcement=announcement,
        page=page,
        recipients=recipients,
        form=ConfirmForm(),
    )


@bp.post("/announcements/<int:announcement_id>/send")
@office_required
def announcement_send(announcement_id: int):
    announcement = get_org_owned_or_404(Announcement, announcement_id)
    if not ConfirmForm().validate_on_submit():
        abort(400)
    if attempt(ann_service.queue_announcement, announcement, flash_as="warning").ok:
        flash(_("Thông báo đã vào hàng đợi gửi."), "success")
    return redirect(url_for("notifications.announcement_detail", announcement_id=announcement.id))
