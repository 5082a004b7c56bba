"""Routes run a service through `attempt`: commit when the rules hold, roll back and
show the refusal on its form field when a rule refuses. Services never commit."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

from portal.extensions import db
from portal.form_errors import show_field_error
from portal.rules import RuleError

T = TypeVar("T")


@dataclass(frozen=True)
class Outcome(Generic[T]):
    """What `attempt` did: `ok` when committed (then `value` is the service's result),
    otherwise `error` is the refusal already shown to the person."""

    ok: bool
    value: T | None = None
    error: RuleError | None = None


def attempt(
    action: Callable[..., T],
    *args: Any,
    form: Any = None,
    default_field: str | None = None,
    flash_as: str | None = "danger",
    **kwargs: Any,
) -> Outcome[T]:
    """Run `action(*args, **kwargs)`; commit and return its value, or on a `RuleError`
    roll back and put the message on the form field it names (flash it otherwise, as
    `flash_as`: "warning" for a refusal that is only a notice; None when the page
    shows `Outcome.error` in a place of its own)."""
    try:
        value = action(*args, **kwargs)
    except RuleError as error:
        db.session.rollback()
        if flash_as is not None:
            show_field_error(form, error, default_field, flash_as)
        return Outcome(ok=False, error=error)
    db.session.commit()
    return Outcome(ok=True, value=value)
