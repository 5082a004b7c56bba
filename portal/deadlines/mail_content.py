"""What a reminder says, in its recipient's language: subject, in-portal summary, email context."""

from __future__ import annotations

from collections.abc import Sequence

from flask_babel import gettext as _
from flask_babel import ngettext

from portal.accounts.models import User
from portal.deadlines.providers import DueItem
from portal.deadlines.schedule import Stage
from portal.formatting import format_date, format_time
from portal.i18n import in_language_of
from portal.urls import absolute_url


def _when(stage: Stage) -> tuple[str, str]:
    """(subject prefix, how far the due date is) for a stage."""
    if stage.days_left > 0:
        left = stage.days_left
        return _("[Nhắc hạn]"), ngettext("còn %(num)s ngày", "còn %(num)s ngày", left)
    if stage.days_left == 0:
        return _("[Đến hạn hôm nay]"), _("hôm nay là hạn cuối")
    late = -stage.days_left
    return (
        ngettext("[Quá hạn %(num)s ngày]", "[Quá hạn %(num)s ngày]", late),
        ngettext("đã quá hạn %(num)s ngày", "đã quá hạn %(num)s ngày", late),
    )


def reminder_context(
    items: Sequence[DueItem], stage: Stage, user: User, for_office: bool = False
) -> dict:
    """Subject, summary, path and the template context of one reminder, in `user`'s language.

    `items` is one item, or for the Office's escalation every late unit of a group.
    """
    with in_language_of(user):
        return _context(items, stage, for_office)


def _context(items: Sequence[DueItem], stage: Stage, for_office: bool) -> dict:
    item = items[0]
    title = str(item.title)  # provider titles are translated when read
    due_date = format_date(item.due_at)
    due_time = "" if item.all_day else format_time(item.due_at)
    due_text = _("%(day)s lúc %(time)s", day=due_date, time=due_time) if due_time else due_date
    prefix, when = _when(stage)
    unit_names = sorted({i.unit_name for i in items})
    grouped = for_office and item.group_key and item.office_key != item.key
    if grouped:
        count = len(unit_names)
        who = ngettext("%(num)s đơn vị chưa hoàn thành", "%(num)s đơn vị chưa hoàn thành", count)
        path = item.group_link or item.link
    else:
        who = item.unit_name
        path = item.link
    values = {"prefix": prefix, "title": title, "who": who, "day": due_date}
    return {
        "subject": _("%(prefix)s %(title)s – %(who)s – hạn %(day)s", **values),
        "summary": _(
            "%(who)s: %(title)s. Hạn %(due)s (%(when)s).",
            who=who,
            title=title,
            due=due_text,
            when=when,
        ),
        "path": path,
        "unit_name": who,
        "unit_names": unit_names if grouped else [],
        "item_title": title,
        "item_detail": item.detail,
        "due_date": due_date,
        "due_time": due_time,
        "due_text": due_text,
        "when": when,
        "escalation": stage.escalation,
        "for_follow_up": for_office,
        "url": absolute_url(path),
    }
