"""The rules of difficulties, called directly."""

from __future__ import annotations

import io
from datetime import UTC, datetime

import pytest
from flask_login import login_user
from werkzeug.datastructures import FileStorage

from portal.accounts.models import Role
from portal.difficulties import services
from portal.difficulties.models import Difficulty, DifficultyStatus
from portal.difficulties.recipients import office_users, unit_coordinators
from portal.difficulties.services import DifficultyFilters
from portal.evidence.models import Attachment
from portal.extensions import db
from portal.mail.models import MailMessage
from portal.notifications.models import Notification
from tests.factories import make_user


def _notes(user):
    return db.session.scalars(db.select(Notification).where(Notification.user_id == user.id)).all()


def test_raising_tells_the_office_only(app, world):
    second_office = make_user(world.org, "office2@example.vn", (Role.OFFICE_ADMIN, None))
    with app.test_request_context():
        login_user(world.coordinator_a)
        pdf = FileStorage(io.BytesIO(b"%PDF-1.4\n%%EOF"), filename="cong-van.pdf")
        difficulty = services.raise_difficulty(
            world.unit_a.id, " Thiếu kinh phí ", "Chi tiết", [pdf]
        )
        db.session.commit()
    assert (difficulty.title, difficulty.status) == ("Thiếu kinh phí", DifficultyStatus.OPEN)
    assert difficulty.raised_by_id == world.coordinator_a.id
    for office in (world.office, second_office):
        notes = _notes(office)
        assert [n.title for n in notes] == ["Khó khăn, vướng mắc mới: Thiếu kinh phí"]
        assert notes[0].category == "general"
        assert notes[0].link == f"/difficulties/{difficulty.id}"
    assert _notes(world.foreign_office) == [] and _notes(world.coordinator_a) == []
    assert db.session.scalar(db.select(db.func.count(MailMessage.id))) >= 2
    assert db.session.scalars(db.select(Attachment.owner_type)).all() == ["difficulty"]


def test_answer_tells_the_units_coordinators(app, world, make_difficulty):
    difficulty = make_difficulty(world.unit_a)
    with app.test_request_context():
        with pytest.raises(services.DifficultyError):
            services.answer_difficulty(difficulty, world.office, "  ")
        services.answer_difficulty(difficulty, world.office, "Sở sẽ bổ sung kinh phí quý III.")
        db.session.commit()
    assert difficulty.status == DifficultyStatus.ANSWERED
    assert (difficulty.answered_by_id, difficulty.answer) == (
        world.office.id,
        "Sở sẽ bổ sung kinh phí quý III.",
    )
    notes = _notes(world.coordinator_a)
    assert [(n.title, n.body, n.category) for n in notes] == [
        (
            "Sở đã trả lời: Thiếu kinh phí tuyên truyền điển hình",
            "Sở sẽ bổ sung kinh phí quý III.",
            "general",
        )
    ]
    assert _notes(world.staff_a) == [] and _notes(world.coordinator_b) == []


def test_close_then_nothing_more(app, world, make_difficulty):
    difficulty = make_difficulty(world.unit_a, status=DifficultyStatus.ANSWERED, answer="Đã rõ")
    with app.test_request_context():
        services.close_difficulty(difficulty, world.coordinator_a)
        db.session.commit()
        assert difficulty.status == DifficultyStatus.CLOSED and difficulty.closed_at is not None
        with pytest.raises(services.DifficultyError):
            services.close_difficulty(difficulty, world.office)
        with pytest.raises(services.DifficultyError):
            services.answer_difficulty(difficulty, world.office, "Thêm")
        with pytest.raises(services.DifficultyError):
            services.update_difficulty(difficulty, "Sửa", "Sửa")


def test_only_unanswered_difficulties_can_be_withdrawn(app, world, make_difficulty):
    answered = make_difficulty(world.unit_a, status=DifficultyStatus.ANSWERED, answer="Đã rõ")
    open_one = make_difficulty(world.unit_a, "Chưa trả lời")
    with app.test_request_context():
        with pytest.raises(services.DifficultyError):
            services.delete_difficulty(answered)
        services.delete_difficulty(open_one)
        db.session.commit()
    assert db.session.scalars(db.select(Difficulty.title)).all() == [answered.title]


def test_recipients(world):
    assert office_users(world.org.id) == [world.office]
    assert unit_coordinators(world.unit_a.id) == [world.coordinator_a]
    world.coordinator_a.active = False
    db.session.commit()
    assert unit_coordinators(world.unit_a.id) == []


def test_filters_year_is_in_vietnam_time(app, world, make_difficulty):
    # 31/12/2023 18:00 UTC is already 01/01/2024 in Vietnam.
    make_difficulty(world.unit_a, "Đầu năm 2024", raised_at=datetime(2023, 12, 31, 18, tzinfo=UTC))
    make_difficulty(
        world.unit_b,
        "Cuối năm 2023",
        raised_at=datetime(2023, 12, 31, 16, tzinfo=UTC),
        status=DifficultyStatus.CLOSED,
    )
    with app.test_request_context():
        login_user(world.office)

        def titles(**kw):
            return [
                d.title for d in db.session.scalars(services.list_query(DifficultyFilters(**kw)))
            ]

        assert titles(year=2024) == ["Đầu năm 2024"]
        assert titles(year=2023) == ["Cuối năm 2023"]
        assert titles(status=DifficultyStatus.CLOSED) == ["Cuối năm 2023"]
        assert titles(unit_id=world.unit_a.id, q="năm 2024") == ["Đầu năm 2024"]
        assert [d.title for d in db.session.scalars(services.open_queue_query())] == [
            "Đầu năm 2024"
        ]
