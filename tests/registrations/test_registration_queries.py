"""The new list pages run as many queries with one registered unit as with ten: the
year's registrations and the round's choice of accepted registrations with their hints."""

from __future__ import annotations

from datetime import date

from portal.accounts.models import Role
from portal.consideration import services as consideration
from portal.extensions import db
from portal.reviews.states import ReviewAction
from sampledata.probes import count_queries
from sampledata.world import make_user
from tests.factories import (
    make_issued_award,
    make_registration,
    make_unit,
    move,
    seat_council,
)


def _queries(client, url: str) -> int:
    client.get(url)
    with count_queries() as statements:
        assert client.get(url).status_code == 200
    return len(statements)


def _registered_units(world, count: int, start: int) -> None:
    for n in range(start, start + count):
        unit = make_unit(world.org, f"Đơn vị {n:02d}")
        coordinator = make_user(
            world.org, f"dp{n}@example.vn", (Role.COORDINATOR, unit), name=f"Điều phối {n}"
        )
        registration = make_registration(
            world, unit=unit, entries=[("TTLDXS", "unit"), ("CSTD_CS", f"user:{coordinator.id}")]
        )
        make_issued_award(world, "LDTT", 2025, user=coordinator, unit=unit)
        move(registration, ReviewAction.SUBMIT, coordinator)
        move(registration, ReviewAction.ACCEPT, world.office)


def test_registration_pages_take_the_same_queries_at_scale_1_and_10(world, login_as):
    seat_council(world)
    round_ = consideration.open_round(
        world.org.id,
        world.period,
        "Bình xét 2025",
        2025,
        date(2025, 12, 18),
        opened_by=world.office,
    )
    db.session.commit()
    urls = ["/registrations/?year=2025", f"/registrations/rounds/{round_.id}/prefill"]
    _registered_units(world, 1, 0)
    client = login_as(world.office)
    small = [_queries(client, url) for url in urls]
    assert "Điều phối 0" in client.get(urls[1]).get_data(as_text=True)
    _registered_units(world, 9, 1)
    large = [_queries(client, url) for url in urls]
    prefill = client.get(urls[1]).get_data(as_text=True)
    assert "Điều phối 9" in prefill and "Đủ điều kiện theo" in prefill
    assert small == large
