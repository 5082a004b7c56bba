"""Award decisions of the programme: per step, an issued decision (with an amendment)
and two drafts, naming unit A, its coordinator, unit B and the step's exemplars."""

from __future__ import annotations

from datetime import date

from portal.awards import services as awards
from portal.awards.amendments import add_amendment
from portal.awards.models import AwardLevel, DecisionSource
from sampledata.programme_units import Programme, Step


def add_awards(world, programme: Programme, step: Step, n: int) -> None:
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
