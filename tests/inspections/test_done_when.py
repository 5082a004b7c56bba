"""The issue's "done when", through the routes: the Office assigns two council
members to a unit; one records an inspection with two findings; the coordinator
answers both; the member closes one and sends one back."""

from __future__ import annotations

import re

from portal.extensions import db
from portal.inspections.models import FindingStatus, Inspection, ResponseKind
from portal.notifications.models import Notification
from tests.factories import pdf_file, second_member


def test_done_when(login_as, world):
    unit = world.unit_a
    first, second = world.council, second_member(world)

    # The Office assigns two council members to the unit for 2025.
    office = login_as(world.office)
    response = office.post(
        "/council/assignments",
        data={"year": 2025, "pair": [f"{unit.id}:{first.id}", f"{unit.id}:{second.id}"]},
    )
    assert response.status_code == 302

    # One of them records an inspection (both present) with evidence...
    member = login_as(first)
    response = member.post(
        f"/inspections/new?unit_id={unit.id}",
        data={
            "inspection_date": "2025-05-20",
            "method": "on_site",
            "scope": ["emulation_movements", "exemplar_detection_fostering"],
            "member_ids": [first.id, second.id],
            "plan_item_id": 0,
            "summary": "Đơn vị triển khai kế hoạch bồi dưỡng điển hình năm 2025.",
            "evidence": [pdf_file("bien-ban-kiem-tra.pdf")],
        },
        content_type="multipart/form-data",
    )
    assert response.status_code == 302
    inspection_id = int(re.search(r"/inspections/(\d+)$", response.headers["Location"])[1])

    # ... and two findings, the first owned by the unit's coordinator.
    for values in (
        {
            "severity": "minor",
            "finding": "Chưa lập sổ theo dõi bồi dưỡng điển hình.",
            "recommendation": "Lập sổ theo mẫu.",
            "corrective_action": "Lập sổ, cập nhật hằng quý.",
            "action_owner_user_id": world.coordinator_a.id,
            "due_date": "2025-07-31",
        },
        {
            "severity": "major",
            "finding": "Hồ sơ điển hình thiếu minh chứng hiệu quả sáng kiến.",
            "recommendation": "Bổ sung xác nhận.",
            "corrective_action": "Bổ sung minh chứng.",
            "action_owner_user_id": 0,
            "action_owner_name": "Tổ tổng hợp",
            "due_date": "2025-08-31",
        },
    ):
        assert (
            member.post(f"/inspections/{inspection_id}/findings/new", data=values).status_code
            == 302
        )
    inspection = db.session.get(Inspection, inspection_id)
    first_finding, second_finding = inspection.findings
    assert inspection.member_ids == {first.id, second.id}
    assert (
        db.session.scalar(
            db.select(Notification).where(
                Notification.user_id == world.coordinator_a.id,
                Notification.category == "finding_assigned",
            )
        )
        is not None
    )
    assert member.post(f"/inspections/{inspection_id}/sign-off").status_code == 302

    # The coordinator sees both on the unit's page and answers both.
    coordinator = login_as(world.coordinator_a)
    page = coordinator.get("/inspections/").get_data(as_text=True)
    assert "Chưa lập sổ theo dõi" in page and "thiếu minh chứng" in page
    for finding, body in (
        (first_finding, "Đã lập sổ theo dõi từ 01/06/2025."),
        (second_finding, "Đã bổ sung minh chứng."),
    ):
        response = coordinator.post(
            f"/inspections/findings/{finding.id}/answer",
            data={"body": body, "evidence": [pdf_file("minh-chung.pdf")]},
            content_type="multipart/form-data",
        )
        assert response.status_code == 302

    # The member closes the first and sends the second back.
    member = login_as(first)
    assert (
        member.post(
            f"/inspections/findings/{first_finding.id}/verify",
            data={"decision": "close", "comment": "Đạt."},
        ).status_code
        == 302
    )
    assert (
        member.post(
            f"/inspections/findings/{second_finding.id}/verify",
            data={"decision": "send_back", "comment": "Chưa có xác nhận của Hội đồng sáng kiến."},
        ).status_code
        == 302
    )

    db.session.expire_all()
    first_finding, second_finding = db.session.get(Inspection, inspection_id).findings
    assert first_finding.status == FindingStatus.CLOSED
    assert second_finding.status == FindingStatus.SENT_BACK
    assert [r.kind for r in second_finding.responses] == [
        ResponseKind.ANSWER,
        ResponseKind.SEND_BACK,
    ]
    # The unit still sees the one sent back among its open findings.
    page = login_as(world.coordinator_a).get("/inspections/").get_data(as_text=True)
    block = page.split("Kết luận kiểm tra chưa đóng")[1]
    assert "thiếu minh chứng" in block and "Chưa lập sổ theo dõi" not in block
