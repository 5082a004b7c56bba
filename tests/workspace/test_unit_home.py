"""The unit workspace home: exemplars by status, this year's quota, open fostering
actions (overdue marked), recent events; and who may open it."""

from __future__ import annotations

from datetime import timedelta

import pytest

from portal.exemplars.fostering import save_action
from portal.exemplars.models import ExemplarStatus, FosteringStatus, SupportType
from portal.extensions import db
from portal.formatting import today_vn
from portal.workspace.services import unit_summary
from tests.factories import assign_council, record_exemplar

S = ExemplarStatus


@pytest.fixture
def unit_data(world):
    today = today_vn()
    fostered = record_exemplar(
        world.unit_a,
        name="Tổ đang bồi dưỡng",
        year=today.year,
        identified_on=today,
        path=[(S.FOSTERING, today)],
    )
    record_exemplar(world.unit_a, name="Nhân tố mới năm nay", year=today.year, identified_on=today)
    record_exemplar(world.unit_a, name="Điển hình đã dừng", year=2024, path=[(S.DROPPED, today)])
    save_action(
        fostered,
        support_type=SupportType.TECHNICAL,
        description="Hỗ trợ quá hạn",
        owner_name="Chuyên gia",
        due_date=today - timedelta(days=3),
        status=FosteringStatus.IN_PROGRESS,
    )
    save_action(
        fostered,
        support_type=SupportType.AWARD,
        description="Khen thưởng sắp tới",
        owner_user_id=world.staff_a.id,
        due_date=today + timedelta(days=30),
    )
    save_action(
        fostered,
        support_type=SupportType.MATERIAL,
        description="Việc đã xong",
        owner_name="Kế toán",
        status=FosteringStatus.DONE,
    )
    record_exemplar(world.unit_b, name="Điển hình của B", year=today.year, identified_on=today)
    db.session.commit()
    return fostered


def test_summary(world, unit_data):
    summary = unit_summary(world.unit_a, today_vn())
    assert summary.status_counts == {
        S.CANDIDATE: 1,
        S.FOSTERING: 1,
        S.RECOGNISED: 0,
        S.REPLICATED: 0,
        S.DROPPED: 1,
    }
    assert (summary.quota_count, summary.quota_flag) == (2, "ok")
    assert [a.description for a in summary.open_actions] == [
        "Hỗ trợ quá hạn",
        "Khen thưởng sắp tới",
    ]
    assert summary.overdue_count == 1
    assert {e.exemplar.name for e in summary.recent_events} == {
        "Tổ đang bồi dưỡng",
        "Nhân tố mới năm nay",
        "Điển hình đã dừng",
    }
    assert summary.recent_events[0].id > summary.recent_events[-1].id  # newest first


def test_page_shows_everything_at_a_glance(world, unit_data, login_as):
    page = login_as(world.coordinator_a).get(f"/units/{world.unit_a.id}").get_data(as_text=True)
    assert 'data-status="fostering"' in page
    assert 'id="quota" data-count="2" data-flag="ok"' in page
    assert "Đạt (1-2)" in page
    overdue_row = page[page.index('data-overdue="1"') :]
    assert "Hỗ trợ quá hạn" in overdue_row[: overdue_row.index("</tr>")]
    assert "Quá hạn" in overdue_row  # marked in words, not by colour alone
    assert "Khen thưởng sắp tới" in page and "Việc đã xong" not in page
    assert "Điển hình đã dừng" in page  # a recent event
    assert "Điển hình của B" not in page
    assert "Ghi nhận điển hình" in page  # the coordinator may add


def test_quota_flag_below_and_above(world, login_as):
    year = today_vn().year
    client = login_as(world.office)
    page = client.get(f"/units/{world.unit_b.id}").get_data(as_text=True)
    assert 'id="quota" data-count="0" data-flag="below"' in page
    for n in range(3):
        record_exemplar(world.unit_b, name=f"B{n}", year=year, identified_on=today_vn())
    db.session.commit()
    page = client.get(f"/units/{world.unit_b.id}").get_data(as_text=True)
    assert 'id="quota" data-count="3" data-flag="above"' in page


@pytest.mark.parametrize("role", ["office", "viewer", "council", "coordinator_a", "staff_a"])
def test_readers_open_unit_a(world, unit_data, council_on_a, login_as, role):
    # The council member reads the records of the years they are assigned (issue 16):
    # the exemplars above are this year's.
    assign_council(world, world.unit_a, today_vn().year)
    response = login_as(getattr(world, role)).get(f"/units/{world.unit_a.id}")
    assert response.status_code == 200
    assert "Tổ đang bồi dưỡng" in response.get_data(as_text=True)
    can_add = "Ghi nhận điển hình</a>" in response.get_data(as_text=True)
    assert can_add == (role in ("office", "coordinator_a"))


@pytest.mark.parametrize(
    "role", ["coordinator_b", "foreign_office", "foreign_coordinator", "council"]
)
def test_others_get_404(world, unit_data, login_as, role):
    # The council member here has no assignment.
    assert login_as(getattr(world, role)).get(f"/units/{world.unit_a.id}").status_code == 404


def test_council_member_not_assigned_to_b(world, council_on_a, login_as):
    assert login_as(world.council).get(f"/units/{world.unit_b.id}").status_code == 404


def test_constant_queries(world, unit_data, login_as, query_counter):
    client = login_as(world.coordinator_a)
    client.get(f"/units/{world.unit_a.id}")
    with query_counter() as few:
        client.get(f"/units/{world.unit_a.id}")
    for n in range(5):
        save_action(
            unit_data,
            support_type=SupportType.OTHER,
            description=f"Việc {n}",
            owner_user_id=world.staff_a.id,
            due_date=today_vn(),
        )
    db.session.commit()
    client.get(f"/units/{world.unit_a.id}")
    with query_counter() as many:
        client.get(f"/units/{world.unit_a.id}")
    assert len(few) == len(many)
