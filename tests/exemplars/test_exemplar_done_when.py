"""The issue's "done when", first half, through the routes: a coordinator records an
emerging candidate, fosters it with two actions, evaluates it twice, recognises it;
the quota view shows the unit at 1; another unit's coordinator sees none of it."""

from __future__ import annotations

import io
from io import BytesIO

from openpyxl import load_workbook

from portal.criteria.models import CriteriaItem, CriteriaSet
from portal.evidence.models import Attachment
from portal.exemplars.models import Exemplar, ExemplarEvaluation, ExemplarStatus, FosteringAction
from portal.extensions import db

NAME = "Tổ Số hóa hồ sơ môi trường"
PDF = b"%PDF-1.4\n%%EOF\n"


def _office_defines_criteria(world, client):
    assert client.post(f"/criteria/periods/{world.period.id}/sets").status_code == 302
    collective = db.session.scalar(
        db.select(CriteriaSet).where(CriteriaSet.audience == "collective")
    )
    for title, required in [
        ("Hoàn thành xuất sắc nhiệm vụ", "y"),
        ("Sức lan tỏa", "y"),
        ("Cải cách hành chính", ""),
    ]:
        form = {"title": title, "guidance": "", "weight": "1", "max_score": "10"}
        if required:
            form["required"] = required
        assert (
            client.post(f"/criteria/sets/{collective.id}/items/new", data=form).status_code == 302
        )
    return [item.id for item in collective.items]


def _evaluate(client, exemplar_id, on, items, score):
    form = {
        "evaluated_on": on,
        "effect": score,
        "effectiveness": score,
        "development_potential": score,
        "influence": score,
        "difficulties": "Nhân lực còn mỏng",
        "help_given": "Bố trí thêm cán bộ hỗ trợ",
    }
    form.update({f"item_{item_id}": "8" for item_id in items[:2]})
    return client.post(f"/exemplars/{exemplar_id}/evaluations/new", data=form)


def test_done_when_first_half(world, login_as):
    items = _office_defines_criteria(world, login_as(world.office))

    coordinator = login_as(world.coordinator_a)
    response = coordinator.post(
        "/exemplars/new",
        data={
            "unit_id": world.unit_a.id,
            "initial_status": "candidate",
            "kind": "collective",
            "name": NAME,
            "person_user_id": "0",
            "field_of_work": "Bảo vệ môi trường",
            "movement": "Cải cách hành chính, chuyển đổi số",
            "achievements": "Số hóa 2.400 hồ sơ đánh giá tác động môi trường",
            "year_identified": "2025",
            "identified_on": "2025-02-10",
            "level": "unit",
            "evidence": (io.BytesIO(PDF), "bien-ban-phat-hien.pdf"),
        },
        content_type="multipart/form-data",
    )
    assert response.status_code == 302
    exemplar = db.session.scalar(db.select(Exemplar).where(Exemplar.name == NAME))
    assert exemplar.status == ExemplarStatus.CANDIDATE

    url = f"/exemplars/{exemplar.id}"
    assert (
        coordinator.post(
            f"{url}/status/fostering",
            data={"occurred_on": "2025-03-01", "note": "Đưa vào bồi dưỡng"},
        ).status_code
        == 302
    )
    for support, description, due in [
        ("technical", "Hỗ trợ phần mềm quản lý hồ sơ", "2025-06-30"),
        ("training", "Cử đi tập huấn chuyển đổi số", "2025-09-30"),
    ]:
        response = coordinator.post(
            f"{url}/actions/new",
            data={
                "support_type": support,
                "description": description,
                "owner_user_id": world.staff_a.id,
                "owner_name": "",
                "due_date": due,
                "status": "done",
                "outcome": "Đã thực hiện",
            },
        )
        assert response.status_code == 302
    assert _evaluate(coordinator, exemplar.id, "2025-05-15", items, "3").status_code == 302
    assert _evaluate(coordinator, exemplar.id, "2025-11-20", items, "5").status_code == 302
    assert (
        coordinator.post(
            f"{url}/status/recognised",
            data={"occurred_on": "2025-12-15", "note": "Quyết định công nhận"},
        ).status_code
        == 302
    )

    db.session.expire_all()
    assert exemplar.status == ExemplarStatus.RECOGNISED and exemplar.year_recognised == 2025
    assert [e.to_status for e in exemplar.events] == [
        ExemplarStatus.CANDIDATE,
        ExemplarStatus.FOSTERING,
        ExemplarStatus.RECOGNISED,
    ]
    assert len(exemplar.fostering_actions) == 2 and len(exemplar.evaluations) == 2
    page = coordinator.get(url).get_data(as_text=True)
    assert "Hỗ trợ phần mềm quản lý hồ sơ" in page and "Cử đi tập huấn chuyển đổi số" in page
    assert "Quyết định công nhận" in page  # the note on the timeline
    assert "15/05/2025" in page and "20/11/2025" in page

    quota = login_as(world.office).get("/exemplars/quota").get_data(as_text=True)
    row = quota[quota.index(f'data-unit="{world.unit_a.id}"') :]
    assert 'data-year="2025" data-count="1" data-flag="ok"' in row[: row.index("</tr>")]

    _another_coordinator_sees_nothing(world, login_as, exemplar)


def _another_coordinator_sees_nothing(world, login_as, exemplar):
    other = login_as(world.coordinator_b)
    action_ids = db.session.scalars(db.select(FosteringAction.id)).all()
    evaluation_ids = db.session.scalars(db.select(ExemplarEvaluation.id)).all()
    attachment_id = db.session.scalar(db.select(Attachment.id))
    urls = [
        f"/exemplars/{exemplar.id}",
        f"/exemplars/{exemplar.id}/edit",
        f"/units/{world.unit_a.id}",
        f"/evidence/{attachment_id}",
    ]
    urls += [f"/exemplars/actions/{i}/edit" for i in action_ids]
    urls += [f"/exemplars/evaluations/{i}/edit" for i in evaluation_ids]
    for url in urls:
        assert other.get(url).status_code == 404, url
    for page in (
        "/exemplars/",
        f"/exemplars/?unit_id={world.unit_a.id}&q=Số+hóa",
        "/exemplars/quota",
        f"/units/{world.unit_b.id}",
    ):
        text = other.get(page).get_data(as_text=True)
        assert NAME not in text and f'data-unit="{world.unit_a.id}"' not in text, page
    sheet = load_workbook(BytesIO(other.get("/exemplars/export.xlsx").data)).active
    assert sheet.max_row == 1  # headers only
    assert db.session.scalar(db.select(db.func.count(CriteriaItem.id))) == 3
