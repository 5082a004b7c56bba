"""The reminder sweep against a frozen clock: stages, recipients, content, exactly once."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select

from portal.accounts.models import Role
from portal.deadlines.models import ReminderDelivery
from portal.deadlines.services import mark_done
from portal.extensions import db
from portal.mail.models import MailMessage, MailStatus
from portal.notifications import reminders
from portal.notifications.models import EmailMode, Notification, NotificationPreference
from portal.notifications.reminders import plan_reminders, sweep_reminders
from portal.urls import set_public_address
from sampledata.world import make_user
from tests.factories import make_deadline, vn

from .helpers import all_messages, messages_to


def deliveries() -> list[ReminderDelivery]:
    return list(db.session.scalars(select(ReminderDelivery).order_by(ReminderDelivery.id)))


def sweep(now) -> None:
    sweep_reminders(now)
    db.session.expire_all()


def test_each_stage_sent_once_to_the_right_people(world):
    make_deadline(world)
    coordinators = {world.coordinator_a.email, world.coordinator_b.email}
    expected = []  # (moment, stage name, recipients)
    expected.append((vn(2025, 11, 30, 23), None, set()))
    expected.append((vn(2025, 12, 1, 7), "before_14", coordinators))
    expected.append((vn(2025, 12, 1, 15), None, set()))
    expected.append((vn(2025, 12, 8, 7), "before_7", coordinators))
    expected.append((vn(2025, 12, 14, 7), "before_1", coordinators))
    expected.append((vn(2025, 12, 15, 7), "due", coordinators | {world.office.email}))
    expected.append((vn(2025, 12, 21, 7), None, set()))
    expected.append((vn(2025, 12, 22, 7), "overdue_w1", coordinators | {world.office.email}))
    expected.append((vn(2025, 12, 29, 7), "overdue_w2", coordinators | {world.office.email}))
    seen = 0
    for moment, stage, recipients in expected:
        sweep(moment)
        new = all_messages()[seen:]
        seen += len(new)
        assert {m.recipient_email for m in new} == recipients, (moment, stage)
        assert len(new) == len(recipients)
        if stage:
            rows = deliveries()[-len(new) :]
            assert {r.stage for r in rows} == {f"{stage}:2025-12-15"}
            category = "reminder" if stage.startswith("before") else "escalation"
            assert {m.category for m in new} == {category}
    # Staff, viewers, council members and the other organization are never reminded.
    for person in (world.staff_a, world.viewer, world.council, world.foreign_office):
        assert messages_to(person.email) == []


def test_email_names_unit_item_due_date_and_links_absolutely(world, app):
    app.config["PORTAL_BASE_URL"] = "https://thidua.example.vn"
    set_public_address(app.config)
    make_deadline(world, title="Báo cáo sơ kết 6 tháng", units=[world.unit_a])
    sweep(vn(2025, 12, 8, 7))
    (message,) = messages_to(world.coordinator_a.email)
    assert "[Nhắc hạn]" in message.subject
    assert "Phòng Môi trường" in message.subject and "15/12/2025" in message.subject
    for body in (message.body_text, message.body_html):
        assert "Báo cáo sơ kết 6 tháng" in body
        assert "Phòng Môi trường" in body
        assert "15/12/2025 lúc 17:00" in body
        assert "còn 7 ngày" in body
        assert "https://thidua.example.vn/" in body
    assert message.recipient_user_id == world.coordinator_a.id
    note = db.session.scalar(
        select(Notification).where(Notification.user_id == world.coordinator_a.id)
    )
    assert note.mail_message_id == message.id and note.category == "reminder"
    assert note.link.startswith("/") and note.read_at is None


def test_escalation_tells_the_office_which_unit_is_late(world):
    make_deadline(world, units=[world.unit_b])
    sweep(vn(2025, 12, 18, 9))
    (message,) = messages_to(world.office.email)
    assert message.subject.startswith("[Quá hạn 3 ngày]")
    assert "Thanh tra Sở" in message.body_text
    assert "theo dõi, đôn đốc" in message.body_text
    assert messages_to(world.coordinator_a.email) == []  # unit_a is not concerned


def test_two_sweeps_in_a_row_send_each_reminder_once(world):
    make_deadline(world)
    sweep(vn(2025, 12, 15, 8))
    first = len(all_messages())
    sweep(vn(2025, 12, 15, 8))
    sweep(vn(2025, 12, 15, 9))
    assert first == 3 == len(all_messages())
    assert len(deliveries()) == 3


def test_completion_stops_reminders(world):
    deadline = make_deadline(world)
    sweep(vn(2025, 12, 8, 7))
    mark_done(deadline, world.unit_a.id, world.office)
    sweep(vn(2025, 12, 14, 7))
    sweep(vn(2025, 12, 15, 7))
    a_stages = [m.subject for m in messages_to(world.coordinator_a.email)]
    assert len(a_stages) == 1  # only the 7-day reminder, before it was done
    assert len(messages_to(world.coordinator_b.email)) == 3
    # The Office hears about unit_b only.
    (escalation,) = messages_to(world.office.email)
    assert "1 đơn vị chưa hoàn thành" in escalation.subject
    assert "Thanh tra Sở" in escalation.body_text
    assert "Phòng Môi trường" not in escalation.body_text


def test_disabled_and_finished_deadlines_send_nothing(world):
    make_deadline(world, reminders_enabled=False)
    sweep(vn(2025, 12, 8, 7))
    assert all_messages() == []


def test_custom_schedule_per_deadline(world):
    make_deadline(world, remind_days_before="3", escalate=False)
    for day in (1, 8, 12, 15, 22):
        sweep(vn(2025, 12, day, 8))
    assert {m.subject.split("]")[0] for m in all_messages()} == {"[Nhắc hạn"}
    assert len(all_messages()) == 2  # 12/12 only, to both coordinators


def test_moved_deadline_reminds_again(world):
    deadline = make_deadline(world, units=[world.unit_a])
    sweep(vn(2025, 12, 8, 7))
    deadline.due_at = vn(2025, 12, 22, 17)
    db.session.commit()
    sweep(vn(2025, 12, 15, 7))
    assert len(messages_to(world.coordinator_a.email)) == 2


def test_inactive_coordinator_is_not_reminded(world):
    world.coordinator_b.active = False
    db.session.commit()
    make_deadline(world)
    sweep(vn(2025, 12, 8, 7))
    assert {m.recipient_email for m in all_messages()} == {world.coordinator_a.email}


def test_crash_half_way_then_retry_never_duplicates_nor_skips(world, monkeypatch):
    for n in range(5):
        make_user(world.org, f"thidua{n}.a@example.vn", (Role.COORDINATOR, world.unit_a))
    make_deadline(world)
    monkeypatch.setattr(reminders, "CHUNK_SIZE", 2)
    real_deliver = reminders.deliver
    calls = {"n": 0}

    def failing_deliver(*args, **kwargs):
        calls["n"] += 1
        if calls["n"] == 4:  # in the middle of the second chunk
            raise RuntimeError("worker killed")
        return real_deliver(*args, **kwargs)

    monkeypatch.setattr(reminders, "deliver", failing_deliver)
    with pytest.raises(RuntimeError):
        sweep_reminders(vn(2025, 12, 8, 7))
    db.session.rollback()
    assert len(deliveries()) == 2 == len(all_messages())  # the first chunk only
    monkeypatch.setattr(reminders, "deliver", real_deliver)
    sweep(vn(2025, 12, 8, 7))
    recipients = [m.recipient_email for m in all_messages()]
    assert len(recipients) == 7 == len(set(recipients))  # 6 for unit_a, 1 for unit_b
    assert len(deliveries()) == 7


def test_digest_reader_gets_notification_now_and_no_email(world):
    db.session.add(
        NotificationPreference(
            user_id=world.coordinator_a.id, email_mode=EmailMode.DIGEST, muted_categories=[]
        )
    )
    db.session.commit()
    make_deadline(world)
    sweep(vn(2025, 12, 8, 7))
    assert messages_to(world.coordinator_a.email) == []
    note = db.session.scalar(
        select(Notification).where(Notification.user_id == world.coordinator_a.id)
    )
    assert note.email_pending and note.mail_message_id is None
    # Escalations are not held for the digest.
    sweep(vn(2025, 12, 15, 7))
    (escalation,) = messages_to(world.coordinator_a.email)
    assert escalation.category == "escalation"


def test_muted_reminders_still_recorded_and_shown(world):
    db.session.add(
        NotificationPreference(
            user_id=world.coordinator_b.id,
            email_mode=EmailMode.IMMEDIATE,
            muted_categories=["reminder"],
        )
    )
    db.session.commit()
    make_deadline(world)
    sweep(vn(2025, 12, 8, 7))
    sweep(vn(2025, 12, 8, 8))
    assert messages_to(world.coordinator_b.email) == []
    notes = db.session.scalars(
        select(Notification).where(Notification.user_id == world.coordinator_b.id)
    ).all()
    assert len(notes) == 1 and not notes[0].email_pending
    assert sum(1 for d in deliveries() if d.recipient_user_id == world.coordinator_b.id) == 1


def test_sweep_queues_batches_sent_by_the_worker(world, run_jobs):
    for n in range(4):
        make_user(world.org, f"cb{n}.b@example.vn", (Role.COORDINATOR, world.unit_b))
    make_deadline(world)
    result = sweep_reminders(vn(2025, 12, 15, 8))
    assert "7 delivered" in result
    db.session.expire_all()
    assert {m.status for m in all_messages()} == {MailStatus.QUEUED}
    run_jobs("mail")
    db.session.expire_all()
    assert {m.status for m in all_messages()} == {MailStatus.SENT}
    assert db.session.scalar(select(func.count(MailMessage.id))) == 7


def test_sweeps_enqueued_twice_run_by_real_workers_send_once(world, run_jobs):
    from portal.jobs.queues import enqueue

    make_deadline(world)
    moment = vn(2025, 12, 15, 8).isoformat()
    enqueue(sweep_reminders, moment)
    enqueue(sweep_reminders, moment)
    run_jobs("default", "mail")
    db.session.expire_all()
    messages = all_messages()
    assert len(messages) == 3
    assert {m.status for m in messages} == {MailStatus.SENT}


def test_plan_lists_office_on_escalation_only(world):
    make_deadline(world)
    before = plan_reminders(vn(2025, 12, 8, 7))
    due = plan_reminders(vn(2025, 12, 15, 7))
    assert world.office.id not in {r.user_id for r in before}
    assert world.office.id in {r.user_id for r in due}
