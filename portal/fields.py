"""Form fields with Vietnamese messages and habits (1.500.000 đ, dd/mm/yyyy), the
select helpers shared by the forms and list filters of every capability, and the
confirmation form of a button that changes something."""

from __future__ import annotations

import re
from datetime import date, time
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

from flask_babel import lazy_gettext as _l
from wtforms import Field, HiddenField, IntegerField, SelectMultipleField, SubmitField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import StopValidation
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


# The text boxes of dates, times and decimals: a browser's own date, time and number
# inputs follow the browser's language (mm/dd/yyyy, 2:30 PM, "1.50" on an English
# office PC), so the portal shows and reads the Vietnamese forms itself, whatever the
# language. portal/static/js/date-input.js adds the slashes while typing.
_DAY_MONTH_YEAR = re.compile(r"(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})")
_ISO_DATE = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})")
_DIGITS_ONLY_DATE = re.compile(r"(\d{2})(\d{2})(\d{4})")  # 05062025, from a phone keypad
# The browser's check before sending; the server's parsing below is the rule.
DATE_PATTERN = r"\d{1,2}/\d{1,2}/\d{4}|\d{4}-\d{1,2}-\d{1,2}|\d{8}"
_TIME = re.compile(r"(\d{1,2})(?:[:hH.](\d{2})|[hH]?)")


def parse_vn_date(text: str) -> date | None:
    """dd/mm/yyyy (also d/m/yyyy, dd.mm.yyyy, dd-mm-yyyy, ddmmyyyy) or yyyy-mm-dd;
    None when it is no date."""
    text = text.strip()
    for pattern, order in ((_DAY_MONTH_YEAR, (2, 1, 0)), (_DIGITS_ONLY_DATE, (2, 1, 0))):
        match = pattern.fullmatch(text)
        if match:
            year, month, day = (int(match.group(i + 1)) for i in order)
            break
    else:
        match = _ISO_DATE.fullmatch(text)
        if not match:
            return None
        year, month, day = (int(g) for g in match.groups())
    try:
        return date(year, month, day)
    except ValueError:  # 31/02/2025
        return None


def parse_vn_time(text: str) -> time | None:
    """14:30, 8:05, 8h30, 8h, 8.30; None when it is no time of day."""
    match = _TIME.fullmatch(text.strip())
    if not match:
        return None
    hour, minute = int(match.group(1)), int(match.group(2) or 0)
    if hour > 23 or minute > 59:
        return None
    return time(hour, minute)


def parse_vn_decimal(text: str) -> Decimal | None:
    """'1,5', '1.5', '1.234,5', '1 234,5' -> Decimal; None when it is no number.
    With both separators the last one is the decimal mark; a lone comma or a lone dot
    is the decimal mark; several dots alone group thousands ('1.500.000')."""
    text = re.sub(r"\s", "", text)
    if "," in text and "." in text:
        decimal_mark = "," if text.rfind(",") > text.rfind(".") else "."
        grouping = "." if decimal_mark == "," else ","
        text = text.replace(grouping, "").replace(decimal_mark, ".")
    elif text.count(",") == 1:
        text = text.replace(",", ".")
    elif text.count(".") > 1:
        text = text.replace(".", "")
    if not re.fullmatch(r"[+-]?(\d+(\.\d*)?|\.\d+)", text):
        return None
    try:
        return Decimal(text)
    except InvalidOperation:
        return None


def _with_comma(value: Decimal) -> str:
    """A number as typed back into a box: decimal comma, no grouping (so that it reads
    back the same)."""
    return format(value, "f").replace(".", ",")


class _VnTextField(Field):
    """A text box read by `parse`; shown back as `show` once read, as typed otherwise."""

    widget = TextInput()
    input_attributes: dict[str, str] = {}
    invalid_message = _l("Giá trị không hợp lệ.")

    def __init__(self, label=None, validators=None, **kwargs) -> None:
        kwargs["render_kw"] = {**self.input_attributes, **(kwargs.get("render_kw") or {})}
        super().__init__(label, validators, **kwargs)

    def parse(self, text: str):
        raise NotImplementedError

    def show(self, value) -> str:
        return str(value)

    def process_formdata(self, valuelist: list[str]) -> None:
        text = (valuelist[0] or "").strip() if valuelist else ""
        if not text:
            self.data = None
            return
        self.data = self.parse(text)
        if self.data is None:
            raise ValueError(self.invalid_message)

    def pre_validate(self, form) -> None:
        # Unreadable text already has its clear message: no "required" on top of it.
        if self.process_errors:
            raise StopValidation()

    def _value(self) -> str:
        if self.data is not None:
            return self.show(self.data)
        return self.raw_data[0] if self.raw_data else ""


class VnDateField(_VnTextField):
    """A date typed as dd/mm/yyyy (the mask of date-input.js adds the slashes); ISO
    yyyy-mm-dd is read too."""

    input_attributes = {
        "placeholder": "dd/mm/yyyy",
        "inputmode": "numeric",
        "autocomplete": "off",
        "pattern": DATE_PATTERN,
        "maxlength": "10",
        "data-date-input": "",
    }
    invalid_message = _l("Ngày không hợp lệ, nhập theo dạng dd/mm/yyyy")

    def __init__(self, label=None, validators=None, **kwargs) -> None:
        kwargs.setdefault("render_kw", {}).setdefault("title", _l("Nhập ngày theo dạng dd/mm/yyyy"))
        super().__init__(label, validators, **kwargs)

    def parse(self, text: str) -> date | None:
        return parse_vn_date(text)

    def show(self, value: date) -> str:
        return value.strftime("%d/%m/%Y")


class VnTimeField(_VnTextField):
    """A time of day typed as hh:mm, 24 hours (8h30 is read too)."""

    input_attributes = {"placeholder": "hh:mm", "autocomplete": "off", "maxlength": "5"}
    invalid_message = _l("Giờ không hợp lệ, nhập theo dạng hh:mm (24 giờ), ví dụ 14:30")

    def parse(self, text: str) -> time | None:
        return parse_vn_time(text)

    def show(self, value: time) -> str:
        return value.strftime("%H:%M")


class VnDecimalField(_VnTextField):
    """A decimal with a comma ('1,5'; '1.5' is read too), shown with `places` decimals
    ('1,50'); `data` is a Decimal."""

    input_attributes = {"inputmode": "decimal", "autocomplete": "off"}
    invalid_message = _l("Số không hợp lệ, nhập ví dụ 1,5")

    def __init__(self, label=None, validators=None, places: int | None = 2, **kwargs) -> None:
        self.places = places
        super().__init__(label, validators, **kwargs)

    def parse(self, text: str) -> Decimal | None:
        return parse_vn_decimal(text)

    def show(self, value) -> str:
        value = Decimal(str(value))
        if self.places is not None:
            value = value.quantize(Decimal(1).scaleb(-self.places), rounding=ROUND_HALF_UP)
        return _with_comma(value)


class VnFloatField(_VnTextField):
    """A decimal with a comma ('7,5'), for a float column; shown without trailing
    zeros ('7,5', '8')."""

    input_attributes = {"inputmode": "decimal", "autocomplete": "off"}
    invalid_message = _l("Số không hợp lệ, nhập ví dụ 1,5")

    def parse(self, text: str) -> float | None:
        number = parse_vn_decimal(text)
        return None if number is None else float(number)

    def show(self, value: float) -> str:
        # repr is the shortest text that reads back as the same float: 7.5, not 7.4999...
        number = Decimal(repr(float(value)))
        return _with_comma(number.quantize(1) if number == number.to_integral() else number)


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
