"""Award decisions of the sample programme: per base amount, one issued decision for
every unit (the unit itself, its coordinator, one of its exemplars) and one draft."""

from __future__ import annotations

from datetime import date

from portal.awards.models import (
    AwardDecision,
    AwardLevel,
    AwardRecipient,
    DecisionSource,
    DecisionStatus,
)
from portal.exemplars.models import ExemplarKind
from portal.extensions import db
from portal.textsearch import fold
from sampledata.programme_units import YEARS, Step, units_of


def _recipient(unit, kind, name, **ids) -> AwardRecipient:
    return AwardRecipient(unit_id=unit.id, kind=kind, name=name, name_key=fold(name), **ids)


def add_awards(world, programme, step: Step, n: int) -> None:
    year = YEARS[n % len(YEARS)]
    for status in (DecisionStatus.ISSUED, DecisionStatus.DRAFT):
        decision = AwardDecision(
            organization_id=world.org.id,
            number=f"{n + 1}/QĐ-{status.value}" if status == DecisionStatus.ISSUED else "",
            decided_on=date(year + 1, 1, 15),
            issuing_body="Giám đốc Sở",
            level=AwardLevel.DEPARTMENT,
            form_name="Giấy khen của Giám đốc Sở",
            year=year,
            status=status,
            source=DecisionSource.RECORDED,
        )
        for unit in units_of(world, step):
            person = step.coordinators[unit.id]
            exemplar = step.exemplars[unit.id][0]
            decision.recipients += [
                _recipient(unit, ExemplarKind.COLLECTIVE, unit.name),
                _recipient(unit, ExemplarKind.INDIVIDUAL, person.full_name, user_id=person.id),
                _recipient(
                    unit, ExemplarKind(exemplar.kind), exemplar.name, exemplar_id=exemplar.id
                ),
            ]
            for position, recipient in enumerate(decision.recipients[-3:], start=1):
                recipient.position_in_list = position
                recipient.amount_vnd = 500_000 * position
        db.session.add(decision)
