"""Routes run a service through `attempt`: commit when the rules hold, roll back and
show the refusal on its form field when a rule refuses. Services never commit."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from enum import Enum
from typing import Any, Generic, TypeVar

from flask import flash
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_wtf.file import FileField
from sqlalchemy import inspect as sa_inspect
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm.attributes import flag_modified
from sqlalchemy.orm.exc import StaleDataError
from wtforms import Field, FieldList, FormField, HiddenField, SubmitField
from wtforms.csrf.core import CSRFTokenField

from portal.extensions import db
from portal.form_errors import show_field_error
from portal.formatting import format_date
from portal.models_base import utcnow
from portal.rules import RuleError

T = TypeVar("T")
ALREADY_SAVED = _l(
    "Việc này đã được ghi nhận rồi (có lẽ biểu mẫu được gửi hai lần); không có gì bị lặp lại."
)


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
        db.session.commit()
    except RuleError as error:
        db.session.rollback()
        if flash_as is not None:
            show_field_error(form, error, default_field, flash_as)
        return Outcome(ok=False, error=error)
    except IntegrityError:
        # A unique row already there: the same form submitted twice at once (the
        # services' own checks ran before the other submit committed).
        db.session.rollback()
        error = DuplicateSubmitError(ALREADY_SAVED)
        flash(str(error), "info")
        return Outcome(ok=False, error=error)
    return Outcome(ok=True, value=value)


class DuplicateSubmitError(RuleError):
    """What the action would create exists already: a double submit."""


class EditConflictError(RuleError):
    """The record was saved by someone else since the form was loaded."""


def attempt_edit(
    record: Any,
    action: Callable[..., T],
    *args: Any,
    form: Any,
    current: Callable[[Any], Mapping[str, Any]] | None = None,
    default_field: str | None = None,
    **kwargs: Any,
) -> Outcome[T]:
    """`attempt` for a form that edits `record` (a `VersionedMixin`), which must not
    overwrite a save made since the form was loaded: when the record's version is newer
    than the form's (or another save wins the race to the row), nothing is saved, each
    field shows the value saved meanwhile next to the person's own, kept in the form,
    and the form now carries the new version, so that saving again applies theirs.
    `current(record)` gives the form's data as saved, when its field names are not the
    record's attributes. Without a record (the same form creating one), plain `attempt`."""
    if record is None:  # the same form creating a record
        return attempt(action, *args, form=form, default_field=default_field, **kwargs)
    loaded = form.lock_version.data
    if loaded is not None and loaded != record.lock_version:
        return _conflict(record, form, current)

    def save() -> T:
        _touch(record)  # a save of child rows only is a new version of the record too
        return action(*args, **kwargs)

    try:
        return attempt(save, form=form, default_field=default_field)
    except StaleDataError:
        db.session.rollback()
        return _conflict(record, form, current)


def _touch(record: Any) -> None:
    if sa_inspect(record).mapper.version_id_generator is False:
        record.lock_version += 1  # a FormVersionedMixin: only its forms raise it
    if hasattr(record, "updated_at"):
        record.updated_at = utcnow()
        return
    mapper = sa_inspect(record).mapper
    keys = [c.key for c in mapper.column_attrs if c.key != "lock_version"]
    getattr(record, keys[-1])
    flag_modified(record, keys[-1])


def _conflict(record: Any, form: Any, current: Callable | None) -> Outcome:
    db.session.refresh(record)
    if current is not None:
        theirs = current(record)
    else:
        theirs = {name: getattr(record, name) for name in form._fields if hasattr(record, name)}
    changed = _changed_fields(form, theirs)
    shown = []
    for field, value, label in changed:
        value_text = _shown(field, value)
        field.errors = [
            *field.errors,
            _(
                "Trong lúc bạn sửa, người khác đã lưu: «%(value)s». Ô này vẫn giữ giá trị của bạn.",
                value=value_text,
            ),
        ]
        shown.append(f"{label}: «{value_text}»")
    form.lock_version.data = record.lock_version
    error = EditConflictError(
        _(
            "Hồ sơ này vừa được người khác lưu sau khi bạn mở biểu mẫu, nên chưa có gì "
            "được lưu; giá trị bạn nhập vẫn được giữ. Bấm Lưu lần nữa nếu vẫn muốn ghi "
            "giá trị của bạn. Người khác đã lưu: %(changes)s",
            changes="; ".join(shown) if shown else _("(không ô nào khác giá trị của bạn)"),
        )
    )
    flash(str(error), "warning")
    return Outcome(ok=False, error=error)


_NOT_COMPARED = (CSRFTokenField, SubmitField, FileField, HiddenField)


def _changed_fields(
    form: Any, theirs: Mapping[str, Any], row: str = ""
) -> list[tuple[Field, Any, str]]:
    """(field, value saved meanwhile, label) of every field whose posted value differs;
    a row of a list of fields is named by its number."""
    changed: list[tuple[Field, Any, str]] = []
    for name, field in form._fields.items():
        if isinstance(field, _NOT_COMPARED) or name not in theirs:
            continue
        value = theirs[name]
        if isinstance(field, FieldList):
            rows = zip(field.entries, value or (), strict=False)
            for number, (entry, saved) in enumerate(rows, 1):
                prefix = _("Dòng %(number)d", number=number)
                if isinstance(entry, FormField):
                    changed += _changed_fields(entry.form, saved or {}, prefix)
                elif _norm(entry.data) != _norm(saved):
                    changed.append((entry, saved, f"{prefix} {field.label.text}"))
        elif isinstance(field, FormField):
            changed += _changed_fields(field.form, value or {}, row)
        elif _norm(field.data) != _norm(value):
            label = f"{row} – {field.label.text}" if row else str(field.label.text)
            changed.append((field, value, label))
    return changed


def _norm(value: Any) -> str:
    """A value as compared: a form's text and a column's number, enum or row alike."""
    if value is None:
        return ""
    if isinstance(value, Enum):
        return _norm(value.value)
    if isinstance(value, bool):
        return str(value)
    if isinstance(value, int | float | Decimal):
        return format(Decimal(str(value)).normalize(), "f")
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, list | tuple | set | frozenset):
        return ",".join(sorted(_norm(item) for item in value))
    if hasattr(value, "__table__"):
        return _norm(sa_inspect(value).identity)
    text = str(value).replace("\r\n", "\n").strip()
    try:
        return format(Decimal(text).normalize(), "f") if text else ""
    except ArithmeticError:
        return text


def _shown(field: Field, value: Any) -> str:
    """A value saved meanwhile as the person reads it: a choice's label, a date."""
    labels = {
        _norm(choice[0]): str(choice[1])
        for choice in (getattr(field, "choices", None) or ())
        if isinstance(choice, tuple | list)
    }
    if isinstance(value, list | tuple | set | frozenset):
        text = ", ".join(labels.get(_norm(item), _norm(item)) for item in value)
    elif labels:
        text = labels.get(_norm(value), _norm(value))
    elif isinstance(value, bool):
        text = _("Có") if value else _("Không")
    elif isinstance(value, date):
        text = format_date(value)
    elif isinstance(value, Enum) and hasattr(value, "label"):
        text = str(value.label)
    else:
        text = _norm(value)
    text = text or _("(trống)")
    return text if len(text) <= 300 else text[:300] + "…"
