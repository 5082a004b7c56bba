"""The rules of difficulties: raising, answering, closing, who is told, and the lists."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime

from flask import url_for
from flask_babel import gettext as _
from sqlalchemy import Select
from sqlalchemy.orm import joinedload
from werkzeug.datastructures import FileStorage

from portal.accounts.models import User
from portal.difficulties.models import Difficulty, DifficultyStatus
from portal.difficulties.recipients import office_users, unit_coordinators
from portal.evidence.models import Attachment
from portal.evidence.services import (
    attachments_for,
    delete_attachments_of,
    save_uploads,
)
from portal.extensions import db
from portal.formatting import VN_TZ
from portal.listing import text_search
from portal.models_base import utcnow
from portal.notifications.services import notify
from portal.rules import RuleError
from portal.tenancy import scoped

OWNER_TYPE = "difficulty"


def _link(difficulty: Difficulty) -> str:
    return url_for("difficulties.detail", difficulty_id=difficulty.id)


def raise_difficulty(
    unit_id: int,
    title: str,
    description: str,
    actor: User | None,
    files: list[FileStorage] = (),
) -> Difficulty:
    """`actor` raises a difficulty of the unit; the Office people are told. The caller commits."""
    difficulty = Difficulty(
        unit_id=unit_id,
        title=title.strip(),
        description=(description or "").strip(),
        status=DifficultyStatus.OPEN,
        raised_at=utcnow(),
        raised_by_id=actor.id if actor else None,
    )
    db.session.add(difficulty)
    db.session.flush()
    save_uploads(list(files), unit_id, OWNER_TYPE, difficulty.id, actor)
    unit = difficulty.unit
    for user in office_users(unit.organization_id):
        notify(
            user,
            _("Khó khăn, vướng mắc mới: %(title)s", title=difficulty.title),
            _("%(unit)s phản ánh một khó khăn, vướng mắc cần Sở trả lời.", unit=unit.name),
            _link(difficulty),
            category="general",
        )
    return difficulty


def update_difficulty(
    difficulty: Difficulty,
    title: str,
    description: str,
    actor: User | None,
    files: list[FileStorage] = (),
) -> None:
    """`actor` corrects a difficulty not yet answered. The caller commits."""
    if not difficulty.is_editable:
        raise RuleError(_("Chỉ sửa được khó khăn, vướng mắc đang chờ trả lời."))
    difficulty.title = title.strip()
    difficulty.description = (description or "").strip()
    save_uploads(list(files), difficulty.unit_id, OWNER_TYPE, difficulty.id, actor)


def answer_difficulty(difficulty: Difficulty, office_user: User, answer: str) -> None:
    """The Office answers (or corrects its answer); the unit's coordinators are told."""
    answer = (answer or "").strip()
    if not answer:
        raise RuleError(_("Vui lòng nhập nội dung trả lời."))
    if difficulty.is_closed:
        raise RuleError(_("Khó khăn, vướng mắc này đã đóng."))
    difficulty.answer = answer
    difficulty.status = DifficultyStatus.ANSWERED
    difficulty.answered_by_id = office_user.id
    difficulty.answered_at = utcnow()
    for user in unit_coordinators(difficulty.unit_id):
        notify(
            user,
            _("Sở đã trả lời: %(title)s", title=difficulty.title),
            answer,
            _link(difficulty),
            category="general",
        )


def close_difficulty(difficulty: Difficulty, user: User) -> None:
    """The unit closes it when satisfied with the answer, or the Office closes it."""
    if difficulty.is_closed:
        raise RuleError(_("Khó khăn, vướng mắc này đã đóng."))
    difficulty.status = DifficultyStatus.CLOSED
    difficulty.closed_by_id = user.id
    difficulty.closed_at = utcnow()


def evidence_of(difficulty: Difficulty) -> list[Attachment]:
    return attachments_for(OWNER_TYPE, difficulty.id)


def delete_difficulty(difficulty: Difficulty) -> None:
    """Withdraw a difficulty nobody has answered yet, with its files."""
    if not difficulty.can_be_withdrawn:
        raise RuleError(_("Chỉ rút được khó khăn, vướng mắc chưa được trả lời."))
    delete_attachments_of(OWNER_TYPE, difficulty.id)
    db.session.delete(difficulty)


def _year_bounds(year: int) -> tuple[datetime, datetime]:
    """The UTC instants at which `year` starts and ends in Vietnam."""
    start = datetime(year, 1, 1, tzinfo=VN_TZ).astimezone(UTC)
    end = datetime(year + 1, 1, 1, tzinfo=VN_TZ).astimezone(UTC)
    return start, end


@dataclass
class DifficultyFilters:
    status: DifficultyStatus | None = None
    unit_id: int | None = None
    year: int | None = None
    q: str = ""

    def apply(self, query: Select) -> Select:
        if self.status:
            query = query.where(Difficulty.status == self.status)
        if self.unit_id:
            query = query.where(Difficulty.unit_id == self.unit_id)
        if self.year:
            start, end = _year_bounds(self.year)
            query = query.where(Difficulty.raised_at >= start, Difficulty.raised_at < end)
        if self.q:
            query = query.where(
                text_search(self.q, Difficulty.title, Difficulty.description, Difficulty.answer)
            )
        return query


def list_query(filters: DifficultyFilters) -> Select:
    return (
        filters.apply(scoped(Difficulty))
        .options(joinedload(Difficulty.unit), joinedload(Difficulty.raised_by))
        .order_by(Difficulty.raised_at.desc(), Difficulty.id.desc())
    )


def open_queue_query() -> Select:
    """Every open difficulty the user may see, oldest first: the Office's work list."""
    return (
        scoped(Difficulty)
        .where(Difficulty.status == DifficultyStatus.OPEN)
        .options(joinedload(Difficulty.unit), joinedload(Difficulty.raised_by))
        .order_by(Difficulty.raised_at, Difficulty.id)
    )
