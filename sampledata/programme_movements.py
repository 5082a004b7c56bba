"""Emulation movements and the programme's budget, for the list and dashboard pages."""

from __future__ import annotations

from datetime import date

from sqlalchemy import func, select

from portal.budget.models import ProgrammeBudget
from portal.consideration.models import AwardTitle
from portal.extensions import db
from portal.movements.models import Movement, MovementAwardTitle, MovementUnit, ReviewKind
from portal.propagation.models import PropagationActivity
from sampledata.programme_units import YEARS, Step, units_of


def add_movements(world, programme, step: Step, n: int) -> None:
    """Per step: a movement of the organization that the step's units take part in
    (closed with a review for every other step), and one of each unit's own; each
    unit's first exemplar and activity of the step link to the organization's."""
    units = units_of(world, step)
    title_id = db.session.scalar(
        select(AwardTitle.id).where(AwardTitle.organization_id == world.org.id).limit(1)
    )
    whole = Movement(
        organization_id=world.org.id,
        name=f"Phong trào thi đua {n}",
        purpose="Thi đua hoàn thành xuất sắc nhiệm vụ",
        start_date=date(YEARS[n % 3], 1, 1),
        end_date=date(YEARS[n % 3], 12, 31),
        created_by_id=world.office.id,
    )
    whole.participant_links = [MovementUnit(unit_id=u.id) for u in units]
    if title_id:
        whole.title_links = [MovementAwardTitle(award_title_id=title_id)]
    if n % 2:
        whole.review_kind = ReviewKind.FINAL
        whole.review_date = date(YEARS[n % 3], 12, 20)
        whole.review_summary = "Tổng kết phong trào"
    own = [
        Movement(
            organization_id=world.org.id,
            unit_id=u.id,
            name=f"Phong trào của đơn vị {n}-{u.id}",
            start_date=date(YEARS[n % 3], 3, 1),
            end_date=date(YEARS[n % 3], 9, 30),
            participant_links=[MovementUnit(unit_id=u.id)],
        )
        for u in units
    ]
    db.session.add_all([whole, *own])
    db.session.flush()
    first_own = {m.unit_id: m for m in _first_movements(world, units)}
    for u in units:
        step.exemplars[u.id][0].movement_id = whole.id
        # Each step adds exemplars to the unit's first own movement: its page grows.
        step.exemplars[u.id][1].movement_id = first_own[u.id].id
        activity = db.session.scalar(
            select(PropagationActivity)
            .where(PropagationActivity.unit_id == u.id, PropagationActivity.movement_id.is_(None))
            .order_by(PropagationActivity.id.desc())
            .limit(1)
        )
        if activity is not None:
            activity.movement_id = whole.id


def _first_movements(world, units) -> list[Movement]:
    ids = [u.id for u in units]
    first = (
        select(Movement.unit_id, func.min(Movement.id).label("id"))
        .where(Movement.unit_id.in_(ids))
        .group_by(Movement.unit_id)
        .subquery()
    )
    return db.session.scalars(select(Movement).join(first, first.c.id == Movement.id)).all()


def add_budgets(world, programme, step: Step, n: int) -> None:
    """The organization's budget of each year (once), and each new unit's."""
    rows = []
    if n == 0:
        rows += [
            ProgrammeBudget(organization_id=world.org.id, year=year, amount_vnd=500_000_000)
            for year in YEARS
        ]
        units = units_of(world, step)
    else:
        units = step.new_units
    rows += [
        ProgrammeBudget(
            organization_id=world.org.id, year=year, unit_id=u.id, amount_vnd=20_000_000
        )
        for u in units
        for year in YEARS
    ]
    db.session.add_all(rows)
