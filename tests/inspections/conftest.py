"""A scene for the route tests: unit A inspected by the assigned council member
(one finding owned by A's coordinator), unit B inspected by the Office, and an
inspection of the foreign organization."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import pytest

from portal.extensions import db
from portal.inspections import services as records
from portal.inspections.models import Inspection, InspectionFinding
from tests.factories import make_finding, make_inspection


@dataclass
class Scene:
    insp_a: Inspection
    finding_a: InspectionFinding
    insp_b: Inspection
    finding_b: InspectionFinding
    foreign: Inspection
    foreign_finding: InspectionFinding


@pytest.fixture
def scene(world) -> Scene:
    insp_a = make_inspection(world, world.unit_a, world.council, date(2025, 3, 10))
    finding_a = make_finding(
        insp_a, action_owner_user_id=world.coordinator_a.id, action_owner_name=""
    )
    insp_b = make_inspection(world, world.unit_b, world.office, date(2025, 4, 2))
    finding_b = make_finding(insp_b)
    foreign = records.record_inspection(
        world.foreign_office,
        world.foreign_unit,
        inspection_date=date(2025, 5, 5),
        scope=["reports"],
        method="online",
        summary="Khác.",
        member_ids=[world.foreign_office.id],
    )
    db.session.commit()
    foreign_finding = make_finding(foreign)
    return Scene(insp_a, finding_a, insp_b, finding_b, foreign, foreign_finding)
