"""Fixtures of the exemplar tests: criteria sets, exemplars, a council assignment."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from portal.criteria.models import CriteriaAudience, CriteriaItem, CriteriaSet
from portal.exemplars import services
from portal.exemplars.models import ExemplarKind, ExemplarStatus
from portal.extensions import db


def _set(world, audience, titles):
    criteria_set = CriteriaSet(
        organization_id=world.org.id,
        period_id=world.period.id,
        audience=audience,
        version=1,
        title=f"Tiêu chuẩn {audience}",
    )
    for position, (title, required) in enumerate(titles, 1):
        criteria_set.items.append(
            CriteriaItem(
                position=position,
                title=title,
                weight=Decimal(position),
                max_score=10,
                required=required,
            )
        )
    db.session.add(criteria_set)
    return criteria_set


@pytest.fixture
def criteria(world):
    """Current criteria sets of the 2023-2025 period: 3 items each, the last optional."""
    sets = {
        ExemplarKind.INDIVIDUAL: _set(
            world,
            CriteriaAudience.INDIVIDUAL,
            [("Hoàn thành xuất sắc nhiệm vụ", True), ("Có sáng kiến", True), ("Học tập", False)],
        ),
        ExemplarKind.COLLECTIVE: _set(
            world,
            CriteriaAudience.COLLECTIVE,
            [
                ("Hoàn thành nhiệm vụ chính trị", True),
                ("Sức lan tỏa", True),
                ("Cải cách hành chính", False),
            ],
        ),
    }
    db.session.commit()
    return sets


@pytest.fixture
def make_exemplar(world):
    """Record an exemplar through the service and walk it along `path` (statuses)."""

    def _make(
        unit=None,
        *,
        name="Tổ Thẩm định hồ sơ",
        kind=ExemplarKind.COLLECTIVE,
        year=2024,
        person=None,
        path=(),
        field="Bảo vệ môi trường",
        identified_on=None,
        **extra,
    ):
        exemplar = services.create_exemplar(
            (unit or world.unit_a).id,
            world.coordinator_a,
            kind=kind,
            name=name,
            year_identified=year,
            person_user_id=person.id if person else None,
            field_of_work=field,
            identified_on=identified_on or date(year, 1, 10),
            **extra,
        )
        for step in path:
            status, on = step if isinstance(step, tuple) else (step, None)
            note = "Lý do" if status == ExemplarStatus.DROPPED else ""
            services.transition(
                exemplar,
                status,
                world.coordinator_a,
                occurred_on=on or date(year, 6, 1),
                note=note,
                notify_person=False,
            )
        db.session.commit()
        return exemplar

    return _make
