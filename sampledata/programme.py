"""fill_programme(world, scale): every kind of unit data the list pages show, `scale` times over."""

from __future__ import annotations

from portal.accounts.models import CouncilAssignment, Role, RoleMembership, User
from portal.audit import act_as
from portal.consideration.catalogue import ensure_catalogue
from portal.council.models import (
    CouncilMember,
    CouncilPosition,
)
from portal.criteria.models import CriteriaAudience, CriteriaItem, CriteriaSet
from portal.extensions import db
from portal.organizations.models import Unit
from sampledata.programme_awards import add_awards, add_recorded_decisions
from sampledata.programme_movements import add_budgets, add_movements
from sampledata.programme_office import (
    add_announcements,
    add_compilations,
    add_deadlines,
    add_inspections,
    add_messages,
    add_plan_items,
    add_rounds,
)
from sampledata.programme_units import (
    UNIT_KINDS,
    YEARS,
    Programme,
    Step,
    add_congress,
    add_difficulties,
    add_exemplars,
    add_propagation,
    add_reviews,
    add_stories,
    add_training,
)
from sampledata.world import password_hash

# In order: each kind may use what the kinds before it made.
KINDS = (
    add_exemplars,
    add_propagation,
    add_stories,
    add_training,
    add_movements,
    add_budgets,
    add_difficulties,
    add_reviews,
    add_plan_items,
    add_inspections,
    add_rounds,
    add_awards,
    add_deadlines,
    add_messages,
    add_announcements,
    add_congress,
    add_compilations,
    add_recorded_decisions,
)


def fill_programme(world, scale: int) -> None:
    """Bring `world`'s organization up to `scale` times the base amount of data.

    Called again with a larger scale, it adds the difference: fill_programme(world, 1)
    then fill_programme(world, 10) gives ten base amounts.
    """
    programme = getattr(world, "programme", None)
    if programme is None:
        programme = world.programme = _prepare(world)
    todo = range(len(programme.steps), scale)
    if not todo:
        return
    act_as(world.office)
    new = [_people(world, programme, n) for n in todo]
    db.session.commit()
    for kind in KINDS:
        for number, step in zip(todo, new, strict=True):
            kind(world, programme, step, number)
        db.session.commit()
    programme.steps.extend(new)
    act_as(None)
    db.session.commit()


def _prepare(world) -> Programme:
    """Once per world: criteria sets, the award catalogue and the council's seats."""
    act_as(world.office)
    for audience in CriteriaAudience:
        criteria = CriteriaSet(
            organization_id=world.org.id,
            period_id=world.period.id,
            audience=audience,
            title=f"Tiêu chuẩn {audience}",
        )
        criteria.items = [
            CriteriaItem(title=f"Tiêu chí {n}", position=n, max_score=10) for n in range(3)
        ]
        db.session.add(criteria)
    ensure_catalogue(world.org.id)
    # One second member per organization (a world may fill two organizations).
    email = f"member2.{world.org.id}@example.vn"
    member = _user(world, email, "Thành Viên Hai", Role.COUNCIL_MEMBER, None)
    db.session.flush()
    for user, position in (
        (world.council, CouncilPosition.CHAIR),
        (member, CouncilPosition.SECRETARY),
    ):
        db.session.add(
            CouncilMember(
                organization_id=world.org.id,
                period_id=world.period.id,
                user_id=user.id,
                position=position,
                title="Phó Giám đốc",
            )
        )
    for unit in (world.unit_a, world.unit_b):
        _assign(world, unit, (world.council, member))
    db.session.commit()
    return Programme(member=member)


def _user(world, email: str, name: str, role: Role, unit: Unit | None) -> User:
    user = User(
        organization_id=world.org.id, email=email, full_name=name, password_hash=password_hash()
    )
    user.memberships.append(RoleMembership(role=role, unit_id=unit.id if unit else None))
    db.session.add(user)
    return user


def _assign(world, unit: Unit, members) -> None:
    db.session.add_all(
        CouncilAssignment(organization_id=world.org.id, user_id=m.id, unit_id=unit.id, year=year)
        for m in members
        for year in YEARS
    )


def _people(world, programme: Programme, n: int) -> Step:
    """Two new units, each with a coordinator and a staff member, assigned to the council."""
    units = [
        Unit(
            organization_id=world.org.id,
            name=f"Đơn vị thử {n:02d}-{i}",
            kind=UNIT_KINDS[(n + i) % 3],
        )
        for i in (1, 2)
    ]
    db.session.add_all(units)
    db.session.flush()
    step = Step(units, {}, {})
    for unit in units:
        step.coordinators[unit.id] = _user(
            world, f"coord.{unit.id}@example.vn", f"Điều Phối {unit.id}", Role.COORDINATOR, unit
        )
        step.staff[unit.id] = _user(
            world, f"staff.{unit.id}@example.vn", f"Cán Bộ {unit.id}", Role.STAFF, unit
        )
        _assign(world, unit, (world.council, programme.member))
    step.coordinators[world.unit_a.id] = world.coordinator_a
    step.staff[world.unit_a.id] = world.staff_a
    step.coordinators[world.unit_b.id] = world.coordinator_b
    step.staff[world.unit_b.id] = world.coordinator_b
    db.session.flush()
    return step
