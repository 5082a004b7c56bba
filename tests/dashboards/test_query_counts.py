"""Every dashboard runs the same number of SQL queries with one unit as with several,
and with little data as with more: everything is grouped, nothing is per row."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

from portal.accounts.models import Role
from portal.congress import services as congress
from portal.deadlines.models import CompletionMode, DeadlineKind
from portal.extensions import db
from portal.mail.models import MailStatus
from portal.organizations.models import Unit, UnitKind
from portal.reviews.states import ReviewAction
from sampledata.world import make_user
from tests.dashboards.conftest import add_inspections, reminder
from tests.factories import (
    at,
    make_assessment,
    make_deadline,
    make_exemplar,
    make_finding,
    make_inspection,
    make_report,
    make_unit,
    move,
)

PAGES = (
    ("office", "/dashboards/?year=2024"),
    ("office", "/dashboards/export.xlsx?year=2024"),
    ("viewer", "/dashboards/?year=2024"),
    ("council", "/dashboards/council?year=2024"),
    ("council", "/dashboards/?year=2024"),
    ("coordinator_a", "/dashboards/?year=2024"),
    ("office", "/dashboards/units/{a}?year=2024"),
    ("office", "/dashboards/units/{a}/export.xlsx?year=2024"),
)


def counts(world, login_as, query_counter, redis_server) -> dict[tuple[str, str], int]:
    """The statements of each page computed afresh (no figure kept in Redis)."""
    result = {}
    for role, url in PAGES:
        client = login_as(getattr(world, role))
        url = url.format(a=world.unit_a.id)
        db.session.expire_all()  # nothing cached from the previous request
        redis_server.flushdb()
        with query_counter() as statements:
            response = client.get(url)
        assert response.status_code == 200, url
        result[(role, url)] = len(statements)
    return result


def congress_deadline(world, units: list[Unit]) -> None:
    """A congress deadline for chosen units (its targets are read too)."""
    make_deadline(
        world,
        kind=DeadlineKind.CONGRESS_SUBMISSION,
        title="Hồ sơ Đại hội",
        due_at=datetime(2025, 6, 30, 10, tzinfo=UTC),
        units=units,
        completion_mode=CompletionMode.RECORD,
    )


def fill_unit(world, unit: Unit, coordinator, n: int, records: bool = True) -> None:
    """A unit with a bit of everything the dashboards count (`records`: its yearly
    self-assessment and report, and its congress submission)."""
    from portal.exemplars.models import ExemplarKind, ExemplarStatus
    from portal.propagation.models import ActivityType, Channel, PropagationActivity

    make_exemplar(
        unit, f"Điển hình {n}", kind=ExemplarKind.INDIVIDUAL, status=ExemplarStatus.FOSTERING
    )
    make_exemplar(
        unit,
        f"Điển hình {n}b",
        kind=ExemplarKind.INDIVIDUAL,
        year_identified=2023,
        year_recognised=2024,
    )
    for channel in Channel:
        db.session.add(
            PropagationActivity(
                unit_id=unit.id,
                activity_date=date(2024, 4, n % 27 + 1),
                activity_type=ActivityType.ARTICLE,
                channel=channel,
                title=f"Tin {n}",
            )
        )
    db.session.commit()
    if records:
        assessment = make_assessment(world, unit, 2024, scores=[8, 7, 4])
        move(assessment, ReviewAction.SUBMIT, coordinator, when=at(2024, 12, 1))
        make_report(world, unit, 2024)
        congress.create_submission(unit.id, world.period)
    inspection = make_inspection(world, unit=unit, day=date(2024, 5, 10))
    make_finding(inspection, due_date=date(2024, 6, 30))
    db.session.commit()
    reminder(world, datetime.now(UTC) - timedelta(days=n), MailStatus.SENT, unit=unit)


def test_dashboards_do_not_query_per_unit_or_row(programme, login_as, query_counter, redis_server):
    world = programme.world
    world.unit_b.is_active = False  # one active unit to begin with
    congress_deadline(world, [world.unit_a])
    db.session.commit()
    before = counts(world, login_as, query_counter, redis_server)

    world.unit_b.is_active = True
    units = [world.unit_b]
    for n in range(4):
        unit = make_unit(world.org, f"Đơn vị {n}", UnitKind.AFFILIATED)
        units.append(unit)
        person = make_user(world.org, f"coord{n}@example.vn", (Role.COORDINATOR, unit))
        fill_unit(world, unit, person, n)
    # More of unit A's own data, and a congress deadline for chosen units.
    add_inspections(world)
    fill_unit(world, world.unit_a, world.coordinator_a, 9, records=False)
    congress_deadline(world, [world.unit_a, *units])
    db.session.commit()
    after = counts(world, login_as, query_counter, redis_server)
    assert after == before, {k: (before[k], after[k]) for k in before if before[k] != after[k]}
