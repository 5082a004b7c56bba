"""Form fields with Vietnamese messages and habits (1.500.000 đ, dd/mm/yyyy), the
select helpers shared by the forms and list filters of every capability, and the
confirmation form of a button that changes something."""

from __future__ import annotations

import re
from datetime import datetime

from flask_babel import lazy_gettext as _l
from wtforms import DateField, HiddenField, IntegerField, SelectMultipleField, SubmitField
from wtforms.fields.choices import SelectChoice
from wtforms.widgets import CheckboxInput, ListWidget, TextInput

from portal.formatting import today_vn
from portal.forms_base import PortalForm
from portal.periods.models import current_period

_GROUPING = re.compile(r"[\s.,_]|đ|₫|vnđ|vnd", re.IGNORECASE)


def optional_int(value: object) -> int | None:
    """Coerce a select's value to int, or None for '' and anything unreadable
    (filters never fail on a hand-edited query string)."""
    try:
        return int(value)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return None


class WholeNumberField(IntegerField):
    """A whole number that accepts Vietnamese digit grouping: '1.500.000', '1 500 000 đ'
    (a text box: a browser's number box would refuse the dots)."""

    widget = TextInput()

    def process_formdata(self, valuelist: list[str]) -> None:
        if not valuelist:
            return
        raw = _GROUPING.sub("", valuelist[0] or "")
        if not raw:
            self.data = None
            return
        if not raw.isdigit():
            self.data = None
            raise ValueError(_l("Vui lòng nhập một số nguyên không âm, ví dụ 1.500.000."))
        self.data = int(raw)


class VnDateField(DateField):
    """A date picker that also accepts dd/mm/yyyy typed by hand."""

    def __init__(self, *args, **kwargs) -> None:
        kwargs.setdefault("format", ["%Y-%m-%d", "%d/%m/%Y"])
        super().__init__(*args, **kwargs)

    def process_formdata(self, valuelist: list[str]) -> None:
        if not valuelist or not (valuelist[0] or "").strip():
            self.data = None
            return
        text = valuelist[0].strip()
        for fmt in self.format:
            try:
                self.data = datetime.strptime(text, fmt).date()
                return
            except ValueError:
                continue
        self.data = None
        raise ValueError(_l("Ngày không hợp lệ (dd/mm/yyyy)."))


class MultiCheckboxField(SelectMultipleField):
    """Several choices shown as checkboxes."""

    widget = ListWidget(prefix_label=False)
    option_widget = CheckboxInput()


class VersionField(HiddenField):
    """The version of the record a form was loaded with (`lock_version`, filled from
    the record by `obj=`); a missing or unreadable value is None: no check."""

    def process_formdata(self, valuelist: list[str]) -> None:
        if valuelist:
            self.data = optional_int(valuelist[0])

    def _value(self) -> str:
        return "" if self.data is None else str(self.data)


class VersionedForm(PortalForm):
    """The base of every form that edits a record: it carries the record's version
    in a hidden field (rendered by `form.hidden_tag()`), checked on save by
    `portal.actions.attempt_edit`."""

    lock_version = VersionField()


class ConfirmForm(PortalForm):
    """A button that changes something (sign-off, delete): CSRF only."""

    submit = SubmitField(_l("Xác nhận"))


def choices(pairs, blank_label=None) -> list[SelectChoice]:
    """Select options from (value, label) pairs, optionally after an 'all' option."""
    options = [SelectChoice(str(value), label) for value, label in pairs]
    if blank_label is not None:
        options.insert(0, SelectChoice("", blank_label))
    return options


def year_choices(years: list[int]) -> list[SelectChoice]:
    return choices(((y, str(y)) for y in years), _l("Tất cả các năm"))


def filter_years(organization_id: int) -> list[int]:
    """Years offered by list filters: the current plan period's, newest first."""

    period = current_period(organization_id)
    years = set(period.years) if period else set()
    years.add(today_vn().year)
    return sorted(years, reverse=True)
