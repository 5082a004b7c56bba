"""What the review workflow asks of each kind of reviewed record: its adapter.

Each record capability's services define one (its title, its page, what blocks
submission, what follows a change) and the factory registers it under the
record's `review_subject`, so that the models import no services, URLs or
translations and the workflow imports no record capability.
"""

from __future__ import annotations

from typing import Protocol

from portal.reviews.models import ReviewableMixin, ReviewEvent


class ReviewAdapter(Protocol):
    def title(self, record: ReviewableMixin) -> str:
        """The record's name in notifications and on its pages."""

    def path(self, record: ReviewableMixin) -> str:
        """The record's page, as a path (notifications link to it)."""

    def submission_problems(self, record: ReviewableMixin) -> list[str]:
        """Messages that prevent submission (none: it may be submitted)."""

    def after_transition(self, record: ReviewableMixin, event: ReviewEvent) -> None:
        """Called after the state changed (e.g. to freeze figures on acceptance)."""


ADAPTERS: dict[str, ReviewAdapter] = {}


def register_adapter(subject: str, adapter: ReviewAdapter) -> None:
    ADAPTERS[subject] = adapter


def adapter_for(record: ReviewableMixin) -> ReviewAdapter:
    return ADAPTERS[record.review_subject]


def review_title(record: ReviewableMixin) -> str:
    return adapter_for(record).title(record)
