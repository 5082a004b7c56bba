"""The exemplar pages as a coordinator and the Office use them: forms, errors kept."""

from __future__ import annotations

from datetime import date

from portal.exemplars import services
from portal.exemplars.evaluation import save_evaluation
from portal.exemplars.fostering import save_action
from portal.exemplars.models import (
    Exemplar,
    ExemplarEvaluation,
    ExemplarKind,
    ExemplarStatus,
    FosteringAction,
    SupportType,
)
from portal.extensions import db
from portal.notifications.models import Notification


def _new_form(world, **changes):
    form = {
        "unit_id": world.unit_a.id,
        "initial_status": "candidate",
        "kind": "collective",
        "name": "Tổ Một cửa",
        "person_user_id": "0",
        "position": "",
        "field_of_work": "Đất đai",
        "movement": "Cải cách hành chính",
        "achievements": "Giải quyết 98% hồ sơ trước hạn",
        "initiatives": "",
        "year_identified": "2025",
        "level": "unit",
        "identified_on": "",
        "year_recognised": "",
        "note": "",
    }
    form.update(changes)
    return form


def _count(model=Exemplar):
    return db.session.scalar(db.select(db.func.count(model.id)))


def test_coordinator_records_a_candidate(world, login_as):
    client = login_as(world.coordinator_a)
    response = client.post("/exemplars/new", data=_new_form(world, identified_on="2025-03-04"))
    exemplar = db.session.scalar(db.select(Exemplar))
    assert response.status_code == 302
    assert response.headers["Location"].endswith(f"/exemplars/{exemplar.id}")
    assert (exemplar.unit_id, exemplar.status, exemplar.year_identified) == (
        world.unit_a.id,
        ExemplarStatus.CANDIDATE,
        2025,
    )
    assert [(e.to_status, e.occurred_on, e.actor_id) for e in exemplar.events] == [
        (ExemplarStatus.CANDIDATE, date(2025, 3, 4), world.coordinator_a.id)
    ]
    page = client.get(f"/exemplars/{exemplar.id}").get_data(as_text=True)
    assert "Giải quyết 98% hồ sơ trước hạn" in page
    assert "Bắt đầu bồi dưỡng" in page  # the allowed next step is offered


def test_coordinator_cannot_record_in_another_unit(world, login_as):
    client = login_as(world.coordinator_a)
    response = client.post("/exemplars/new", data=_new_form(world, unit_id=world.unit_b.id))
    assert response.status_code == 200
    assert _count() == 0


def test_office_records_in_any_unit(world, login_as):
    client = login_as(world.office)
    page = client.get("/exemplars/new").get_data(as_text=True)
    assert "Phòng Môi trường" in page and "Thanh tra Sở" in page
    response = client.post("/exemplars/new", data=_new_form(world, unit_id=world.unit_b.id))
    assert response.status_code == 302
    assert db.session.scalar(db.select(Exemplar.unit_id)) == world.unit_b.id


def test_bad_input_is_shown_next_to_the_field_and_kept(world, login_as):
    client = login_as(world.coordinator_a)
    response = client.post(
        "/exemplars/new",
        data=_new_form(
            world, name="", achievements="Thành tích đã nhập", identified_on="2024-05-01"
        ),
    )
    page = response.get_data(as_text=True)
    assert response.status_code == 200
    assert "Thành tích đã nhập" in page
    assert "is-invalid" in page
    assert _count() == 0
    response = client.post("/exemplars/new", data=_new_form(world, identified_on="2024-05-01"))
    page = response.get_data(as_text=True)
    assert response.status_code == 200
    assert "Ngày phát hiện phải thuộc năm phát hiện." in page
    assert "Giải quyết 98% hồ sơ trước hạn" in page
    assert _count() == 0


def test_individual_links_only_people_of_the_unit(world, login_as):
    client = login_as(world.coordinator_a)
    wrong = client.post(
        "/exemplars/new",
        data=_new_form(
            world, kind="individual", name="Lê Văn Cường", person_user_id=world.coordinator_b.id
        ),
    )
    assert wrong.status_code == 200 and _count() == 0
    right = client.post(
        "/exemplars/new",
        data=_new_form(
            world, kind="individual", name="Trần Thị Bình", person_user_id=world.staff_a.id
        ),
    )
    assert right.status_code == 302
    assert db.session.scalar(db.select(Exemplar.person_user_id)) == world.staff_a.id


def test_record_an_already_recognised_exemplar(world, login_as):
    client = login_as(world.coordinator_a)
    response = client.post(
        "/exemplars/new",
        data=_new_form(
            world,
            initial_status="recognised",
            year_identified="2023",
            year_recognised="2024",
            level="department",
        ),
    )
    exemplar = db.session.scalar(db.select(Exemplar))
    assert response.status_code == 302
    assert (exemplar.status, exemplar.year_recognised) == (ExemplarStatus.RECOGNISED, 2024)


def test_edit_page_is_prefilled_and_saves(world, login_as, make_exemplar):
    exemplar = make_exemplar(movement="Văn hóa công sở")
    client = login_as(world.coordinator_a)
    assert "Văn hóa công sở" in client.get(f"/exemplars/{exemplar.id}/edit").get_data(as_text=True)
    form = {
        "kind": "collective",
        "name": "Tổ đổi tên",
        "person_user_id": "0",
        "year_identified": "2024",
        "level": "department",
        "movement": "Văn hóa công sở",
    }
    assert client.post(f"/exemplars/{exemplar.id}/edit", data=form).status_code == 302
    db.session.expire_all()
    assert (exemplar.name, exemplar.level.value) == ("Tổ đổi tên", "department")


def test_drop_without_reason_is_refused_with_the_message(world, login_as, make_exemplar):
    exemplar = make_exemplar(path=[ExemplarStatus.FOSTERING])
    client = login_as(world.coordinator_a)
    url = f"/exemplars/{exemplar.id}/status/dropped"
    response = client.post(url, data={"occurred_on": "2024-08-01", "note": ""})
    assert response.status_code == 200
    assert "Nhập lý do dừng theo dõi điển hình." in response.get_data(as_text=True)
    db.session.expire_all()
    assert exemplar.status == ExemplarStatus.FOSTERING
    response = client.post(url, data={"occurred_on": "2024-08-01", "note": "Chuyển công tác"})
    assert response.status_code == 302
    db.session.expire_all()
    assert (exemplar.status, exemplar.drop_reason) == (ExemplarStatus.DROPPED, "Chuyển công tác")
    page = client.get(f"/exemplars/{exemplar.id}").get_data(as_text=True)
    assert "Chuyển công tác" in page
    assert "Bắt đầu bồi dưỡng" not in page  # nothing follows a drop
    # A dropped exemplar is no longer fostered or evaluated.
    response = client.get(f"/exemplars/{exemplar.id}/actions/new", follow_redirects=True)
    assert "đã dừng theo dõi" in response.get_data(as_text=True)


def test_records_of_a_dropped_exemplar_are_not_changed(world, login_as, make_exemplar):
    exemplar = make_exemplar(path=[ExemplarStatus.FOSTERING])
    action = save_action(
        exemplar, support_type=SupportType.AWARD, description="Giấy khen", owner_name="Sở"
    )
    aspects = {"effect": 4, "effectiveness": 4, "development_potential": 4, "influence": 4}
    evaluation = save_evaluation(
        exemplar, evaluated_on=date(2024, 7, 1), evaluator=None, aspects=aspects, item_scores={}
    )
    db.session.commit()
    client = login_as(world.coordinator_a)
    links = (
        f"/exemplars/{exemplar.id}/actions/new",
        f"/exemplars/actions/{action.id}/edit",
        f"/exemplars/{exemplar.id}/evaluations/new",
        f"/exemplars/evaluations/{evaluation.id}/edit",
    )
    page = client.get(f"/exemplars/{exemplar.id}").get_data(as_text=True)
    assert all(link in page for link in links)
    services.transition(
        exemplar,
        ExemplarStatus.DROPPED,
        world.coordinator_a,
        note="Lý do",
        occurred_on=date(2024, 8, 1),
    )
    db.session.commit()
    page = client.get(f"/exemplars/{exemplar.id}").get_data(as_text=True)
    assert not any(link in page for link in links)  # the page offers no fostering either
    for url in (
        f"/exemplars/actions/{action.id}/delete",
        f"/exemplars/evaluations/{evaluation.id}/delete",
    ):
        response = client.post(url, follow_redirects=True)
        assert "đã dừng theo dõi" in response.get_data(as_text=True), url
    db.session.expire_all()
    assert db.session.get(FosteringAction, action.id) is not None
    assert db.session.get(ExemplarEvaluation, evaluation.id) is not None


def test_forbidden_transition_changes_nothing(world, login_as, make_exemplar):
    exemplar = make_exemplar()
    client = login_as(world.coordinator_a)
    response = client.post(
        f"/exemplars/{exemplar.id}/status/replicated",
        data={"occurred_on": "2024-08-01"},
        follow_redirects=True,
    )
    assert "Không thể chuyển điển hình sang trạng thái này." in response.get_data(as_text=True)
    assert client.get(f"/exemplars/{exemplar.id}/status/unknown").status_code == 404
    db.session.expire_all()
    assert exemplar.status == ExemplarStatus.CANDIDATE and len(exemplar.events) == 1


def test_transition_through_the_page_notifies_the_person(world, login_as, make_exemplar):
    exemplar = make_exemplar(
        kind=ExemplarKind.INDIVIDUAL, name="Trần Thị Bình", person=world.staff_a
    )
    client = login_as(world.coordinator_a)
    client.post(f"/exemplars/{exemplar.id}/status/fostering", data={"occurred_on": "2024-08-01"})
    note = db.session.scalar(
        db.select(Notification).where(Notification.user_id == world.staff_a.id)
    )
    assert note is not None and note.category == "exemplar_status"


def test_fostering_action_form(world, login_as, make_exemplar):
    exemplar = make_exemplar()
    client = login_as(world.coordinator_a)
    url = f"/exemplars/{exemplar.id}/actions/new"
    form = {
        "support_type": "technical",
        "description": "Cử chuyên gia hỗ trợ",
        "owner_user_id": "0",
        "owner_name": "",
        "status": "planned",
        "due_date": "2024-09-30",
    }
    response = client.post(url, data=form)
    assert response.status_code == 200
    assert "Chọn người phụ trách hoặc nhập tên." in response.get_data(as_text=True)
    assert "Cử chuyên gia hỗ trợ" in response.get_data(as_text=True)
    assert _count(FosteringAction) == 0
    response = client.post(url, data={**form, "owner_user_id": world.staff_a.id})
    assert response.status_code == 302
    action = db.session.scalar(db.select(FosteringAction))
    assert (action.owner_user_id, action.due_date) == (world.staff_a.id, date(2024, 9, 30))
    edit = {**form, "owner_user_id": world.staff_a.id, "status": "done", "outcome": "Hoàn thành"}
    assert client.post(f"/exemplars/actions/{action.id}/edit", data=edit).status_code == 302
    db.session.expire_all()
    assert action.status.value == "done" and action.completed_at is not None
    page = client.get(f"/exemplars/{exemplar.id}").get_data(as_text=True)
    assert "Cử chuyên gia hỗ trợ" in page and "Hoàn thành" in page


def test_evaluation_form_scores_each_criteria_item(world, criteria, login_as, make_exemplar):
    exemplar = make_exemplar()
    items = criteria[ExemplarKind.COLLECTIVE].items
    client = login_as(world.coordinator_a)
    url = f"/exemplars/{exemplar.id}/evaluations/new"
    page = client.get(url).get_data(as_text=True)
    assert all(item.title in page for item in items)
    form = {
        "evaluated_on": "2025-06-01",
        "effect": "4",
        "effectiveness": "5",
        "development_potential": "3",
        "influence": "4",
        "difficulties": "Thiếu kinh phí",
        "help_given": "Hỗ trợ kinh phí",
        f"item_{items[0].id}": "9",
    }
    response = client.post(url, data=form)  # a required item is missing
    assert response.status_code == 200
    assert "Thiếu kinh phí" in response.get_data(as_text=True)
    assert _count(ExemplarEvaluation) == 0
    response = client.post(url, data={**form, f"item_{items[1].id}": "11"})  # above the maximum
    assert response.status_code == 200 and _count(ExemplarEvaluation) == 0
    response = client.post(url, data={**form, f"item_{items[1].id}": "7"})
    assert response.status_code == 302
    evaluation = db.session.scalar(db.select(ExemplarEvaluation))
    assert evaluation.evaluator_user_id == world.coordinator_a.id
    assert sorted(s.score for s in evaluation.scores) == [7, 9]
    page = client.get(f"/exemplars/{exemplar.id}").get_data(as_text=True)
    assert 'id="bang-diem"' in page and "<svg" in page
    assert "4,00" in page  # the average, Vietnamese decimal comma


def test_scores_over_time_table_lists_every_evaluation(world, criteria, login_as, make_exemplar):
    exemplar = make_exemplar()
    items = criteria[ExemplarKind.COLLECTIVE].items
    client = login_as(world.coordinator_a)
    for on, effect in [("2025-03-01", "2"), ("2025-09-01", "5")]:
        client.post(
            f"/exemplars/{exemplar.id}/evaluations/new",
            data={
                "evaluated_on": on,
                "effect": effect,
                "effectiveness": "3",
                "development_potential": "3",
                "influence": "3",
                **{f"item_{i.id}": "5" for i in items},
            },
        )
    page = client.get(f"/exemplars/{exemplar.id}").get_data(as_text=True)
    table = page[page.index('id="bang-diem"') :]
    assert table.index("01/03/2025") < table.index("01/09/2025")
    assert "2,75" in table and "3,50" in table


def test_exemplar_of_a_person_who_left_the_unit_stays_editable(world, login_as, make_exemplar):
    from portal.accounts.models import RoleMembership

    exemplar = make_exemplar(
        kind=ExemplarKind.INDIVIDUAL, name="Trần Thị Bình", person=world.staff_a
    )
    db.session.execute(db.delete(RoleMembership).where(RoleMembership.user_id == world.staff_a.id))
    db.session.commit()
    client = login_as(world.coordinator_a)
    form = {
        "kind": "individual",
        "name": "Trần Thị Bình",
        "person_user_id": world.staff_a.id,
        "year_identified": "2024",
        "level": "unit",
        "position": "Nguyên chuyên viên",
    }
    assert client.post(f"/exemplars/{exemplar.id}/edit", data=form).status_code == 302
    db.session.expire_all()
    assert (exemplar.person_user_id, exemplar.position) == (world.staff_a.id, "Nguyên chuyên viên")
    other = {**form, "person_user_id": world.coordinator_b.id}
    assert client.post(f"/exemplars/{exemplar.id}/edit", data=other).status_code == 200
