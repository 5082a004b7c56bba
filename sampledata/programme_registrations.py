"""The year's title registrations of the programme: each unit's, accepted, with a line
for the unit and one for a person (issue 13, point 2)."""

from __future__ import annotations

from datetime import date

from portal.consideration.models import AwardTitle
from portal.deadlines.models import CompletionMode, Deadline, DeadlineKind
from portal.deadlines.services import due_at_from_local
from portal.extensions import db
from portal.registrations import services as registrations
from portal.reviews.services import transition
from portal.reviews.states import ReviewAction
from sampledata.programme_units import Programme, Step, units_of

YEAR = 2025  # the rounds of the programme consider 2024: their nominations need no reason


def add_registrations(world, programme: Programme, step: Step, n: int) -> None:
    if n == 0:
        _open(world)
    titles = {
        t.code: t
        for t in db.session.scalars(
            db.select(AwardTitle).where(
                AwardTitle.organization_id == world.org.id, AwardTitle.code.in_(("LDTT", "TTLDXS"))
            )
        )
    }
    units = units_of(world, step) if n == 0 else step.new_units
    for unit in units:
        registration = registrations.create_registration(unit, YEAR)
        registrations.add_entry(registration, titles["TTLDXS"], "unit")
        registrations.add_entry(registration, titles["LDTT"], f"user:{step.staff[unit.id].id}")
        transition(
            registration, ReviewAction.SUBMIT, step.coordinators[unit.id], notify_people=False
        )
        transition(registration, ReviewAction.ACCEPT, world.office, notify_people=False)


def _open(world) -> None:
    db.session.add(
        Deadline(
            organization_id=world.org.id,
            period_id=world.period.id,
            kind=DeadlineKind.REGISTRATION,
            year=YEAR,
            title=f"Đăng ký thi đua năm {YEAR}",
            due_at=due_at_from_local(date(YEAR, 1, 31), None),
            completion_mode=CompletionMode.RECORD,
        )
    )
    db.session.flush()
