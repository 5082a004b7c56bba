"""The rules of the public column: writing, the Office's review, what the public sees."""

from __future__ import annotations

from dataclasses import dataclass

from flask import abort, url_for
from flask_babel import gettext as _
from sqlalchemy import Select, select
from sqlalchemy.orm import joinedload
from werkzeug.datastructures import FileStorage

from portal.accounts.models import User
from portal.difficulties.recipients import office_users, unit_coordinators
from portal.evidence.models import Attachment
from portal.evidence.services import (
    delete_attachment,
    delete_attachments_of,
    save_upload,
    storage_path,
)
from portal.exemplars.models import Exemplar
from portal.extensions import db
from portal.listing import text_search
from portal.models_base import utcnow
from portal.notifications.services import notify
from portal.organizations.models import Organization, Unit
from portal.publiccolumn.models import ExemplarStory, StoryStatus
from portal.rules import RuleError
from portal.tenancy import scoped
from portal.urls import external_url

OWNER_TYPE = "exemplar_story"
PHOTO_KINDS = ("jpeg", "png")
FIELDS = ("exemplar_id", "title", "summary", "body")


def _check_exemplar(unit_id: int, exemplar_id: int | None) -> None:
    exemplar = db.session.get(Exemplar, exemplar_id) if exemplar_id else None
    if exemplar is None or exemplar.unit_id != unit_id:
        raise RuleError(_("Chỉ được viết về điển hình của chính đơn vị."), "exemplar_id")


def _apply(story: ExemplarStory, data: dict) -> None:
    _check_exemplar(story.unit_id, data.get("exemplar_id"))
    for field in FIELDS:
        if field in data:
            value = data[field]
            setattr(story, field, value.strip() if isinstance(value, str) else value)


def save_photo(
    story: ExemplarStory, file: FileStorage | None, actor: User | None
) -> Attachment | None:
    """Store `file`, uploaded by `actor`, as the story's photo (JPEG or PNG, checked by
    content) in place of the previous one. Raises RuleError. The caller commits."""
    if file is None or not file.filename:
        return None
    attachment = save_upload(file, story.unit_id, OWNER_TYPE, story.id, actor)
    if attachment.kind not in PHOTO_KINDS:
        storage_path(attachment).unlink(missing_ok=True)
        db.session.expunge(attachment)
        raise RuleError(_("Ảnh minh họa phải là tệp JPEG hoặc PNG."), "photo_file")
    previous = story.photo
    story.photo = attachment
    db.session.flush()
    if previous is not None:
        delete_attachment(previous)
    return attachment


def create_story(
    unit_id: int, data: dict, actor: User | None, photo: FileStorage | None = None
) -> ExemplarStory:
    """A draft story of the unit written by `actor`. The caller commits."""
    story = ExemplarStory(
        unit_id=unit_id, status=StoryStatus.DRAFT, author_id=actor.id if actor else None
    )
    _apply(story, data)
    db.session.add(story)
    db.session.flush()
    save_photo(story, photo, actor)
    return story


def update_story(
    story: ExemplarStory, data: dict, actor: User | None, photo: FileStorage | None = None
) -> None:
    """`actor` changes a draft or returned story. The caller commits."""
    if not story.is_editable:
        raise RuleError(
            _("Bài viết đang chờ duyệt hoặc đã đăng nên không sửa được."), "exemplar_id"
        )
    _apply(story, data)
    save_photo(story, photo, actor)


def delete_story(story: ExemplarStory) -> None:
    if not story.is_editable:
        raise RuleError(_("Chỉ xóa được bài viết nháp hoặc bị trả lại."))
    story.photo_id = None  # the story points at its photo: unlink before the photo goes
    db.session.flush()
    delete_attachments_of(OWNER_TYPE, story.id)
    db.session.delete(story)


def _link(story: ExemplarStory) -> str:
    return url_for("publiccolumn.detail", story_id=story.id)


def _tell_coordinators(story: ExemplarStory, title: str, body: str = "") -> None:
    for user in unit_coordinators(story.unit_id):
        notify(user, title, body, _link(story), category="general")


def submit(story: ExemplarStory) -> None:
    """The unit sends the story to the Office for approval."""
    if not story.is_editable:
        raise RuleError(_("Bài viết này không thể gửi duyệt."))
    story.status = StoryStatus.SUBMITTED
    story.submitted_at = utcnow()
    organization_id = story.unit.organization_id
    for user in office_users(organization_id):
        notify(
            user,
            _("Bài viết chờ duyệt: %(title)s", title=story.title),
            _("%(unit)s gửi bài viết cho chuyên mục điển hình.", unit=story.unit.name),
            _link(story),
            category="general",
        )


def _review(story: ExemplarStory, reviewer: User, expected: StoryStatus, message: str) -> None:
    if story.status != expected:
        raise RuleError(message)
    story.reviewed_by_id = reviewer.id
    story.reviewed_at = utcnow()


def approve(story: ExemplarStory, reviewer: User) -> None:
    """The Office publishes the story on the public column."""
    _review(story, reviewer, StoryStatus.SUBMITTED, _("Chỉ duyệt được bài viết đang chờ duyệt."))
    story.status = StoryStatus.PUBLISHED
    story.published_at = utcnow()
    story.review_note = ""
    # The notification (and its email) gives the public address, under the organization.
    public = external_url(
        "publiccolumn.story", slug=story.unit.organization.slug, story_id=story.id
    )
    _tell_coordinators(
        story,
        _("Bài viết đã được đăng: %(title)s", title=story.title),
        _("Địa chỉ công khai: %(url)s", url=public),
    )


def reject(story: ExemplarStory, reviewer: User, reason: str) -> None:
    """The Office sends the story back to the unit with a reason."""
    reason = (reason or "").strip()
    if not reason:
        raise RuleError(_("Vui lòng nêu lý do trả lại."))
    _review(story, reviewer, StoryStatus.SUBMITTED, _("Chỉ trả lại được bài viết đang chờ duyệt."))
    story.status = StoryStatus.REJECTED
    story.review_note = reason
    _tell_coordinators(story, _("Bài viết bị trả lại: %(title)s", title=story.title), reason)


def unpublish(story: ExemplarStory, reviewer: User, reason: str) -> None:
    """The Office takes a published story down; the unit may correct and resubmit it."""
    reason = (reason or "").strip()
    if not reason:
        raise RuleError(_("Vui lòng nêu lý do gỡ bài."))
    _review(story, reviewer, StoryStatus.PUBLISHED, _("Bài viết này chưa được đăng."))
    story.status = StoryStatus.REJECTED
    story.published_at = None
    story.review_note = reason
    _tell_coordinators(
        story, _("Bài viết đã bị gỡ khỏi chuyên mục: %(title)s", title=story.title), reason
    )


# What the public sees -------------------------------------------------------


def published_query(organization_id: int) -> Select:
    """The organization's published stories, newest first, with unit and photo loaded."""
    return (
        select(ExemplarStory)
        .join(Unit, Unit.id == ExemplarStory.unit_id)
        .where(
            ExemplarStory.status == StoryStatus.PUBLISHED,
            Unit.organization_id == organization_id,
        )
        .options(joinedload(ExemplarStory.unit), joinedload(ExemplarStory.photo))
        .order_by(ExemplarStory.published_at.desc(), ExemplarStory.id.desc())
    )


def published_story(story_id: int, organization_id: int | None = None) -> ExemplarStory | None:
    """A published story (of the organization, when given: another one's is not found)."""
    story = db.session.get(ExemplarStory, story_id)
    if story is None or story.status != StoryStatus.PUBLISHED:
        return None
    if organization_id is not None and story.unit.organization_id != organization_id:
        return None
    return story


def organization_or_404(slug: str) -> Organization:
    found = db.session.scalar(select(Organization).where(Organization.slug == slug))
    return found or abort(404)


def all_organizations() -> list[Organization]:
    """Every organization of the installation, by name (each has its column)."""
    return list(db.session.scalars(select(Organization).order_by(Organization.name)))


# What the portal's users see ------------------------------------------------


@dataclass
class StoryFilters:
    status: StoryStatus | None = None
    unit_id: int | None = None
    q: str = ""

    def apply(self, query: Select) -> Select:
        if self.status:
            query = query.where(ExemplarStory.status == self.status)
        if self.unit_id:
            query = query.where(ExemplarStory.unit_id == self.unit_id)
        if self.q:
            query = query.where(text_search(self.q, ExemplarStory.title))
        return query


def list_query(filters: StoryFilters) -> Select:
    return (
        filters.apply(scoped(ExemplarStory))
        .options(
            joinedload(ExemplarStory.unit),
            joinedload(ExemplarStory.exemplar),
            joinedload(ExemplarStory.author),
        )
        .order_by(ExemplarStory.updated_at.desc(), ExemplarStory.id.desc())
    )
