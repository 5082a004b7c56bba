"""The reminder sweep: find what is due, claim each (item, recipient, stage) once,
store the notification and its email in the same transaction, send in batches.

Exactly once: the ReminderDelivery row is inserted (ON CONFLICT DO NOTHING)
before the mail is stored, and both commit together. A sweep that runs twice,
overlaps with another worker, or crashes half way and is retried finds the
rows already there and skips them; an uncommitted chunk leaves no row, so the
retry sends it: nobody is skipped.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import select
from sqlalchemy.orm import noload

from portal.accounts.models import User
from portal.deadlines.mail_content import reminder_context
from portal.deadlines.models import ReminderDelivery
from portal.deadlines.providers import DueItem, ItemQuery, due_items, office_ids_by_org
from portal.deadlines.schedule import Stage, current_stage
from portal.extensions import db
from portal.models_base import as_utc, utcnow
from portal.notifications.claims import claim_rows, with_lock_retry
from portal.notifications.services import deliver, preferences_for, record_deliveries

CHUNK_SIZE = 400  # claims per transaction: two full send_batch jobs of 200
MAX_DAYS_BEFORE = 90  # the furthest reminder a schedule may ask for


@dataclass(frozen=True)
class Reminder:
    """One stage of one item (or, for the Office, of a group of items) to one person."""

    key: str  # the item key, or the group key for the Office
    items: tuple[DueItem, ...]
    stage: Stage
    user_id: int
    for_office: bool = False

    @property
    def claim(self) -> tuple[str, int, str]:
        return (self.key, self.user_id, self.stage.key)


def sweep_reminders(now: datetime | str | None = None) -> str:
    """The periodic job (every 10 minutes): send every reminder due at `now`."""
    moment = _moment(now)
    planned = plan_reminders(moment)
    sent = deliver_reminders(planned)
    return f"{len(planned)} reminders due, {sent} delivered now"


def _moment(now: datetime | str | None) -> datetime:
    if now is None:
        return utcnow()
    if isinstance(now, str):
        now = datetime.fromisoformat(now)
    return as_utc(now)


def plan_reminders(now: datetime) -> list[Reminder]:
    """Every (item, recipient, stage) due at `now`, delivered or not."""
    horizon = now + timedelta(days=MAX_DAYS_BEFORE + 2)
    staged = []
    for item in due_items(ItemQuery(due_before=horizon)):
        stage = current_stage(item.due_at, item.schedule, now)
        if stage is not None:
            staged.append((item, stage))
    office = office_ids_by_org({item.organization_id for item, _ in staged})
    planned: dict[tuple[str, int, str], Reminder] = {}
    groups: dict[tuple[str, str], list[DueItem]] = {}
    for item, stage in staged:
        people = set(item.recipients)
        if stage.escalation:
            people |= item.escalate_to
            groups.setdefault((item.office_key, stage.key), []).append(item)
        for user_id in sorted(people):
            reminder = Reminder(item.key, (item,), stage, user_id)
            planned.setdefault(reminder.claim, reminder)
    stages = {stage.key: stage for _, stage in staged}
    for (key, stage_key), items in groups.items():
        for user_id in sorted(office.get(items[0].organization_id, ())):
            reminder = Reminder(key, tuple(items), stages[stage_key], user_id, for_office=True)
            planned.setdefault(reminder.claim, reminder)
    return list(planned.values())


def deliver_reminders(planned: Sequence[Reminder]) -> int:
    """Claim and deliver in chunks; returns how many were delivered by this call."""
    delivered = 0
    for start in range(0, len(planned), CHUNK_SIZE):
        chunk = planned[start : start + CHUNK_SIZE]
        delivered += with_lock_retry(lambda chunk=chunk: _deliver_chunk(chunk))
    return delivered


def _deliver_chunk(chunk: Sequence[Reminder]) -> int:
    wanted = {r.claim: r for r in chunk}
    now = utcnow()
    rows = [
        {
            "organization_id": r.items[0].organization_id,
            "unit_id": None if r.for_office and r.key != r.items[0].key else r.items[0].unit_id,
            "item_key": r.key,
            "stage": r.stage.key,
            "recipient_user_id": r.user_id,
            "category": r.stage.category,
            "created_at": now,
        }
        for r in wanted.values()
    ]
    table = ReminderDelivery.__table__
    claimed = claim_rows(
        table,
        rows,
        ("item_key", "recipient_user_id", "stage"),
        (table.c.id, table.c.item_key, table.c.recipient_user_id, table.c.stage),
    )
    if not claimed:
        db.session.commit()
        return 0
    user_ids = {row.recipient_user_id for row in claimed}
    users = {
        u.id: u
        for u in db.session.scalars(
            select(User).where(User.id.in_(user_ids)).options(noload(User.memberships))
        )
    }
    prefs = preferences_for(user_ids)
    results = []
    for row in claimed:
        reminder = wanted[(row.item_key, row.recipient_user_id, row.stage)]
        user = users[row.recipient_user_id]
        results.append((row.id, _deliver_one(reminder, user, prefs.get(user.id))))
    record_deliveries(ReminderDelivery, results)
    db.session.commit()
    return len(results)


def _deliver_one(reminder: Reminder, user: User, preference):
    context = reminder_context(reminder.items, reminder.stage, user, reminder.for_office)
    subject, summary, link = context.pop("subject"), context.pop("summary"), context.pop("path")
    return deliver(
        user,
        subject,
        summary,
        link,
        category=reminder.stage.category,
        preference=preference,
        template="deadline_reminder",
        context=context,
        send=False,
    )
