"""The demo rounds on a department whose only period is 2023-2025 (so 2025 is its
latest year): a closed round of 2024 with results and an open round of 2025."""

from __future__ import annotations

from portal.consideration import services
from portal.consideration.models import ConsiderationRound, Vote
from portal.demo.consideration import TITLE, seed
from portal.exemplars.models import ExemplarKind, ExemplarStatus
from portal.extensions import db
from tests.factories import make_exemplar, seat_council

CLOSED_TITLE, OPEN_TITLE = TITLE.format(year=2024), TITLE.format(year=2025)


def _rounds(world):
    return {
        r.title: r
        for r in db.session.scalars(
            db.select(ConsiderationRound).where(ConsiderationRound.organization_id == world.org.id)
        )
    }


def test_demo_without_exemplars_uses_staff_and_units_and_is_idempotent(world):
    seat_council(world, 3)
    seed(world.org, "pw")
    db.session.commit()
    seed(world.org, "pw")
    db.session.commit()
    rounds = _rounds(world)
    assert set(rounds) == {CLOSED_TITLE, OPEN_TITLE}
    closed, still_open = rounds[CLOSED_TITLE], rounds[OPEN_TITLE]
    assert not closed.is_open and still_open.is_open
    results = services.round_results(closed)
    assert [r.passed for r in results] == [
        True,
        True,
        False,
    ]  # 3/3 at 80%; 2/3 majority; 2/3 at 90%
    assert [r.conflict for r in results] == [0, 0, 1]
    assert closed.members[-1].absent is True
    assert len(still_open.nominations) == 3
    assert {n.nominee_user_id for n in still_open.nominations} - {None}
    assert (
        db.session.scalar(db.select(db.func.count(Vote.id)).where(Vote.round_id == still_open.id))
        == 3
    )


def test_demo_prefers_exemplars(world):
    seat_council(world, 3)
    for n, kind in enumerate([ExemplarKind.INDIVIDUAL] * 4 + [ExemplarKind.COLLECTIVE] * 2):
        make_exemplar(world.unit_a, f"Điển hình {n}", kind=kind, status=ExemplarStatus.CANDIDATE)
    seed(world.org, "pw")
    db.session.commit()
    open_round = _rounds(world)[OPEN_TITLE]
    assert all(n.exemplar_id for n in open_round.nominations)


def test_demo_skips_an_organization_without_council(world):
    seed(world.org, "pw")
    assert _rounds(world) == {}
