"""How dates, times, numbers and money are shown, in one place and through Babel:
dd/mm/yyyy, Asia/Ho_Chi_Minh, decimal comma and dot grouping, VND. The display is
Vietnamese whatever the interface language (these are the figures of Vietnamese
records), and the same in pages, emails and documents."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from zoneinfo import ZoneInfo

from babel import dates as babel_dates
from flask import Flask

from portal.icons import icon
from portal.models_base import as_utc

VN_TZ = ZoneInfo("Asia/Ho_Chi_Minh")
LOCALE = "vi"
DATE = "dd/MM/yyyy"
TIME = "HH:mm"
MONTH = "MM/yyyy"


def local_datetime(value: datetime) -> datetime:
    """A stored (UTC) datetime in Vietnam time."""
    return as_utc(value).astimezone(VN_TZ)


def _local_date(value: date | datetime) -> date:
    return local_datetime(value).date() if isinstance(value, datetime) else value


def format_date(value: date | datetime | None) -> str:
    """05/06/2025; a datetime is shown as its day in Vietnam."""
    if value is None:
        return ""
    return babel_dates.format_date(_local_date(value), DATE, locale=LOCALE)


def format_month(value: date | datetime) -> str:
    """06/2025."""
    return babel_dates.format_date(_local_date(value), MONTH, locale=LOCALE)


def format_datetime(value: datetime | None) -> str:
    """05/06/2025 14:30, in Vietnam time."""
    if value is None:
        return ""
    return babel_dates.format_datetime(local_datetime(value), f"{DATE} {TIME}", locale=LOCALE)


def format_time(value: datetime) -> str:
    """14:30, in Vietnam time."""
    return babel_dates.format_time(local_datetime(value), TIME, locale=LOCALE)


def format_number(value: int | float | Decimal | None, digits: int = 0) -> str:
    """1234.5 -> '1.234,50' with digits=2: always `digits` decimals.

    Python's own formatting, separators swapped: what Babel's `format_decimal` gives
    for Vietnamese (grouping by three, rounding half to even) at a twentieth of the
    cost, which counts on pages that print thousands of figures (the dashboards)."""
    if value is None:
        return ""
    # Decimal(float) is the float's exact value, so rounding is that of format().
    exact = value if isinstance(value, Decimal | int) else Decimal(value)
    text = format(exact, f",.{digits}f") if digits or not isinstance(exact, int) else f"{exact:,}"
    return text.translate(VI_SEPARATORS)


# English separators -> Vietnamese ones (group ".", decimal ",").
VI_SEPARATORS = str.maketrans({",": ".", ".": ","})


def format_vnd(value: int | float | Decimal | None) -> str:
    """12345678 -> '12.345.678 ₫'."""
    if value is None:
        return ""
    return format_number(value) + " ₫"


def today_vn() -> date:
    return datetime.now(VN_TZ).date()


def register(app: Flask) -> None:
    app.add_template_filter(format_date, "date")
    app.add_template_filter(format_datetime, "datetime")
    app.add_template_filter(format_vnd, "vnd")
    app.add_template_filter(format_number, "number")
    app.add_template_global(icon, "icon")
