"""Demo exemplars (see `exemplars_data`), recorded through the services so that the
timeline, the rules and the audit log are those of real use. Idempotent: an
exemplar already present (same unit and name) is left alone. Steps dated after
today are not recorded."""

from __future__ import annotations

from datetime import date, datetime, time

from sqlalchemy import select

from portal.accounts.models import User
from portal.audit import act_as
from portal.criteria.models import CriteriaItem
from portal.demo.department import UNITS, coordinator_email, staff_email
from portal.demo.exemplars_affiliated import EXEMPLARS as AFFILIATED_EXEMPLARS
from portal.demo.exemplars_current import EXEMPLARS as CURRENT_EXEMPLARS
from portal.demo.exemplars_data import Action, DemoExemplar, Evaluation, Step
from portal.demo.exemplars_divisions import EXEMPLARS as DIVISION_EXEMPLARS
from portal.demo.timeline import local_day
from portal.exemplars import services
from portal.exemplars.evaluation import criteria_set_for, save_evaluation
from portal.exemplars.fostering import save_action
from portal.exemplars.models import (
    Exemplar,
    ExemplarKind,
    ExemplarStatus,
    FosteringStatus,
    RecognitionLevel,
    SupportType,
)
from portal.extensions import db
from portal.formatting import VN_TZ
from portal.organizations.models import Organization, Unit


def _date(text: str) -> date:
    return datetime.strptime(text, "%d/%m/%Y").date()


def seed(org: Organization, password: str, now: datetime | None = None) -> None:
    names = {slug: name for slug, name, _kind in UNITS}
    units = {
        unit.name: unit
        for unit in db.session.scalars(select(Unit).where(Unit.organization_id == org.id))
    }
    users = {
        u.email: u for u in db.session.scalars(select(User).where(User.organization_id == org.id))
    }
    previous_actor = db.session.info.get("audit_actor_id")
    today = local_day(now)
    for spec in DIVISION_EXEMPLARS + AFFILIATED_EXEMPLARS + CURRENT_EXEMPLARS:
        unit = units.get(names.get(spec.unit, ""))
        coordinator = users.get(coordinator_email(spec.unit))
        if unit is None or coordinator is None or _date(spec.on) > today:
            continue
        person = users.get(staff_email(spec.unit, spec.staff)) if spec.staff else None
        name = person.full_name if person else spec.name
        exists = db.session.scalar(
            select(Exemplar.id).where(Exemplar.unit_id == unit.id, Exemplar.name == name)
        )
        if exists is None and name:
            act_as(coordinator)
            _record(unit, spec, name, person, coordinator, today)
    act_as(db.session.get(User, previous_actor) if previous_actor else None)
    db.session.flush()


def _record(
    unit: Unit, spec: DemoExemplar, name: str, person: User | None, coordinator: User, today
):
    exemplar = services.create_exemplar(
        unit.id,
        coordinator,
        initial_status=ExemplarStatus(spec.start),
        year_recognised=spec.year if spec.start == "recognised" else None,
        identified_on=_date(spec.on),
        kind=ExemplarKind(spec.kind),
        name=name,
        person_user_id=person.id if person else None,
        position=spec.position,
        field_of_work=spec.field_of_work,
        movement=spec.movement,
        achievements=spec.achievements,
        initiatives=spec.initiatives,
        year_identified=spec.year,
        level=RecognitionLevel(spec.level),
    )
    for step in spec.steps:
        if isinstance(step, Step):
            if _date(step.on) > today:
                break
            services.transition(
                exemplar,
                ExemplarStatus(step.status),
                coordinator,
                note=step.note,
                occurred_on=_date(step.on),
                notify_person=False,
            )
        elif isinstance(step, Action):
            _action(exemplar, step, coordinator, today)
        elif isinstance(step, Evaluation):
            if _date(step.on) > today:
                break
            _evaluation(exemplar, step, coordinator)
    return exemplar


def _action(exemplar: Exemplar, step: Action, coordinator: User, today) -> None:
    action = save_action(
        exemplar,
        support_type=SupportType(step.support),
        description=step.description,
        owner_user_id=None if step.owner_name else coordinator.id,
        owner_name=step.owner_name,
        due_date=_date(step.due) if step.due else None,
        status=FosteringStatus(step.status),
        outcome=step.outcome,
    )
    if action.completed_at is not None and step.due:
        # Finished back then, not when the demo was loaded.
        done_on = min(_date(step.due), today)
        action.completed_at = datetime.combine(done_on, time(16), tzinfo=VN_TZ)


def _evaluation(exemplar: Exemplar, step: Evaluation, coordinator: User) -> None:
    on = _date(step.on)
    criteria_set = criteria_set_for(exemplar, on)
    items: list[CriteriaItem] = list(criteria_set.items) if criteria_set else []
    scores = {
        item.id: max(0, min(item.max_score, round(item.max_score * step.quality + offset)))
        for item, offset in zip(items, _offsets(len(items)), strict=True)
    }
    effect, effectiveness, potential, influence = step.aspects
    save_evaluation(
        exemplar,
        evaluated_on=on,
        evaluator=coordinator,
        aspects={
            "effect": effect,
            "effectiveness": effectiveness,
            "development_potential": potential,
            "influence": influence,
        },
        item_scores=scores,
        difficulties=step.difficulties,
        help_given=step.help_given,
    )


def _offsets(count: int) -> list[int]:
    """Small ups and downs so the item scores of one evaluation are not all equal."""
    pattern = [1, 0, -1, 0, 1, -1, 0]
    return [pattern[i % len(pattern)] for i in range(count)]
