"""The rules of training records, called directly."""

from __future__ import annotations

from datetime import date

import pytest

from portal.extensions import db
from portal.rules import RuleError
from portal.training import services
from portal.training.models import TrainingRecord
from portal.training.services import TrainingFilters


def _data(**kw):
    values = {
        "person_user_id": None,
        "person_name": " Hoàng Văn Nam ",
        "course": "Tập huấn nghiệp vụ",
        "organiser": "Sở Nội vụ",
        "start_date": date(2024, 5, 6),
        "end_date": None,
        "hours": 8,
        "notes": "",
    }
    values.update(kw)
    return values


def test_free_name_and_one_day_course(app, world):
    with app.test_request_context():
        record = services.create_record(world.unit_a.id, _data(), world.coordinator_a)
        db.session.commit()
    assert (record.person_name, record.person_user_id) == ("Hoàng Văn Nam", None)
    assert record.end_date == record.start_date == date(2024, 5, 6)


def test_the_record_is_written_by_the_actor_given_not_the_signed_in_user(app, world):
    with app.test_request_context():
        record = services.create_record(world.unit_a.id, _data(), world.staff_a)
        record_id = record.id
        assert record.created_by_id == world.staff_a.id
        db.session.rollback()
        assert db.session.get(TrainingRecord, record_id) is None  # the service did not commit


def test_a_unit_user_gives_the_name(app, world):
    with app.test_request_context():
        record = services.create_record(
            world.unit_a.id,
            _data(person_user_id=world.staff_a.id, person_name=""),
            world.coordinator_a,
        )
    assert record.person_name == "Trần Thị Bình"


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"person_user_id": "coordinator_b"}, "person_user_id"),
        ({"person_user_id": "foreign_coordinator"}, "person_user_id"),
        ({"person_name": "  "}, "person_name"),
        ({"end_date": date(2024, 5, 1)}, "end_date"),
        ({"course": ""}, "course"),
    ],
)
def test_refusals_name_their_field(app, world, overrides, field):
    if "person_user_id" in overrides:
        overrides["person_user_id"] = getattr(world, overrides["person_user_id"]).id
    with app.test_request_context(), pytest.raises(RuleError) as error:
        services.create_record(world.unit_a.id, _data(**overrides), world.coordinator_a)
    assert error.value.field == field


def test_unit_people_are_its_coordinators_and_staff(world):
    assert [u.full_name for u in services.unit_people(world.unit_a.id)] == [
        "Nguyễn Văn An",
        "Trần Thị Bình",
    ]


def test_filters_and_totals(app, world, make_record):
    make_record(
        world.unit_a, "Người A", start_date=date(2023, 3, 1), end_date=date(2023, 3, 1), hours=4
    )
    make_record(world.unit_a, "Người B", course="Kỹ năng tuyên truyền", hours=7.5)
    make_record(world.unit_b, "Người C", organiser="Bộ Tài nguyên và Môi trường", hours=24)
    from flask_login import login_user

    with app.test_request_context():
        login_user(world.office)

        def names(**kw):
            return [
                r.person_name
                for r in db.session.scalars(services.list_query(TrainingFilters(**kw)))
            ]

        assert sorted(names()) == ["Người A", "Người B", "Người C"]
        assert sorted(names(year=2024)) == ["Người B", "Người C"]
        assert names(unit_id=world.unit_b.id) == ["Người C"]
        assert names(q="tuyên truyền") == ["Người B"]
        assert names(q="bộ tài nguyên") == ["Người C"]
        assert services.totals(TrainingFilters(year=2024)) == (2, 31.5)
        login_user(world.coordinator_b)
    assert db.session.scalar(db.select(db.func.count(TrainingRecord.id))) == 3
