"""The Vietnamese date, time and decimal boxes of portal/fields.py: what they read, how
they show it back, and their messages in both languages."""

from __future__ import annotations

from datetime import date, time
from decimal import Decimal

import pytest
from flask import session
from werkzeug.datastructures import MultiDict
from wtforms import Form
from wtforms.validators import DataRequired

from portal.fields import (
    VnDateField,
    VnDecimalField,
    VnFloatField,
    VnTimeField,
    parse_vn_date,
    parse_vn_decimal,
    parse_vn_time,
)

# Rendering and messages need the app (Flask-Babel) and a request (the language).


class SampleForm(Form):
    day = VnDateField("Ngày", validators=[DataRequired()])
    at = VnTimeField("Giờ")
    weight = VnDecimalField("Trọng số", places=2)
    hours = VnFloatField("Số giờ")


@pytest.fixture
def request_in(app):
    """A request context in the given language ('vi' or 'en')."""
    contexts = []

    def enter(lang: str):
        context = app.test_request_context("/")
        context.push()
        contexts.append(context)
        session["lang"] = lang

    yield enter
    for context in reversed(contexts):
        context.pop()


def submit(**values: str) -> SampleForm:
    form = SampleForm(MultiDict(values))
    form.validate()
    return form


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("05/06/2025", date(2025, 6, 5)),
        ("5/6/2025", date(2025, 6, 5)),
        (" 05/06/2025 ", date(2025, 6, 5)),
        ("05.06.2025", date(2025, 6, 5)),
        ("05-06-2025", date(2025, 6, 5)),
        ("05062025", date(2025, 6, 5)),
        ("2025-06-05", date(2025, 6, 5)),
        ("29/02/2024", date(2024, 2, 29)),
    ],
)
def test_a_date_is_read_day_first_or_iso(text, expected):
    assert parse_vn_date(text) == expected


@pytest.mark.parametrize(
    "text", ["31/02/2025", "29/02/2025", "05/13/2025", "06/05/25", "5 tháng 6", "2025/06/05", ""]
)
def test_what_is_no_date_is_refused(text):
    assert parse_vn_date(text) is None


@pytest.mark.parametrize(
    ("text", "expected"),
    [("14:30", time(14, 30)), ("8:05", time(8, 5)), ("8h30", time(8, 30)), ("8h", time(8))],
)
def test_a_time_is_read_on_the_24_hour_clock(text, expected):
    assert parse_vn_time(text) == expected


@pytest.mark.parametrize("text", ["24:00", "8:60", "2:30 PM", "giờ"])
def test_what_is_no_time_is_refused(text):
    assert parse_vn_time(text) is None


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("1,5", Decimal("1.5")),
        ("1.5", Decimal("1.5")),
        ("1.234,5", Decimal("1234.5")),
        ("1 234,5", Decimal("1234.5")),
        ("1,234.5", Decimal("1234.5")),
        ("1.500.000", Decimal("1500000")),
        ("-0,25", Decimal("-0.25")),
    ],
)
def test_a_decimal_is_read_with_a_comma_or_a_dot(text, expected):
    assert parse_vn_decimal(text) == expected


@pytest.mark.parametrize("text", ["1,5,5", "một", "1,5đ", "--1"])
def test_what_is_no_decimal_is_refused(text):
    assert parse_vn_decimal(text) is None


def test_a_form_reads_and_shows_back_the_vietnamese_forms(request_in):
    request_in("vi")
    form = submit(day="5/6/2025", at="8h30", weight="1,5", hours="7.5")
    assert not form.errors
    assert form.day.data == date(2025, 6, 5)
    assert form.at.data == time(8, 30)
    assert form.weight.data == Decimal("1.5")
    assert form.hours.data == 7.5
    assert 'value="05/06/2025"' in form.day()
    assert 'value="08:30"' in form.at()
    assert 'value="1,50"' in form.weight()
    assert 'value="7,5"' in form.hours()


def test_a_stored_value_is_shown_the_vietnamese_way(request_in):
    request_in("vi")
    form = SampleForm(
        data={"day": date(2025, 12, 31), "weight": Decimal("2"), "hours": 8.0, "at": time(17)}
    )
    assert 'value="31/12/2025"' in form.day()
    assert 'value="2,00"' in form.weight()
    assert 'value="8"' in form.hours()
    assert 'value="17:00"' in form.at()


def test_a_date_box_is_a_text_box_with_the_hint_and_the_mask(request_in):
    request_in("vi")
    html = SampleForm().day()
    assert 'type="text"' in html and 'type="date"' not in html
    assert 'placeholder="dd/mm/yyyy"' in html
    assert 'inputmode="numeric"' in html
    assert "data-date-input" in html
    assert "pattern=" in html
    assert 'inputmode="decimal"' in SampleForm().weight()
    assert 'type="number"' not in SampleForm().weight()


def test_a_wrong_date_gets_one_clear_message_and_is_kept_as_typed(request_in):
    request_in("vi")
    form = submit(day="31/02/2025", weight="abc", at="25:00")
    assert form.day.errors == ["Ngày không hợp lệ, nhập theo dạng dd/mm/yyyy"]
    assert 'value="31/02/2025"' in form.day()
    assert form.weight.errors == ["Số không hợp lệ, nhập ví dụ 1,5"]
    assert 'value="abc"' in form.weight()
    assert form.at.errors == ["Giờ không hợp lệ, nhập theo dạng hh:mm (24 giờ), ví dụ 14:30"]


def test_the_messages_are_english_in_english(request_in):
    request_in("en")
    form = submit(day="31/02/2025", weight="abc", at="25:00")
    assert form.day.errors == ["Invalid date, type it as dd/mm/yyyy"]
    assert form.weight.errors == ["Invalid number, type e.g. 1,5"]
    assert form.at.errors == ["Invalid time, type it as hh:mm (24-hour clock), e.g. 14:30"]
    assert 'title="Type the date as dd/mm/yyyy"' in form.day()


def test_an_empty_box_is_no_value_and_required_still_applies(request_in):
    request_in("vi")
    form = submit(day="", weight="", hours="  ")
    assert form.weight.data is None and form.hours.data is None and not form.weight.errors
    assert form.day.data is None and form.day.errors  # DataRequired
