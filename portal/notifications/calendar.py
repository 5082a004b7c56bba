"""The personal iCalendar feed: the deadlines and due items that concern a person.

Outlook and Google Calendar subscribe to a secret URL (no login), so the feed
is built from the person's own visibility: org-wide readers see every
deadline of their organization; unit people and council members those of their
units; everyone sees the fostering and corrective actions they must carry out.
"""

from __future__ import annotations

from datetime import timedelta
from urllib.parse import urlsplit

from flask_babel import gettext as _
from flask_babel import ngettext
from icalendar import Alarm, Calendar, Event
from sqlalchemy import select

from portal.accounts.models import User
from portal.deadlines.completion import completion_map
from portal.deadlines.models import Deadline
from portal.deadlines.providers import DueItem, ItemQuery, due_items
from portal.deadlines.services import concerning
from portal.extensions import db
from portal.formatting import VN_TZ
from portal.i18n import in_language_of
from portal.models_base import as_utc, in_ids, utcnow
from portal.organizations.models import Unit
from portal.tenancy import sees_whole_organization, visible_unit_ids
from portal.urls import absolute_url, external_url

HISTORY_DAYS = 365  # past deadlines kept in the feed


def calendar_for(user: User) -> bytes:
    """The feed in its owner's language: calendar apps fetch it without a session."""
    with in_language_of(user):
        return _calendar(user)


def _calendar(user: User) -> bytes:
    cal = Calendar()
    cal.add("prodid", "-//Cong dien hinh tien tien//Thoi han//VI")
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("x-wr-calname", _("Thời hạn – Cổng điển hình tiên tiến"))
    cal.add("x-wr-timezone", "Asia/Ho_Chi_Minh")
    host = urlsplit(external_url("home.index")).hostname or "portal"
    for event in deadline_events(user, host):
        cal.add_component(event)
    for item in own_items(user):
        cal.add_component(item_event(item, host))
    return cal.to_ical()


def concerning_deadlines(user: User) -> tuple[list[Deadline], set[int]]:
    """The recent and coming deadlines that apply to a unit `user` sees, and those unit ids."""
    since = utcnow() - timedelta(days=HISTORY_DAYS)
    query = select(Deadline).where(
        Deadline.organization_id == user.organization_id, Deadline.due_at >= since
    )
    deadlines = list(db.session.scalars(concerning(query, user).order_by(Deadline.due_at)))
    return deadlines, visible_unit_ids(user)


def deadline_events(user: User, host: str) -> list[Event]:
    deadlines, visible = concerning_deadlines(user)
    # Unit people see whether their own unit has done it; org-wide readers do not.
    own_units = set() if sees_whole_organization(user) else visible
    done = completion_map(deadlines, own_units) if own_units else {}
    names = dict(
        db.session.execute(select(Unit.id, Unit.name).where(in_ids(Unit.id, own_units))).all()
    )
    active = set(
        db.session.scalars(
            select(Unit.id).where(
                Unit.organization_id == user.organization_id, Unit.is_active.is_(True)
            )
        )
    )
    events = []
    for deadline in deadlines:
        units_of_deadline = active if deadline.all_units else deadline.target_unit_ids
        applies = units_of_deadline & own_units
        finished = bool(applies) and all((deadline.id, u) in done for u in applies)
        event = Event()
        event.add("uid", f"deadline-{deadline.id}@{host}")
        event.add("summary", _done(finished) + deadline.title)
        event.add("dtstart", as_utc(deadline.due_at))
        event.add("dtend", as_utc(deadline.due_at) + timedelta(minutes=30))
        event.add("dtstamp", utcnow())
        link = external_url("deadlines.detail", deadline_id=deadline.id)
        units = ", ".join(sorted(names[u] for u in applies)) if applies else ""
        description = deadline.description or ""
        if units:
            description = f"{_units_line(units, len(applies))}\n{description}".strip()
        event.add("description", f"{description}\n{link}".strip())
        event.add("url", link)
        event.add("categories", [_("Thời hạn")])
        if not finished:
            event.add_component(_alarm(deadline.title))
        events.append(event)
    return events


def own_items(user: User) -> list[DueItem]:
    """Fostering and corrective actions the person must carry out (not deadlines)."""
    since = utcnow() - timedelta(days=HISTORY_DAYS)
    query = ItemQuery(organization_id=user.organization_id, pending_only=False)
    return [
        item
        for item in due_items(query)
        if item.kind != "deadline" and user.id in item.recipients and item.due_at >= since
    ]


def item_event(item: DueItem, host: str) -> Event:
    event = Event()
    event.add("uid", f"{item.key.replace(':', '-')}@{host}")
    title = str(item.title)  # provider titles are translated when read
    event.add("summary", _done(item.completed) + title)
    due_day = as_utc(item.due_at).astimezone(VN_TZ).date()
    if item.all_day:
        event.add("dtstart", due_day)
        event.add("dtend", due_day + timedelta(days=1))
    else:
        event.add("dtstart", item.due_at)
        event.add("dtend", item.due_at + timedelta(minutes=30))
    event.add("dtstamp", utcnow())
    link = absolute_url(item.link)
    event.add(
        "description",
        f"{_units_line(item.unit_name, 1)}\n{item.detail}\n{link}".replace("\n\n", "\n"),
    )
    event.add("url", link)
    if not item.completed:
        event.add_component(_alarm(title))
    return event


def _alarm(title: str) -> Alarm:
    alarm = Alarm()
    alarm.add("action", "DISPLAY")
    alarm.add("description", _("Sắp đến hạn: %(title)s", title=title))
    alarm.add("trigger", timedelta(days=-1))
    return alarm


def _done(finished: bool) -> str:
    return _("[Đã hoàn thành]") + " " if finished else ""


def _units_line(names: str, count: int) -> str:
    return ngettext("Đơn vị: %(units)s", "Đơn vị: %(units)s", count, units=names)
