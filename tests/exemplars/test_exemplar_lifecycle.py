"""The lifecycle rules of an exemplar, tested on the services directly."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from portal.exemplars import services
from portal.exemplars.fostering import save_action
from portal.exemplars.models import (
    Exemplar,
    ExemplarKind,
    ExemplarStatus,
    FosteringStatus,
    RecognitionLevel,
    SupportType,
)
from portal.exemplars.services import TRANSITIONS, transition
from portal.extensions import db
from portal.formatting import today_vn
from portal.notifications.models import Notification
from portal.rules import RuleError

S = ExemplarStatus


def test_transition_table_is_the_plan_lifecycle():
    assert TRANSITIONS[None] == (S.CANDIDATE, S.RECOGNISED)
    assert TRANSITIONS[S.CANDIDATE] == (S.FOSTERING, S.DROPPED)
    assert TRANSITIONS[S.FOSTERING] == (S.RECOGNISED, S.DROPPED)
    assert TRANSITIONS[S.RECOGNISED] == (S.REPLICATED, S.DROPPED)
    assert TRANSITIONS[S.REPLICATED] == (S.DROPPED,)
    assert TRANSITIONS[S.DROPPED] == ()


def test_full_path_records_each_transition_on_the_timeline(world, make_exemplar):
    exemplar = make_exemplar(year=2023)
    for status, on in [
        (S.FOSTERING, date(2023, 3, 1)),
        (S.RECOGNISED, date(2023, 12, 20)),
        (S.REPLICATED, date(2024, 5, 2)),
    ]:
        transition(exemplar, status, world.coordinator_a, occurred_on=on, note=f"ghi chú {status}")
    db.session.commit()
    steps = [(e.from_status, e.to_status, e.occurred_on, e.note) for e in exemplar.events]
    assert steps == [
        (None, S.CANDIDATE, date(2023, 1, 10), ""),
        (S.CANDIDATE, S.FOSTERING, date(2023, 3, 1), "ghi chú fostering"),
        (S.FOSTERING, S.RECOGNISED, date(2023, 12, 20), "ghi chú recognised"),
        (S.RECOGNISED, S.REPLICATED, date(2024, 5, 2), "ghi chú replicated"),
    ]
    assert exemplar.status == S.REPLICATED
    assert exemplar.year_recognised == 2023
    assert all(e.unit_id == world.unit_a.id for e in exemplar.events)


FORBIDDEN = [
    ((), S.RECOGNISED),
    ((), S.REPLICATED),
    ((), S.CANDIDATE),
    ((S.FOSTERING,), S.CANDIDATE),
    ((S.FOSTERING,), S.REPLICATED),
    ((S.FOSTERING, S.RECOGNISED), S.FOSTERING),
    ((S.DROPPED,), S.CANDIDATE),
    ((S.DROPPED,), S.FOSTERING),
    ((S.DROPPED,), S.DROPPED),
]
LIVE_PATHS = [
    (),
    (S.FOSTERING,),
    (S.FOSTERING, S.RECOGNISED),
    (S.FOSTERING, S.RECOGNISED, S.REPLICATED),
]


def test_forbidden_transitions_are_refused(world, make_exemplar):
    for n, (path, target) in enumerate(FORBIDDEN):
        exemplar = make_exemplar(name=f"Điển hình {n}", path=path)
        before = (exemplar.status, len(exemplar.events))
        with pytest.raises(RuleError):
            transition(
                exemplar, target, world.coordinator_a, note="x", occurred_on=date(2024, 7, 1)
            )
        assert (exemplar.status, len(exemplar.events)) == before, (path, target)


def test_drop_from_any_live_state_needs_a_reason(world, make_exemplar):
    for n, path in enumerate(LIVE_PATHS):
        exemplar = make_exemplar(name=f"Điển hình {n}", path=path)
        with pytest.raises(RuleError) as error:
            transition(
                exemplar, S.DROPPED, world.coordinator_a, note="   ", occurred_on=date(2024, 7, 1)
            )
        assert error.value.field == "note"
        transition(
            exemplar,
            S.DROPPED,
            world.coordinator_a,
            note="Chuyển công tác",
            occurred_on=date(2024, 7, 1),
        )
        assert exemplar.status == S.DROPPED
        assert exemplar.drop_reason == "Chuyển công tác"
        assert exemplar.events[-1].note == "Chuyển công tác"


def test_recognising_sets_the_year_from_its_date(world, make_exemplar):
    exemplar = make_exemplar(year=2023, path=[(S.FOSTERING, date(2023, 5, 1))])
    transition(exemplar, S.RECOGNISED, world.coordinator_a, occurred_on=date(2024, 2, 3))
    assert exemplar.year_recognised == 2024


def test_dates_must_not_be_in_the_future_or_before_the_last_step(world, make_exemplar):
    exemplar = make_exemplar(year=2024, path=[(S.FOSTERING, date(2024, 6, 1))])
    with pytest.raises(RuleError, match="sau hôm nay"):
        transition(
            exemplar, S.RECOGNISED, world.coordinator_a, occurred_on=today_vn() + timedelta(days=1)
        )
    with pytest.raises(RuleError) as error:
        transition(exemplar, S.RECOGNISED, world.coordinator_a, occurred_on=date(2024, 5, 31))
    assert error.value.field == "occurred_on"
    assert exemplar.status == S.FOSTERING


def test_event_records_who_acted(world, app, make_exemplar):
    exemplar = make_exemplar()
    with app.test_request_context():
        from flask_login import login_user

        login_user(world.office)  # the actor is the one given, not whoever is signed in
        event = transition(exemplar, S.FOSTERING, world.coordinator_a, occurred_on=date(2024, 7, 1))
    assert event.actor_id == world.coordinator_a.id
    assert event.created_at is not None
    assert exemplar.events[0].actor_id == world.coordinator_a.id  # recorded by make_exemplar


def test_the_services_leave_the_commit_to_the_caller(world, make_exemplar):
    exemplar = make_exemplar()
    transition(exemplar, S.FOSTERING, world.coordinator_a, occurred_on=date(2024, 7, 1))
    db.session.rollback()
    assert db.session.get(Exemplar, exemplar.id).status == S.CANDIDATE


def test_individual_status_change_notifies_the_linked_staff_member(world, make_exemplar):
    exemplar = make_exemplar(
        kind=ExemplarKind.INDIVIDUAL, name="Trần Thị Bình", person=world.staff_a
    )
    transition(
        exemplar,
        S.FOSTERING,
        world.coordinator_a,
        occurred_on=date(2024, 7, 1),
        note="Đưa vào bồi dưỡng",
    )
    db.session.commit()
    notes = db.session.scalars(
        db.select(Notification).where(Notification.user_id == world.staff_a.id)
    ).all()
    assert len(notes) == 1
    assert notes[0].category == "exemplar_status"
    assert "Đang bồi dưỡng" in notes[0].title
    assert notes[0].link == f"/exemplars/{exemplar.id}"


def test_collective_status_change_notifies_nobody(world, make_exemplar):
    exemplar = make_exemplar()
    transition(exemplar, S.FOSTERING, world.coordinator_a, occurred_on=date(2024, 7, 1))
    db.session.commit()
    assert db.session.scalar(db.select(db.func.count(Notification.id))) == 0


def test_person_must_work_in_the_exemplar_unit(world):
    with pytest.raises(RuleError) as error:
        services.create_exemplar(
            world.unit_a.id,
            world.coordinator_a,
            kind=ExemplarKind.INDIVIDUAL,
            name="Lê Văn Cường",
            person_user_id=world.coordinator_b.id,
            year_identified=2024,
        )
    assert error.value.field == "person_user_id"


def test_collective_never_keeps_a_linked_person(world):
    exemplar = services.create_exemplar(
        world.unit_a.id,
        world.coordinator_a,
        kind=ExemplarKind.COLLECTIVE,
        name="Tổ A",
        person_user_id=world.staff_a.id,
        year_identified=2024,
    )
    assert exemplar.person_user_id is None


def test_recording_an_already_recognised_exemplar(world):
    exemplar = services.create_exemplar(
        world.unit_a.id,
        world.coordinator_a,
        kind=ExemplarKind.COLLECTIVE,
        name="Chi nhánh Bố Trạch",
        year_identified=2023,
        initial_status=S.RECOGNISED,
        year_recognised=2023,
        level=RecognitionLevel.DEPARTMENT,
        identified_on=date(2023, 4, 1),
    )
    assert exemplar.status == S.RECOGNISED
    assert exemplar.year_recognised == 2023
    assert [(e.from_status, e.to_status) for e in exemplar.events] == [(None, S.RECOGNISED)]


def test_new_exemplar_cannot_start_elsewhere(world):
    for initial in (S.FOSTERING, S.REPLICATED, S.DROPPED):
        with pytest.raises(RuleError):
            services.create_exemplar(
                world.unit_a.id,
                world.coordinator_a,
                kind=ExemplarKind.COLLECTIVE,
                name="X",
                year_identified=2024,
                initial_status=initial,
            )


def test_identified_date_must_fall_in_the_year(world):
    with pytest.raises(RuleError) as error:
        services.create_exemplar(
            world.unit_a.id,
            world.coordinator_a,
            kind=ExemplarKind.COLLECTIVE,
            name="X",
            year_identified=2024,
            identified_on=date(2023, 12, 31),
        )
    assert error.value.field == "identified_on"


def test_dropping_cancels_open_fostering_actions(world, make_exemplar):
    exemplar = make_exemplar(path=[S.FOSTERING])
    open_action = save_action(
        exemplar,
        support_type=SupportType.MATERIAL,
        description="Hỗ trợ",
        owner_name="Tổ trưởng",
        status=FosteringStatus.IN_PROGRESS,
    )
    done = save_action(
        exemplar,
        support_type=SupportType.AWARD,
        description="Giấy khen",
        owner_name="Văn phòng",
        status=FosteringStatus.DONE,
    )
    transition(
        exemplar, S.DROPPED, world.coordinator_a, note="Không duy trì", occurred_on=date(2024, 8, 1)
    )
    assert open_action.status == FosteringStatus.CANCELLED
    assert "dừng theo dõi" in open_action.outcome
    assert done.status == FosteringStatus.DONE


def test_update_keeps_status_and_unit(world, make_exemplar):
    exemplar = make_exemplar(path=[S.FOSTERING])
    services.update_exemplar(
        exemplar,
        kind=ExemplarKind.COLLECTIVE,
        name="Tên mới",
        year_identified=2024,
        level=RecognitionLevel.UNIT,
        status="dropped",
        unit_id=world.unit_b.id,
    )
    assert exemplar.name == "Tên mới"
    assert exemplar.status == S.FOSTERING
    assert exemplar.unit_id == world.unit_a.id
