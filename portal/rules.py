"""The one error every rule raises when it refuses: a message for the person, and the field.

Services raise `RuleError(message, field=None)`; routes run them through
`portal.actions.attempt`, which rolls back and shows the message on the named form
field (or at the top of the page). `NotAllowedError` is the refusal of an actor who may
not do the thing at all: outside a form it answers 403."""

from __future__ import annotations


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
