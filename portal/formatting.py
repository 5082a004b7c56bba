"""How dates, times and money are shown: dd/mm/yyyy, Asia/Ho_Chi_Minh, VND."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from zoneinfo import ZoneInfo

from flask import Flask

from portal.models_base import as_utc

VN_TZ = ZoneInfo("Asia/Ho_Chi_Minh")


def local_datetime(value: datetime) -> datetime:
    """A stored (UTC) datetime in Vietnam time."""
    return as_utc(value).astimezone(VN_TZ)


def format_date(value: date | datetime | None) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime):
        value = local_datetime(value).date()
    return value.strftime("%d/%m/%Y")


def format_datetime(value: datetime | None) -> str:
    if value is None:
        return ""
    return local_datetime(value).strftime("%d/%m/%Y %H:%M")


def format_vnd(value: int | float | Decimal | None) -> str:
    """12345678 -> '12.345.678 ₫' (Vietnamese digit grouping)."""
    if value is None:
        return ""
    return f"{int(round(value)):,}".replace(",", ".") + " ₫"


def format_number(value: int | float | None, digits: int = 0) -> str:
    if value is None:
        return ""
    text = f"{value:,.{digits}f}"
    return text.replace(",", "\x00").replace(".", ",").replace("\x00", ".")


def today_vn() -> date:
    return datetime.now(VN_TZ).date()


def register(app: Flask) -> None:
    app.add_template_filter(format_date, "date")
    app.add_template_filter(format_datetime, "datetime")
    app.add_template_filter(format_vnd, "vnd")
    app.add_template_filter(format_number, "number")
