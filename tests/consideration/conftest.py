"""Fixtures of the consideration tests: a five-seat council and rounds to vote in."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import pytest

from portal.accounts.models import Role, User
from portal.consideration import services
from portal.consideration.catalogue import ensure_catalogue
from portal.consideration.models import AwardTitle, ConsiderationRound
from portal.council.models import CouncilMember, CouncilPosition
from portal.exemplars.models import ExemplarKind
from portal.extensions import db
from sampledata.world import make_user


@dataclass
class Council:
    users: list[User]

    @property
    def chair(self) -> User:
        return self.users[0]

    @property
    def secretary(self) -> User:
        return self.users[1]


def seat_council(world, size: int = 5) -> Council:
    """`world.council` chairs; the second seat is the secretary; the rest are members."""
    users = [world.council] + [
        make_user(
            world.org, f"hd{n}@example.vn", (Role.COUNCIL_MEMBER, None), name=f"Thành viên {n}"
        )
        for n in range(2, size + 1)
    ]
    positions = [CouncilPosition.CHAIR, CouncilPosition.SECRETARY]
    for index, user in enumerate(users):
        position = positions[index] if index < 2 else CouncilPosition.MEMBER
        db.session.add(
            CouncilMember(
                organization_id=world.org.id,
                period_id=world.period.id,
                user_id=user.id,
                position=position,
                title=f"Chức vụ {index + 1}",
            )
        )
    db.session.commit()
    return Council(users)


@pytest.fixture
def council(world) -> Council:
    return seat_council(world)


def title(world, code: str) -> AwardTitle:
    ensure_catalogue(world.org.id)
    return db.session.scalar(
        db.select(AwardTitle).where(
            AwardTitle.organization_id == world.org.id, AwardTitle.code == code
        )
    )


def open_round(
    world, meeting_date: date = date(2025, 3, 10), codes=("CSTD_CS",)
) -> ConsiderationRound:
    """A round with one free-name nomination per title code, staff of unit A as nominees."""
    round_ = services.open_round(
        world.org.id,
        world.period,
        "Bình xét năm 2024",
        2024,
        meeting_date,
        "Phòng họp số 1",
        opened_by=world.office,
    )
    for index, code in enumerate(codes):
        award = title(world, code)
        kind = (
            ExemplarKind.COLLECTIVE if award.audience == "collective" else ExemplarKind.INDIVIDUAL
        )
        services.add_nomination(
            round_,
            services.NomineeInput(
                award_title=award,
                nominee_name=f"Người đề nghị {index + 1}",
                nominee_kind=kind,
                unit=world.unit_a,
                achievements="Thành tích",
            ),
        )
    db.session.commit()
    return round_
