"""What a reminder says (Vietnamese): subject, in-portal summary, email context."""

from __future__ import annotations

from collections.abc import Sequence

from portal.accounts.models import User
from portal.deadlines.links import absolute_url
from portal.deadlines.providers import DueItem
from portal.deadlines.schedule import Stage
from portal.formatting import format_date, local_datetime


def _when(stage: Stage) -> tuple[str, str]:
    """(subject prefix, how far the due date is) for a stage."""
    if stage.days_left > 0:
        return "[Nhắc hạn]", f"còn {stage.days_left} ngày"
    if stage.days_left == 0:
        return "[Đến hạn hôm nay]", "hôm nay là hạn cuối"
    late = -stage.days_left
    return f"[Quá hạn {late} ngày]", f"đã quá hạn {late} ngày"


def reminder_context(
    items: Sequence[DueItem], stage: Stage, user: User, for_office: bool = False
) -> dict:
    """Subject, summary, path and the template context of one reminder.

    `items` is one item, or for the Office's escalation every late unit of a group.
    """
    item = items[0]
    due_date = format_date(item.due_at)
    due_time = "" if item.all_day else local_datetime(item.due_at).strftime("%H:%M")
    due_text = f"{due_date} lúc {due_time}" if due_time else due_date
    prefix, when = _when(stage)
    unit_names = sorted({i.unit_name for i in items})
    grouped = for_office and item.group_key and item.office_key != item.key
    if grouped:
        who = f"{len(unit_names)} đơn vị chưa hoàn thành"
        path = item.group_link or item.link
    else:
        who = item.unit_name
        path = item.link
    return {
        "subject": f"{prefix} {item.title} – {who} – hạn {due_date}",
        "summary": f"{who}: {item.title}. Hạn {due_text} ({when}).",
        "path": path,
        "unit_name": who,
        "unit_names": unit_names if grouped else [],
        "item_title": item.title,
        "item_detail": item.detail,
        "due_date": due_date,
        "due_time": due_time,
        "due_text": due_text,
        "when": when,
        "escalation": stage.escalation,
        "for_follow_up": for_office,
        "url": absolute_url(path),
    }
