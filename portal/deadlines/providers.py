"""Due item providers: everything with a due date that people must be reminded of.

One provider per kind of item (a deadline for one unit, a fostering action, a
corrective action of an inspection finding) yields `DueItem`s; the sweep, the
calendar feed and the Office's pages treat them all alike. Each kind's provider
is registered at start-up by portal/registry.py.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from datetime import datetime

from sqlalchemy import select

from portal.accounts.models import Role, RoleMembership, User
from portal.deadlines.schedule import Schedule
from portal.enums import LabelledEnum
from portal.extensions import db
from portal.msgids import N_
from portal.request_cache import request_cache


class DueItemKind(LabelledEnum):
    DEADLINE = "deadline", N_("Thời hạn của Sở")
    FOSTERING_ACTION = "fostering_action", N_("Biện pháp bồi dưỡng điển hình")
    FINDING_ACTION = "finding_action", N_("Khắc phục sau kiểm tra")


@dataclass(frozen=True)
class DueItem:
    key: str  # unique across kinds: "deadline:3:unit:7", "fostering_action:12"
    kind: DueItemKind
    organization_id: int
    unit_id: int
    unit_name: str
    title: str
    due_at: datetime  # UTC, aware
    recipients: frozenset[int]  # reminded before the due date
    link: str  # path of the page where the item is done
    completed: bool = False
    all_day: bool = False  # a date without a time (fostering actions, findings)
    # Also told on the due date and while overdue (the Office is added by the sweep).
    escalate_to: frozenset[int] = field(default_factory=frozenset)
    schedule: Schedule = field(default_factory=Schedule)
    detail: str = ""
    # Items of one group (the units of one deadline) reach the Office as one
    # escalation listing them, linked to the group's page.
    group_key: str = ""
    group_link: str = ""
    # The yearly obligation a deadline's item stands for: (deadline kind, period id,
    # year). A unit's to-do list shows that obligation once, from its dashboard cell.
    obligation: tuple[str, int, int] | None = None

    @property
    def office_key(self) -> str:
        return self.group_key or self.key


@dataclass(frozen=True)
class ItemQuery:
    """What a provider is asked for. Providers may return more; callers filter."""

    organization_id: int | None = None
    due_before: datetime | None = None  # only items due before this moment
    pending_only: bool = True  # leave out completed items
    unit_ids: frozenset[int] | None = None


Provider = Callable[[ItemQuery], Iterable[DueItem]]
PROVIDERS: dict[str, Provider] = {}


def register_provider(kind: str, provider: Provider) -> None:
    PROVIDERS[kind] = provider


def due_items(query: ItemQuery) -> Iterator[DueItem]:
    """Every item of every registered kind that matches `query`."""
    for provider in list(PROVIDERS.values()):
        for item in provider(query):
            if query.pending_only and item.completed:
                continue
            yield item


def coordinators_by_unit(unit_ids: Iterable[int]) -> dict[int, set[int]]:
    """unit id -> ids of its active coordinators, in one query (once per request for
    the same units: every provider asks for them when a page lists due items)."""
    unit_ids = frozenset(unit_ids)
    if not unit_ids:
        return {}
    cache = request_cache("coordinators by unit")
    if unit_ids not in cache:
        cache[unit_ids] = _read_coordinators(unit_ids)
    return {unit_id: set(ids) for unit_id, ids in cache[unit_ids].items()}


def _read_coordinators(unit_ids: frozenset[int]) -> dict[int, set[int]]:
    result: dict[int, set[int]] = {}
    rows = db.session.execute(
        select(RoleMembership.unit_id, RoleMembership.user_id)
        .join(User, User.id == RoleMembership.user_id)
        .where(
            RoleMembership.role == Role.COORDINATOR,
            RoleMembership.unit_id.in_(unit_ids),
            User.active.is_(True),
        )
    )
    for unit_id, user_id in rows:
        result.setdefault(unit_id, set()).add(user_id)
    return result


def office_ids_by_org(org_ids: Iterable[int]) -> dict[int, set[int]]:
    """organization id -> ids of its active Office administrators."""
    org_ids = set(org_ids)
    result: dict[int, set[int]] = {}
    if not org_ids:
        return result
    rows = db.session.execute(
        select(User.organization_id, User.id)
        .join(RoleMembership, RoleMembership.user_id == User.id)
        .where(
            RoleMembership.role == Role.OFFICE_ADMIN,
            User.organization_id.in_(org_ids),
            User.active.is_(True),
        )
    )
    for org_id, user_id in rows:
        result.setdefault(org_id, set()).add(user_id)
    return result
