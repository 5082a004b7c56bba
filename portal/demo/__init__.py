"""The demo department, created idempotently by `flask demo` and by `make run`, as it
looks on the day it is built: 2023-2025 as history, the current plan period live
(see `timeline`).

Scaffolding, not product: nothing in the portal imports this package; the factory
only calls `register(app)` to add the `flask demo` command. Each capability's demo
data is one module here, seeded in the order of `PARTS` (later parts build on the
records of earlier ones).
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime
from types import ModuleType

import click
from flask import Flask

from portal.accounts.models import Role, RoleMembership, User
from portal.audit import act_as
from portal.council.models import CouncilMember, CouncilPosition
from portal.demo import (
    admin,
    annualreports,
    assessments,
    awards,
    congress,
    consideration,
    council,
    criteria,
    dashboards,
    deadlines,
    difficulties,
    exemplars,
    inspections,
    profiles,
    propagation,
    publiccolumn,
    training,
)
from portal.demo.department import (
    DEMO_SLUG,
    OFFICE_EMAIL,
    ORGANIZATION,
    UNITS,
    VIEWER_EMAIL,
    coordinator_email,
    council_email,
    person_name,
    staff_email,
)
from portal.demo.timeline import (
    HISTORY_END,
    HISTORY_NAME,
    HISTORY_START,
    current_span,
    local_day,
    resolve_now,
)
from portal.extensions import db
from portal.formatting import VN_TZ
from portal.organizations.models import Organization, Unit
from portal.organizations.services import new_slug
from portal.periods.models import PlanPeriod

DEFAULT_DEMO_PASSWORD = "demo@2025"

# Each part has `seed(org, password, now=None)`; in this order, each may use what those
# before made.
PARTS = (
    admin,
    criteria,
    exemplars,
    propagation,
    publiccolumn,
    training,
    difficulties,
    council,
    inspections,
    consideration,
    awards,
    deadlines,
    assessments,
    annualreports,
    profiles,
    congress,
    dashboards,
)


def register(app: Flask) -> None:
    """Add `flask demo` to the application's commands (called by the factory)."""
    app.cli.add_command(demo_command)


@click.command("demo")
@click.option(
    "--password",
    default=DEFAULT_DEMO_PASSWORD,
    show_default=True,
    help="Password of every demo account (demo only).",
)
@click.option(
    "--today",
    type=click.DateTime(formats=["%Y-%m-%d", "%d/%m/%Y"]),
    default=None,
    help="The day the demo is built around (default: today), e.g. 2026-12-03.",
)
def demo_command(password: str, today: datetime | None) -> None:
    """Create (or complete) the demo department. Safe to run again."""
    now = None if today is None else today.replace(hour=12, tzinfo=VN_TZ)
    org = seed(password, now=now)
    click.echo(f"Demo data ready for {org.name} (today: {local_day(now):%d/%m/%Y}).")


def seed(
    password: str, parts: Iterable[ModuleType] = PARTS, now: datetime | None = None
) -> Organization:
    """Create what is missing of the demo department and of each of `parts`, as the
    department would look at `now` (default: the real now); existing rows are kept."""
    now = resolve_now(now)
    org = db.session.scalar(
        db.select(Organization).where(Organization.name == ORGANIZATION["name"])
    )
    if org is None:
        org = Organization(**ORGANIZATION, slug=new_slug(DEMO_SLUG))
        db.session.add(org)
        db.session.flush()
    units = {slug: _unit(org, name, kind) for slug, name, kind in UNITS}
    periods = _periods(org, now)
    counter = iter(range(1000))
    office = _user(
        org,
        OFFICE_EMAIL,
        "Trần Thị Hồng Nhung",
        password,
        "Chánh Văn phòng Sở",
        [(Role.OFFICE_ADMIN, None)],
    )
    act_as(office)
    _user(org, VIEWER_EMAIL, "Nguyễn Huệ", password, "Giám đốc Sở", [(Role.VIEWER, None)])
    council_titles = ["Phó Giám đốc Sở", "Chánh Văn phòng Sở", "Chủ tịch Công đoàn Sở"]
    positions = [CouncilPosition.CHAIR, CouncilPosition.SECRETARY, CouncilPosition.MEMBER]
    for n in (1, 2, 3):
        member = _user(
            org,
            council_email(n),
            person_name(900 + n),
            password,
            council_titles[n - 1],
            [(Role.COUNCIL_MEMBER, None)],
        )
        for period in periods:
            _council_seat(org, period, member, positions[n - 1], council_titles[n - 1])
    for slug, unit in units.items():
        _user(
            org,
            coordinator_email(slug),
            person_name(next(counter)),
            password,
            "Cán bộ thi đua",
            [(Role.COORDINATOR, unit.id)],
        )
        for n in (1, 2):
            _user(
                org,
                staff_email(slug, n),
                person_name(next(counter) + 50),
                password,
                "Chuyên viên",
                [(Role.STAFF, unit.id)],
            )
    db.session.commit()
    for part in parts:
        part.seed(org, password, now=now)
        db.session.commit()
    act_as(None)
    return org


HEADS = ("Nguyễn Văn Hùng", "Trần Thị Mai", "Lê Quang Vinh", "Phạm Thị Thu", "Võ Đức Long")


def _unit(org: Organization, name: str, kind) -> Unit:
    unit = db.session.scalar(
        db.select(Unit).where(Unit.organization_id == org.id, Unit.name == name)
    )
    if unit is None:
        unit = Unit(organization_id=org.id, name=name, kind=kind)
        db.session.add(unit)
        db.session.flush()
    if not unit.head_name:  # the head signs the unit's documents (portal.documents.signers)
        unit.head_name = HEADS[unit.id % len(HEADS)]
        unit.head_position = "Thủ trưởng đơn vị"
    return unit


def _periods(org: Organization, now: datetime) -> list[PlanPeriod]:
    """The 2023-2025 plan (history) and, once it is over, the plan of today's years,
    which is then the current one."""
    history = _period(
        org,
        HISTORY_NAME,
        HISTORY_START,
        HISTORY_END,
        "Kế hoạch tuyên truyền, bồi dưỡng và nhân rộng điển hình tiên tiến giai đoạn 2023-2025",
    )
    start, end = current_span(local_day(now))
    if local_day(now).year <= HISTORY_END:
        history.is_current = True
        return [history]
    current = _period(
        org,
        f"{start}-{end}",
        start,
        end,
        f"Kế hoạch phát hiện, bồi dưỡng và nhân rộng điển hình tiên tiến giai đoạn {start}-{end}",
    )
    history.is_current = False
    current.is_current = True
    return [history, current]


def _period(org: Organization, name: str, start: int, end: int, title: str) -> PlanPeriod:
    period = db.session.scalar(
        db.select(PlanPeriod).where(PlanPeriod.organization_id == org.id, PlanPeriod.name == name)
    )
    if period is None:
        period = PlanPeriod(
            organization_id=org.id, name=name, title=title, start_year=start, end_year=end
        )
        db.session.add(period)
        db.session.flush()
    return period


def _user(org, email, full_name, password, position, roles) -> User:
    user = db.session.scalar(db.select(User).where(User.email == email))
    if user is None:
        user = User(organization_id=org.id, email=email, full_name=full_name, position=position)
        user.set_password(password)
        db.session.add(user)
    for role, unit_id in roles:
        if not any(m.role == role and m.unit_id == unit_id for m in user.memberships):
            user.memberships.append(RoleMembership(role=role, unit_id=unit_id))
    db.session.flush()
    return user


def _council_seat(org, period, user, position, title) -> None:
    exists = db.session.scalar(
        db.select(CouncilMember).where(
            CouncilMember.period_id == period.id, CouncilMember.user_id == user.id
        )
    )
    if exists is None:
        db.session.add(
            CouncilMember(
                organization_id=org.id,
                period_id=period.id,
                user_id=user.id,
                position=position,
                title=title,
            )
        )
