"""Difficulty pages for each role: raising, the Office's answer and queue, closing, foreign ids."""

from __future__ import annotations

import io

import pytest

from portal.difficulties.models import Difficulty, DifficultyStatus
from portal.extensions import db
from portal.notifications.models import Notification
from tests.factories import assign_council


def _get(difficulty):
    db.session.expire_all()
    return db.session.get(Difficulty, difficulty.id)


@pytest.mark.parametrize("who", ["office", "viewer", "coordinator_a", "staff_a"])
def test_readers_see_the_units_difficulties(world, login_as, make_difficulty, who):
    difficulty = make_difficulty(
        world.unit_a, status=DifficultyStatus.ANSWERED, answer="Sở đã bố trí kinh phí."
    )
    client = login_as(getattr(world, who))
    assert "Thiếu kinh phí tuyên truyền" in client.get("/difficulties/").get_data(as_text=True)
    page = client.get(f"/difficulties/{difficulty.id}")
    assert page.status_code == 200
    assert "Sở đã bố trí kinh phí." in page.get_data(as_text=True)


@pytest.mark.parametrize(
    "who", ["coordinator_b", "council", "foreign_office", "foreign_coordinator"]
)
def test_others_get_404(world, login_as, make_difficulty, who):
    difficulty = make_difficulty(world.unit_a)
    client = login_as(getattr(world, who))
    assert "Thiếu kinh phí tuyên truyền" not in client.get("/difficulties/").get_data(as_text=True)
    assert client.get(f"/difficulties/{difficulty.id}").status_code == 404
    assert client.get(f"/difficulties/{difficulty.id}/edit").status_code == 404
    assert client.post(f"/difficulties/{difficulty.id}/close").status_code == 404
    assert client.post(f"/difficulties/{difficulty.id}/delete").status_code == 404
    assert client.get(f"/difficulties/units/{world.unit_a.id}/new").status_code == 404
    if who == "foreign_office":
        response = client.post(f"/difficulties/{difficulty.id}/answer", data={"answer": "x"})
        assert response.status_code == 404
        assert "Thiếu kinh phí" not in client.get("/difficulties/open").get_data(as_text=True)
    assert _get(difficulty).status == DifficultyStatus.OPEN


@pytest.mark.parametrize("who", ["staff_a", "viewer", "council"])
def test_readers_cannot_write(world, login_as, make_difficulty, who):
    difficulty = make_difficulty(world.unit_a)
    if who == "council":  # a council member reads the years they are assigned (issue 16)
        assign_council(world, world.unit_a, difficulty.raised_at.year)
    client = login_as(getattr(world, who))
    assert client.get(f"/difficulties/{difficulty.id}").status_code == 200
    assert client.get(f"/difficulties/units/{world.unit_a.id}/new").status_code == 403
    assert (
        client.post(
            f"/difficulties/units/{world.unit_a.id}/new", data={"title": "x", "description": "y"}
        ).status_code
        == 403
    )
    assert (
        client.post(
            f"/difficulties/{difficulty.id}/edit", data={"title": "x", "description": "y"}
        ).status_code
        == 403
    )
    assert client.post(f"/difficulties/{difficulty.id}/close").status_code == 403
    assert client.post(f"/difficulties/{difficulty.id}/delete").status_code == 403
    assert (
        client.post(f"/difficulties/{difficulty.id}/answer", data={"answer": "x"}).status_code
        == 403
    )
    assert client.get("/difficulties/open").status_code == 403
    assert _get(difficulty).status == DifficultyStatus.OPEN
    assert db.session.scalar(db.select(db.func.count(Difficulty.id))) == 1


def test_raise_answer_and_close_journey(world, login_as):
    coordinator = login_as(world.coordinator_a)
    assert coordinator.get(f"/difficulties/units/{world.unit_a.id}/new").status_code == 200
    response = coordinator.post(
        f"/difficulties/units/{world.unit_a.id}/new",
        data={
            "title": "Chưa có hướng dẫn chấm điểm tiêu chuẩn",
            "description": "Đề nghị Sở hướng dẫn cách chấm điểm.",
            "evidence": (io.BytesIO(b"%PDF-1.4\n%%EOF"), "de-nghi.pdf"),
        },
        content_type="multipart/form-data",
    )
    assert response.status_code == 302
    difficulty = db.session.scalars(db.select(Difficulty)).one()
    office_notes = db.session.scalars(
        db.select(Notification.title).where(Notification.user_id == world.office.id)
    ).all()
    assert office_notes == ["Khó khăn, vướng mắc mới: Chưa có hướng dẫn chấm điểm tiêu chuẩn"]

    office = login_as(world.office)
    queue = office.get("/difficulties/open").get_data(as_text=True)
    assert "Chưa có hướng dẫn chấm điểm tiêu chuẩn" in queue and "Phòng Môi trường" in queue
    missing = office.post(f"/difficulties/{difficulty.id}/answer", data={"answer": ""})
    assert missing.status_code == 200
    assert "Vui lòng nhập nội dung trả lời." in missing.get_data(as_text=True)
    assert (
        office.post(
            f"/difficulties/{difficulty.id}/answer",
            data={"answer": "Văn phòng Sở sẽ tổ chức tập huấn."},
        ).status_code
        == 302
    )
    assert _get(difficulty).status == DifficultyStatus.ANSWERED
    assert "Chưa có hướng dẫn" not in office.get("/difficulties/open").get_data(as_text=True)

    coordinator = login_as(world.coordinator_a)
    page = coordinator.get(f"/difficulties/{difficulty.id}").get_data(as_text=True)
    assert "Văn phòng Sở sẽ tổ chức tập huấn." in page and "de-nghi.pdf" in page
    assert (
        db.session.scalar(
            db.select(db.func.count(Notification.id)).where(
                Notification.user_id == world.coordinator_a.id
            )
        )
        == 1
    )
    # Answered: no more editing; the unit closes it.
    assert (
        coordinator.post(
            f"/difficulties/{difficulty.id}/edit", data={"title": "Đổi", "description": "Đổi"}
        ).status_code
        == 302
    )
    assert _get(difficulty).title == "Chưa có hướng dẫn chấm điểm tiêu chuẩn"
    assert coordinator.post(f"/difficulties/{difficulty.id}/close").status_code == 302
    difficulty = _get(difficulty)
    assert (difficulty.status, difficulty.closed_by_id) == (
        DifficultyStatus.CLOSED,
        world.coordinator_a.id,
    )


def test_office_can_close_and_unit_can_edit_while_open(world, login_as, make_difficulty):
    difficulty = make_difficulty(world.unit_a)
    coordinator = login_as(world.coordinator_a)
    assert coordinator.get(f"/difficulties/{difficulty.id}/edit").status_code == 200
    assert (
        coordinator.post(
            f"/difficulties/{difficulty.id}/edit",
            data={"title": "Tiêu đề mới", "description": "Mô tả"},
        ).status_code
        == 302
    )
    assert _get(difficulty).title == "Tiêu đề mới"
    office = login_as(world.office)
    assert office.post(f"/difficulties/{difficulty.id}/close").status_code == 302
    assert _get(difficulty).status == DifficultyStatus.CLOSED


def test_bad_input_and_bad_file_keep_what_was_typed(world, login_as):
    client = login_as(world.coordinator_a)
    response = client.post(
        f"/difficulties/units/{world.unit_a.id}/new",
        data={"title": "", "description": "Nội dung đã gõ"},
    )
    assert response.status_code == 200
    text = response.get_data(as_text=True)
    assert "Vui lòng điền mục này." in text and "Nội dung đã gõ" in text
    response = client.post(
        f"/difficulties/units/{world.unit_a.id}/new",
        data={
            "title": "Tiêu đề",
            "description": "Nội dung",
            "evidence": (io.BytesIO(b"<html>"), "..\\..\\trang.html"),
        },
        content_type="multipart/form-data",
    )
    assert response.status_code == 200
    assert "không đúng định dạng" in response.get_data(as_text=True)
    assert db.session.scalar(db.select(db.func.count(Difficulty.id))) == 0


def test_withdraw_an_unanswered_difficulty(world, login_as, make_difficulty):
    difficulty = make_difficulty(world.unit_a)
    client = login_as(world.coordinator_a)
    assert client.post(f"/difficulties/{difficulty.id}/delete").status_code == 302
    assert db.session.scalar(db.select(db.func.count(Difficulty.id))) == 0


def test_list_filters(world, login_as, make_difficulty):
    make_difficulty(world.unit_a, "Vướng mắc A")
    make_difficulty(world.unit_b, "Vướng mắc B", status=DifficultyStatus.CLOSED)
    client = login_as(world.office)
    text = client.get("/difficulties/?status=closed").get_data(as_text=True)
    assert "Vướng mắc B" in text and "Vướng mắc A" not in text
    text = client.get(f"/difficulties/?unit_id={world.unit_a.id}").get_data(as_text=True)
    assert "Vướng mắc A" in text and "Vướng mắc B" not in text


@pytest.mark.parametrize("url", ["/difficulties/", "/difficulties/open"])
def test_lists_run_the_same_statements_for_3_and_30_rows(
    world, login_as, make_difficulty, query_counter, url
):
    def fill(n):
        for i in range(n):
            make_difficulty(
                world.unit_a if i % 2 else world.unit_b,
                f"Vướng mắc {i}",
                raised_by_id=world.coordinator_a.id if i % 2 else world.coordinator_b.id,
            )

    fill(3)
    client = login_as(world.office)
    with query_counter() as few:
        assert client.get(url).status_code == 200
    fill(27)
    client = login_as(world.office)
    with query_counter() as many:
        assert client.get(url).status_code == 200
    assert len(few) == len(many)


@pytest.mark.parametrize(
    ("status", "answer", "actions"),
    [
        (DifficultyStatus.OPEN, "", {"edit", "delete", "close"}),
        (DifficultyStatus.OPEN, "Đã có trả lời cũ", {"edit", "close"}),
        (DifficultyStatus.ANSWERED, "Sở trả lời", {"close"}),
        (DifficultyStatus.CLOSED, "Sở trả lời", set()),
    ],
)
def test_detail_offers_only_what_the_status_allows(
    world, login_as, make_difficulty, status, answer, actions
):
    difficulty = make_difficulty(world.unit_a, status=status, answer=answer)
    page = login_as(world.coordinator_a).get(f"/difficulties/{difficulty.id}").get_data(True)
    offered = {a for a in ("edit", "delete", "close") if f"/{difficulty.id}/{a}" in page}
    assert offered == actions
