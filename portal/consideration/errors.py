"""The errors of the consideration services: a refused action with a message for the user."""

from __future__ import annotations


class ConsiderationError(Exception):
    """A refused action, with a message for the user and optionally the form field."""

    def __init__(self, message: str, field: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.field = field


class ResultsSealedError(ConsiderationError):
    """Results (or anyone else's votes) were asked for before the round closed."""
