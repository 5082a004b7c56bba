"""Public column pages: the public list and story pages (no login), the units' stories,
and the Office's review."""

from __future__ import annotations

from flask import (
    Blueprint,
    abort,
    flash,
    redirect,
    render_template,
    request,
    send_file,
    url_for,
)
from flask_babel import gettext as _
from flask_login import current_user, login_required

from portal.actions import attempt, attempt_edit
from portal.evidence.services import storage_path
from portal.exemplars.queries import exemplar_choices
from portal.extensions import db
from portal.listing import filter_args, page_of
from portal.publiccolumn import services
from portal.publiccolumn.forms import ReasonForm, StoryFilterForm, StoryForm
from portal.publiccolumn.models import ExemplarStory, StoryStatus
from portal.submissions import once
from portal.tenancy import (
    can_edit_unit,
    get_editable_or_404,
    get_scoped_or_404,
    get_unit_or_404,
    office_required,
    require_unit_edit,
    visible_units,
)

bp = Blueprint("publiccolumn", __name__, template_folder="templates")
PUBLIC_PER_PAGE = 10


def _send_photo(story: ExemplarStory, public: bool):
    attachment = story.photo
    if attachment is None or attachment.kind not in services.PHOTO_KINDS:
        abort(404)
    path = storage_path(attachment)
    if not path.is_file():
        abort(404)
    response = send_file(path, mimetype=attachment.content_type, max_age=300 if public else 0)
    response.headers["X-Content-Type-Options"] = "nosniff"
    response.headers["Content-Security-Policy"] = "default-src 'none'; sandbox"
    response.headers["Cache-Control"] = "public, max-age=300" if public else "private, no-store"
    return response


# The public column: no login, published stories only, one column per organization --


@bp.get("/chuyen-muc-dien-hinh/")
def organizations():
    """The old address: the one organization's column, or the list of organizations."""
    found = services.all_organizations()
    if len(found) == 1:
        return redirect(url_for("publiccolumn.index", slug=found[0].slug))
    return render_template("publiccolumn/public_organizations.html", organizations=found)


@bp.get("/chuyen-muc-dien-hinh/<int:story_id>")
def old_story(story_id: int):
    """A story's old address (shared before the columns were per organization)."""
    story = services.published_story(story_id) or abort(404)
    slug = story.unit.organization.slug
    return redirect(url_for("publiccolumn.story", slug=slug, story_id=story.id), 301)


@bp.get("/<slug>/chuyen-muc-dien-hinh/")
def index(slug: str):
    organization = services.organization_or_404(slug)
    page = page_of(services.published_query(organization.id), PUBLIC_PER_PAGE)
    return render_template(
        "publiccolumn/public_index.html",
        organization=organization,
        page=page,
        stories=page.items,
    )


@bp.get("/<slug>/chuyen-muc-dien-hinh/<int:story_id>")
def story(slug: str, story_id: int):
    organization = services.organization_or_404(slug)
    story = services.published_story(story_id, organization.id) or abort(404)
    return render_template("publiccolumn/public_story.html", story=story, organization=organization)


@bp.get("/<slug>/chuyen-muc-dien-hinh/<int:story_id>/anh")
def photo(slug: str, story_id: int):
    organization = services.organization_or_404(slug)
    story = services.published_story(story_id, organization.id) or abort(404)
    return _send_photo(story, public=True)


# The units' stories ----------------------------------------------------------


def _list(template: str, default_status: str | None = None):
    units = db.session.scalars(visible_units()).all()
    args = request.args.to_dict()
    if default_status and "status" not in args:
        args["status"] = default_status
    form = StoryFilterForm(status=default_status).setup(units)
    page = page_of(services.list_query(form.filters()))
    return render_template(
        template,
        form=form,
        page=page,
        stories=page.items,
        editable_units=[u for u in units if can_edit_unit(u.id)],
        show_unit_filter=len(units) > 1,
        # An explicit empty status ("all") must survive paging on the Office's queue.
        filter_args=filter_args(args, keep_empty=("status",)),
    )


@bp.get("/stories/")
@login_required
def stories():
    return _list("publiccolumn/stories.html")


@bp.get("/stories/manage")
@office_required
def manage():
    return _list("publiccolumn/manage.html", default_status=StoryStatus.SUBMITTED.value)


@bp.route("/stories/units/<int:unit_id>/new", methods=["GET", "POST"])
@login_required
@once
def create(unit_id: int):
    require_unit_edit(unit_id)
    unit = get_unit_or_404(unit_id)
    form = StoryForm()
    form.set_exemplars(exemplar_choices(unit_id))
    if form.validate_on_submit():
        outcome = attempt(
            services.create_story,
            unit_id,
            form.story_data(),
            current_user,
            form.photo_file.data,
            form=form,
            default_field="photo_file",  # a file the evidence rules refuse
        )
        if outcome.ok:
            flash(_("Đã lưu bản nháp bài viết."), "success")
            return redirect(url_for("publiccolumn.detail", story_id=outcome.value.id))
    return render_template("publiccolumn/form.html", form=form, unit=unit, story=None)


@bp.get("/stories/<int:story_id>")
@login_required
def detail(story_id: int):
    story = get_scoped_or_404(ExemplarStory, story_id)
    return _render_detail(story)


def _render_detail(story: ExemplarStory, reason_form: ReasonForm | None = None, status=200):
    return (
        render_template(
            "publiccolumn/detail.html",
            story=story,
            can_edit=can_edit_unit(story.unit_id),
            reason_form=reason_form or ReasonForm(formdata=None),
        ),
        status,
    )


@bp.get("/stories/<int:story_id>/photo")
@login_required
def photo_preview(story_id: int):
    return _send_photo(get_scoped_or_404(ExemplarStory, story_id), public=False)


@bp.route("/stories/<int:story_id>/edit", methods=["GET", "POST"])
@login_required
def edit(story_id: int):
    story = get_editable_or_404(ExemplarStory, story_id)
    if not story.is_editable:
        flash(_("Bài viết đang chờ duyệt hoặc đã đăng nên không sửa được."), "warning")
        return redirect(url_for("publiccolumn.detail", story_id=story.id))
    form = StoryForm(obj=story)
    form.set_exemplars(exemplar_choices(story.unit_id, keep_ids={story.exemplar_id}))
    if form.validate_on_submit() and (
        attempt_edit(
            story,
            services.update_story,
            story,
            form.story_data(),
            current_user,
            form.photo_file.data,
            form=form,
            default_field="photo_file",  # a file the evidence rules refuse
        ).ok
    ):
        flash(_("Đã cập nhật bài viết."), "success")
        return redirect(url_for("publiccolumn.detail", story_id=story.id))
    return render_template("publiccolumn/form.html", form=form, unit=story.unit, story=story)


def _transition(story: ExemplarStory, action, success: str, *args):
    if attempt(action, story, *args).ok:
        flash(success, "success")
    return redirect(url_for("publiccolumn.detail", story_id=story.id))


@bp.post("/stories/<int:story_id>/submit")
@login_required
def submit(story_id: int):
    story = get_editable_or_404(ExemplarStory, story_id)
    return _transition(story, services.submit, _("Đã gửi bài viết cho Văn phòng Sở duyệt."))


@bp.post("/stories/<int:story_id>/delete")
@login_required
def delete(story_id: int):
    story = get_editable_or_404(ExemplarStory, story_id)
    if not attempt(services.delete_story, story).ok:
        return redirect(url_for("publiccolumn.detail", story_id=story_id))
    flash(_("Đã xóa bài viết."), "success")
    return redirect(url_for("publiccolumn.stories"))


# The Office's review ---------------------------------------------------------


@bp.post("/stories/<int:story_id>/approve")
@office_required
def approve(story_id: int):
    story = get_scoped_or_404(ExemplarStory, story_id)
    return _transition(
        story,
        services.approve,
        _("Đã duyệt và đăng bài viết lên chuyên mục."),
        current_user._get_current_object(),
    )


def _with_reason(story_id: int, action, success: str):
    story = get_scoped_or_404(ExemplarStory, story_id)
    form = ReasonForm()
    if not form.validate_on_submit():
        return _render_detail(story, form)
    return _transition(story, action, success, current_user._get_current_object(), form.reason.data)


@bp.post("/stories/<int:story_id>/reject")
@office_required
def reject(story_id: int):
    return _with_reason(story_id, services.reject, _("Đã trả lại bài viết cho đơn vị."))


@bp.post("/stories/<int:story_id>/unpublish")
@office_required
def unpublish(story_id: int):
    return _with_reason(story_id, services.unpublish, _("Đã gỡ bài viết khỏi chuyên mục."))
