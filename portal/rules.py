"""The one error every rule raises when it refuses: a message for the person, and the field.

Services raise `RuleError(message, field=None)`; routes run them through
`portal.actions.attempt`, which rolls back and shows the message on the named form
field (or at the top of the page). `NotAllowedError` is the refusal of an actor who may
not do the thing at all: outside a form it answers 403. `LockedError` is the refusal
to change a locked record: its page says why and who can reopen it."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime


class RuleError(Exception):
    """A rule refused: `message` is shown to the person, on `field` when one is named."""

    def __init__(self, message: object, field: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.field = field

    def __str__(self) -> str:
        return str(self.message)


class NotAllowedError(RuleError):
    """The actor may not do this at all (not a matter of the data): 403 outside a form."""


class LockedError(NotAllowedError):
    """The record is locked (accepted, signed, closed): said with why, since when and by
    whom, who can reopen it and how, instead of a bare 403 (errors/locked.html)."""

    def __init__(
        self,
        message: object,
        *,
        since: datetime | None = None,
        by: str = "",
        reopener: object = "",
        way: tuple[str, object] | None = None,
        contacts: Sequence[tuple[str, str]] = (),
        back: tuple[str, object] | None = None,
    ) -> None:
        super().__init__(message)
        self.since = since  # when it was locked
        self.by = by  # who locked it (a person's name)
        self.reopener = reopener  # who can reopen it, in words; empty: nobody
        self.way = way  # (url, label) of the way to reopen or change it, for this person
        self.contacts = tuple(contacts)  # (name, email) of the people to ask
        self.back = back  # (url, label) of the record itself
