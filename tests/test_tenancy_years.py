"""Council reading follows the assignment: the years a council member is assigned to a
unit are the years of its records they read (portal.tenancy.COUNCIL_YEARS)."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import delete, select

from portal import tenancy
from portal.accounts.models import CouncilAssignment
from portal.annualreports.models import AnnualReport
from portal.assessments.models import SelfAssessment
from portal.exemplars.models import Exemplar, ExemplarStatus
from portal.extensions import db
from portal.inspections.models import Inspection
from tests.factories import (
    assign_council,
    make_assessment,
    make_criteria,
    make_exemplar,
    make_finding,
    make_inspection,
    make_report,
)
from tests.test_tenancy import signed_in


def _unassign(world, year: int) -> None:
    db.session.execute(
        delete(CouncilAssignment).where(
            CouncilAssignment.user_id == world.council.id, CouncilAssignment.year == year
        )
    )
    db.session.commit()


@pytest.fixture
def assigned_2024(world):
    """The council member assigned to unit A in 2024 only (and the period's criteria)."""
    make_criteria(world.period)
    assign_council(world, world.unit_a, 2024)
    return world.council


def test_assigned_in_2024_reads_the_2024_records_and_not_2025(world, assigned_2024, login_as):
    old = [make_assessment(world, year=2024), make_report(world, year=2024)]
    new = [make_assessment(world, year=2025), make_report(world, year=2025)]
    client = login_as(world.council)
    pages = {SelfAssessment: "/assessments/{}", AnnualReport: "/annual-reports/{}"}
    for record in old:
        assert client.get(pages[type(record)].format(record.id)).status_code == 200
    for record in new:
        response = client.get(pages[type(record)].format(record.id))
        assert response.status_code == 404, f"{type(record).__name__} {record.year}"
    # The Office and the unit's own people still read every year.
    for user in (world.office, world.coordinator_a):
        client = login_as(user)
        for record in new:
            assert client.get(pages[type(record)].format(record.id)).status_code == 200


def test_the_unit_stays_visible_and_the_grid_hides_the_unassigned_year(
    app, world, assigned_2024, login_as
):
    make_assessment(world, year=2024)
    hidden = make_assessment(world, year=2025)
    with signed_in(app, world.council):
        assert world.unit_a.id in tenancy.visible_unit_ids()
        assert tenancy.council_years() == {world.unit_a.id: frozenset({2024})}
        ids = set(
            db.session.scalars(tenancy.scoped(SelfAssessment).with_only_columns(SelfAssessment.id))
        )
        assert hidden.id not in ids and len(ids) == 1
    page = login_as(world.council).get(f"/assessments/?period_id={world.period.id}")
    assert page.status_code == 200
    assert f"/assessments/{hidden.id}".encode() not in page.data


def test_an_inspection_they_took_part_in_stays_visible_with_its_findings(
    world, assigned_2024, login_as
):
    attended = make_inspection(
        world, inspector=world.office, members=[world.office, world.council], day=date(2025, 3, 10)
    )
    finding = make_finding(attended)
    other = make_inspection(
        world, inspector=world.office, members=[world.office], day=date(2025, 4, 2)
    )
    _unassign(world, 2025)  # assigned for 2024 only, after taking part in 2025
    client = login_as(world.council)
    assert client.get(f"/inspections/{attended.id}").status_code == 200
    assert client.get(f"/inspections/findings/{finding.id}").status_code == 200
    assert client.get(f"/inspections/{other.id}").status_code == 404
    listed = client.get("/inspections/?year=2025").data
    assert f"/inspections/{attended.id}".encode() in listed
    assert f"/inspections/{other.id}".encode() not in listed


def test_an_exemplar_is_read_in_every_year_from_its_detection_to_its_recognition(
    app, world, assigned_2024
):
    running = make_exemplar(
        world.unit_a, "Đang bồi dưỡng", status=ExemplarStatus.FOSTERING, year_identified=2023
    )
    done = make_exemplar(world.unit_a, "Đã công nhận", year_identified=2022, year_recognised=2023)
    later = make_exemplar(world.unit_a, "Phát hiện năm 2025", year_identified=2025)
    with signed_in(app, world.council):
        ids = set(db.session.scalars(tenancy.scoped(Exemplar).with_only_columns(Exemplar.id)))
        assert ids == {running.id}
        for exemplar, expected in ((running, True), (done, False), (later, False)):
            assert tenancy.in_assigned_years(exemplar) is expected


def test_a_unit_person_who_is_also_on_the_council_reads_their_unit_every_year(app, world):
    from portal.accounts.models import Role
    from sampledata.world import make_user

    both = make_user(
        world.org,
        "ca.hai@example.vn",
        (Role.COORDINATOR, world.unit_a),
        (Role.COUNCIL_MEMBER, None),
    )
    assign_council(world, world.unit_a, 2024, member=both)
    assign_council(world, world.unit_b, 2024, member=both)
    with signed_in(app, both):
        assert tenancy.council_years() == {world.unit_b.id: frozenset({2024})}


def test_every_table_of_unit_data_says_how_its_years_are_read():
    unit_tables = {
        table.name
        for table in db.metadata.tables.values()
        if "unit_id" in table.columns and table.name not in NOT_UNIT_DATA
    }
    missing = unit_tables - set(tenancy.COUNCIL_YEARS)
    assert not missing, f"add these tables to tenancy.COUNCIL_YEARS (a rule or None): {missing}"
    for name, rule in tenancy.COUNCIL_YEARS.items():
        assert name in db.metadata.tables, name
        if isinstance(rule, tenancy.Via):
            model = _model_of(name)
            target = getattr(model, rule.to).property.mapper.class_
            assert target.__tablename__ in tenancy.COUNCIL_YEARS, (name, rule)


# Tables with a unit column that are no unit data read by unit: who holds which role
# where, council assignments themselves, nominations (the council's own work, read by
# round), reminders sent, the units' name history, the audit log (the Office's), the
# units an announcement is for.
NOT_UNIT_DATA = {
    "role_memberships",
    "council_assignments",
    "nominations",
    "reminder_deliveries",
    "unit_name_history",
    "notifications",
    "audit_log",
    "announcement_units",
}


def _model_of(table_name: str):
    for mapper in db.Model.registry.mappers:
        if getattr(mapper.class_, "__tablename__", None) == table_name:
            return mapper.class_
    raise AssertionError(table_name)


def test_in_assigned_years_checks_what_the_query_keeps(app, world, assigned_2024):
    inspection = make_inspection(
        world, inspector=world.office, members=[world.office], day=date(2024, 5, 1)
    )
    with signed_in(app, world.council):
        assert tenancy.in_assigned_years(inspection)
        kept = db.session.scalars(tenancy.scoped(Inspection).with_only_columns(Inspection.id)).all()
        assert kept == [inspection.id]
    assert db.session.scalar(select(CouncilAssignment.year)) == 2024


def test_evidence_follows_the_years_of_its_record(world, assigned_2024, login_as):
    from io import BytesIO

    from werkzeug.datastructures import FileStorage

    from portal.evidence.services import save_upload
    from tests.factories import PDF

    files = {}
    for year in (2024, 2025):
        item = make_assessment(world, year=year).items[0]
        upload = FileStorage(BytesIO(PDF), filename=f"minh-chung-{year}.pdf")
        files[year] = save_upload(upload, world.unit_a.id, "assessment_item", item.id, None)
    db.session.commit()
    client = login_as(world.council)
    assert client.get(f"/evidence/{files[2024].id}").status_code == 200
    assert client.get(f"/evidence/{files[2025].id}").status_code == 404
    assert login_as(world.coordinator_a).get(f"/evidence/{files[2025].id}").status_code == 200


def test_the_unit_home_counts_only_the_assigned_years_for_a_council_member(
    app, world, assigned_2024, login_as
):
    from portal.formatting import today_vn
    from portal.workspace.services import unit_summary

    make_exemplar(world.unit_a, "Tổ năm 2024", year_identified=2024, year_recognised=2024)
    make_exemplar(
        world.unit_a, "Tổ năm 2025", status=ExemplarStatus.FOSTERING, year_identified=2025
    )
    with signed_in(app, world.council):
        assert unit_summary(world.unit_a, today_vn()).total_exemplars == 1
    with signed_in(app, world.office):
        assert unit_summary(world.unit_a, today_vn()).total_exemplars == 2
    assert login_as(world.council).get(f"/units/{world.unit_a.id}").status_code == 200


def test_the_unit_dashboard_of_an_unassigned_year_is_404_for_a_council_member(
    world, assigned_2024, login_as
):
    client = login_as(world.council)
    base = f"/dashboards/units/{world.unit_a.id}"
    assert client.get(f"{base}?year=2024").status_code == 200
    assert client.get(f"{base}?year=2025").status_code == 404
    assert client.get(f"{base}/export.xlsx?year=2025").status_code == 404
    assert login_as(world.office).get(f"{base}?year=2025").status_code == 200
