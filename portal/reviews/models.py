"""ReviewableMixin (the columns of a reviewed record) and ReviewEvent (its timeline)."""

from __future__ import annotations

from datetime import datetime
from typing import ClassVar

from sqlalchemy import DateTime, ForeignKey, Index, String, Text
from sqlalchemy.orm import Mapped, declared_attr, mapped_column, relationship

from portal.db_types import enum_column
from portal.extensions import db
from portal.models_base import utcnow
from portal.reviews.states import EDITABLE_STATES, LOCKED_STATES, ReviewAction, ReviewState
from portal.tenancy import UnitOwnedMixin


class ReviewableMixin:
    """A unit's record that goes through draft -> submitted -> ... -> accepted.

    Subclasses set `review_subject` (the key of their timeline rows and of their
    adapter in `portal.reviews.adapters`). State changes go through
    `portal.reviews.services.transition`.
    """

    review_subject: ClassVar[str] = ""

    state: Mapped[ReviewState] = mapped_column(
        enum_column(ReviewState), default=ReviewState.DRAFT, index=True
    )
    # First submission (what deadlines are judged on) and the latest one.
    submitted_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    last_submitted_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    accepted_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    # The Office's latest reason (return or reopen), shown to the coordinator.
    return_reason: Mapped[str] = mapped_column(Text, default="")

    @declared_attr
    def accepted_by_id(cls) -> Mapped[int | None]:  # noqa: N805
        return mapped_column(ForeignKey("users.id"))

    @property
    def is_editable(self) -> bool:
        return self.state in EDITABLE_STATES

    @property
    def is_locked(self) -> bool:
        return self.state in LOCKED_STATES


class ReviewEvent(UnitOwnedMixin, db.Model):
    """One state change of a reviewed record: who, when, from, to and why."""

    __tablename__ = "review_events"
    __table_args__ = (Index("ix_review_events_subject", "subject_type", "subject_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    subject_type: Mapped[str] = mapped_column(String(40))  # e.g. "self_assessment"
    subject_id: Mapped[int]
    action: Mapped[ReviewAction] = mapped_column(enum_column(ReviewAction))
    from_state: Mapped[ReviewState] = mapped_column(enum_column(ReviewState))
    to_state: Mapped[ReviewState] = mapped_column(enum_column(ReviewState))
    reason: Mapped[str] = mapped_column(Text, default="")
    actor_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"), index=True)
    at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)

    actor = relationship("User")
