"""Award decisions of the sample programme: per base amount, one issued decision for
every unit (the unit itself, its coordinator, one of its exemplars) and one draft; and,
made through the award services, an issued decision with an amendment and two drafts
naming unit A, its coordinator, unit B and the step's exemplars."""

from __future__ import annotations

from datetime import date

from portal.awards import services as awards
from portal.awards.amendments import add_amendment
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


def add_recorded_decisions(world, programme, step: Step, n: int) -> None:
    for k, level in enumerate((AwardLevel.PROVINCE, AwardLevel.DEPARTMENT, AwardLevel.MINISTRY)):
        data = awards.DecisionInput(
            number=f"{100 * n + k + 1}/QĐ-UBND",
            decided_on=date(2025, 1, 10 + k),
            issuing_body="Chủ tịch UBND tỉnh" if k == 0 else f"Cơ quan {k}",
            level=level,
            signer_name="Trần Thắng",
            signer_position="Chủ tịch",
            award_title_id=None,
            form_name="Bằng khen",
            year=2024,
            summary="Căn cứ đề nghị của Hội đồng.",
        )
        decision = awards.record_decision(world.org.id, data, world.office, DecisionSource.RECORDED)
        targets = [f"unit:{world.unit_a.id}", f"user:{world.coordinator_a.id}"]
        targets += [f"unit:{world.unit_b.id}"]
        targets += [
            f"exemplar:{e.id}" for unit in step.new_units for e in step.exemplars[unit.id][:1]
        ]
        for target in targets:
            awards.add_recipient(decision, target, amount_vnd=500_000)
        if k == 0:
            awards.issue_decision(decision, data.number, data.decided_on, world.office)
            recipient = decision.recipients[0]
            add_amendment(
                decision,
                world.office,
                date(2025, 2, 1),
                "Sai số tiền",
                f"recipient:{recipient.id}:amount_vnd",
                "600.000",
            )
