"""The rules of the propagation log: what may be featured, filtering, totals, changes."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from urllib.parse import urlsplit

from flask_babel import gettext as _
from sqlalchemy import Select, func, select
from sqlalchemy.orm import joinedload, selectinload
from werkzeug.datastructures import FileStorage

from portal.accounts.models import User
from portal.evidence.models import Attachment
from portal.evidence.services import delete_attachments_of, save_uploads
from portal.exemplars.models import Exemplar
from portal.exemplars.movement_links import check_movement
from portal.extensions import db
from portal.formatting import today_vn
from portal.listing import text_search
from portal.propagation.models import (
    ActivityType,
    Channel,
    PropagationActivity,
    PropagationActivityExemplar,
)
from portal.rules import RuleError
from portal.tenancy import scoped

OWNER_TYPE = "propagation_activity"
EDITABLE_FIELDS = (
    "activity_date",
    "activity_type",
    "channel",
    "title",
    "link",
    "audience_reached",
    "cost_vnd",
    "description",
    "partner_unit",
    "movement_id",
)


def clean_link(value: str | None) -> str:
    """An http(s) address, stripped; '' when empty. Other schemes (javascript:,
    data:, file:) are refused because the link is shown to every reader."""
    value = (value or "").strip()
    if not value:
        return ""
    parts = urlsplit(value)
    if parts.scheme.lower() not in ("http", "https") or not parts.netloc:
        raise RuleError(
            _("Đường dẫn phải là địa chỉ web bắt đầu bằng http:// hoặc https://."), "link"
        )
    return value


def set_featured_exemplars(activity: PropagationActivity, exemplar_ids: list[int]) -> None:
    """Replace the activity's featured exemplars; every one must belong to its unit."""
    wanted = {int(i) for i in exemplar_ids}
    if wanted:
        owned = set(
            db.session.scalars(
                select(Exemplar.id).where(
                    Exemplar.id.in_(wanted), Exemplar.unit_id == activity.unit_id
                )
            )
        )
        if owned != wanted:
            raise RuleError(
                _("Chỉ được chọn điển hình của chính đơn vị thực hiện hoạt động."), "exemplar_ids"
            )
    current = {link.exemplar_id: link for link in activity.exemplar_links}
    for exemplar_id, link in current.items():
        if exemplar_id not in wanted:
            activity.exemplar_links.remove(link)
    for exemplar_id in sorted(wanted - current.keys()):
        activity.exemplar_links.append(
            PropagationActivityExemplar(unit_id=activity.unit_id, exemplar_id=exemplar_id)
        )
    db.session.flush()
    db.session.expire(activity, ["exemplars"])


def check_done_date(value: date | None, field: str) -> None:
    """A record of something done cannot be dated in the future."""
    if value is not None and value > today_vn():
        raise RuleError(_("Không thể ghi nhận đã thực hiện cho một ngày trong tương lai."), field)


def _apply(activity: PropagationActivity, data: dict) -> None:
    check_done_date(data.get("activity_date"), "activity_date")
    check_movement(activity.unit_id, data.get("movement_id"), keep_id=activity.movement_id)
    for field in EDITABLE_FIELDS:
        if field in data:
            setattr(activity, field, data[field])
    activity.link = clean_link(activity.link)
    activity.title = (activity.title or "").strip()
    activity.partner_unit = (activity.partner_unit or "").strip()


def create_activity(
    unit_id: int,
    data: dict,
    actor: User | None,
    exemplar_ids: list[int] = (),
    files: list[FileStorage] = (),
) -> PropagationActivity:
    """`actor` records an activity of `unit_id` with its featured exemplars and evidence.
    Raises RuleError (a foreign exemplar, a bad link or file); the caller commits."""
    activity = PropagationActivity(unit_id=unit_id, created_by_id=actor.id if actor else None)
    _apply(activity, data)
    db.session.add(activity)
    db.session.flush()
    set_featured_exemplars(activity, list(exemplar_ids))
    save_uploads(list(files), unit_id, OWNER_TYPE, activity.id, actor)
    return activity


def update_activity(
    activity: PropagationActivity,
    data: dict,
    actor: User | None,
    exemplar_ids: list[int] = (),
    files: list[FileStorage] = (),
) -> PropagationActivity:
    """Change the activity; `actor` uploads the new evidence files. The caller commits."""
    _apply(activity, data)
    set_featured_exemplars(activity, list(exemplar_ids))
    save_uploads(list(files), activity.unit_id, OWNER_TYPE, activity.id, actor)
    return activity


def delete_activity(activity: PropagationActivity) -> None:
    """Delete the activity, its exemplar links and its evidence files."""
    delete_attachments_of(OWNER_TYPE, activity.id)
    db.session.delete(activity)


@dataclass
class ActivityFilters:
    year: int | None = None
    activity_type: ActivityType | None = None
    channel: Channel | None = None
    unit_id: int | None = None
    q: str = ""

    def apply(self, query: Select) -> Select:
        if self.year:
            query = query.where(
                PropagationActivity.activity_date >= date(self.year, 1, 1),
                PropagationActivity.activity_date < date(self.year + 1, 1, 1),
            )
        if self.activity_type:
            query = query.where(PropagationActivity.activity_type == self.activity_type)
        if self.channel:
            query = query.where(PropagationActivity.channel == self.channel)
        if self.unit_id:
            query = query.where(PropagationActivity.unit_id == self.unit_id)
        if self.q:
            query = query.where(
                text_search(
                    self.q,
                    PropagationActivity.title,
                    PropagationActivity.description,
                    PropagationActivity.partner_unit,
                )
            )
        return query


def list_query(filters: ActivityFilters) -> Select:
    """The visible activities matching `filters`, newest first, with what a list
    row shows loaded up front (unit, featured exemplars)."""
    return (
        filters.apply(scoped(PropagationActivity))
        .options(joinedload(PropagationActivity.unit), selectinload(PropagationActivity.exemplars))
        .order_by(PropagationActivity.activity_date.desc(), PropagationActivity.id.desc())
    )


@dataclass
class Totals:
    count: int
    cost_vnd: int
    audience: int


def totals(filters: ActivityFilters) -> Totals:
    """Number of activities, total cost and total audience for `filters` (one query)."""
    matching = filters.apply(scoped(PropagationActivity)).subquery()
    row = db.session.execute(
        select(
            func.count(matching.c.id),
            func.coalesce(func.sum(matching.c.cost_vnd), 0),
            func.coalesce(func.sum(matching.c.audience_reached), 0),
        )
    ).one()
    return Totals(count=row[0], cost_vnd=int(row[1]), audience=int(row[2]))


def evidence_counts(activity_ids: list[int]) -> dict[int, int]:
    """How many evidence files each activity has (one grouped query)."""
    if not activity_ids:
        return {}
    rows = db.session.execute(
        select(Attachment.owner_id, func.count(Attachment.id))
        .where(Attachment.owner_type == OWNER_TYPE, Attachment.owner_id.in_(activity_ids))
        .group_by(Attachment.owner_id)
    )
    return dict(rows.all())
