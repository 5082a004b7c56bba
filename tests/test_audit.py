"""The audit log: every create, update and delete is recorded with who, what and before/after."""

from __future__ import annotations

from datetime import date

from sqlalchemy import select

from portal.accounts.models import Role, RoleMembership
from portal.audit import AuditLog, act_as
from portal.exemplars.models import Exemplar, ExemplarKind, ExemplarStatus
from portal.extensions import db
from portal.organizations.models import Unit
from sampledata.world import PASSWORD, make_user
from tests.factories import make_exemplar, make_mail_message, make_organization


def _entries(object_type: str, action: str | None = None) -> list[AuditLog]:
    query = select(AuditLog).where(AuditLog.object_type == object_type)
    if action:
        query = query.where(AuditLog.action == action)
    return list(db.session.scalars(query.order_by(AuditLog.id)))


def test_create_by_a_person_is_recorded_with_actor_and_values(world, login_as):
    login_as(world.office).post(
        "/admin/units/new", data={"name": "Công đoàn Sở", "kind": "mass_organisation"}
    )
    unit = db.session.scalar(select(Unit).where(Unit.name == "Công đoàn Sở"))
    [entry] = _entries("Unit", "create")[-1:]
    assert entry.object_id == str(unit.id)
    assert entry.actor_id == world.office.id
    assert entry.organization_id == world.org.id
    assert entry.at is not None
    assert entry.changes["name"] == [None, "Công đoàn Sở"]
    assert entry.changes["kind"] == [None, "mass_organisation"]  # enums by value
    assert "created_at" not in entry.changes and "updated_at" not in entry.changes


def test_update_records_only_changed_fields_before_and_after(world, login_as):
    login_as(world.office).post(
        f"/admin/users/{world.staff_a.id}/edit",
        data={"full_name": "Trần Thị Bình", "email": "staff.a@example.vn", "position": "Phó phòng"},
    )
    [entry] = _entries("User", "update")
    assert entry.object_id == str(world.staff_a.id)
    assert entry.actor_id == world.office.id
    assert entry.changes == {"position": ["", "Phó phòng"]}


def test_update_without_change_is_not_recorded(world, login_as):
    login_as(world.office).post(
        f"/admin/users/{world.staff_a.id}/edit",
        data={"full_name": "Trần Thị Bình", "email": "staff.a@example.vn"},
    )
    assert _entries("User", "update") == []


def test_delete_is_recorded_with_the_values_before(world, login_as):
    membership = world.coordinator_a.memberships[0]
    membership_id = membership.id
    login_as(world.office).post(
        f"/admin/users/{world.coordinator_a.id}/roles/{membership_id}/remove"
    )
    [entry] = _entries("RoleMembership", "delete")
    assert entry.object_id == str(membership_id)
    assert entry.actor_id == world.office.id
    assert entry.unit_id == world.unit_a.id
    assert entry.organization_id == world.org.id
    assert entry.changes["role"] == ["coordinator", None]
    assert entry.changes["user_id"] == [world.coordinator_a.id, None]


def test_password_hash_is_never_recorded(world, login_as):
    user = make_user(world.org, "moi@example.vn", (Role.STAFF, world.unit_a))
    [created] = _entries("User", "create")[-1:]
    assert created.object_id == str(user.id)
    assert "password_hash" not in created.changes
    assert "email" in created.changes
    client = login_as(user)
    client.post(
        "/account/password",
        data={
            "current_password": PASSWORD,
            "new_password": "sen-no-giua-dam-2025",
            "confirm": "sen-no-giua-dam-2025",
        },
    )
    db.session.expire_all()
    assert user.check_password("sen-no-giua-dam-2025")
    for entry in db.session.scalars(select(AuditLog)):
        assert "password_hash" not in entry.changes
        assert "scrypt" not in str(entry.changes)


def test_unit_data_is_attributed_to_the_units_organization(world):
    exemplar = Exemplar(
        unit_id=world.unit_b.id,
        kind=ExemplarKind.INDIVIDUAL,
        name="Nguyễn Thị Hoa",
        year_identified=2024,
    )
    db.session.add(exemplar)
    db.session.commit()
    [entry] = _entries("Exemplar", "create")
    assert entry.organization_id == world.org.id
    assert entry.unit_id == world.unit_b.id
    assert entry.actor_id is None  # no one signed in: the system
    assert entry.changes["status"] == [None, ExemplarStatus.CANDIDATE.value]


def test_act_as_attributes_changes_made_outside_a_request(world):
    act_as(world.coordinator_a)
    try:
        unit = db.session.get(Unit, world.unit_a.id)
        unit.name = unit.name + " (mới)"  # loaded first, as a job does
        db.session.commit()
    finally:
        act_as(None)
    [entry] = _entries("Unit", "update")
    assert entry.actor_id == world.coordinator_a.id
    assert entry.changes["name"] == ["Phòng Môi trường", "Phòng Môi trường (mới)"]
    unit.kind = unit.kind  # no change: nothing recorded
    unit.name = "Phòng Môi trường"
    db.session.commit()
    assert len(_entries("Unit", "update")) == 2
    assert _entries("Unit", "update")[-1].actor_id is None


def test_organization_entry_belongs_to_itself(app):
    org = make_organization("Sở Xây dựng")
    [entry] = _entries("Organization", "create")
    assert entry.organization_id == org.id


def test_tables_that_opt_out_are_not_recorded(world):
    make_mail_message(body_text="x")
    assert _entries("MailMessage") == []
    assert _entries("AuditLog") == []


def test_membership_changes_carry_the_unit(world):
    world.staff_a.memberships.append(RoleMembership(role=Role.COORDINATOR, unit_id=world.unit_b.id))
    db.session.commit()
    entry = _entries("RoleMembership", "create")[-1]
    assert entry.unit_id == world.unit_b.id and entry.organization_id == world.org.id


def test_an_update_of_an_expired_object_records_the_value_before(world):
    exemplar = make_exemplar(world.unit_a, "Tổ quan trắc", status=ExemplarStatus.FOSTERING)
    db.session.expire_all()  # as after any commit: nothing is loaded
    exemplar.name = "Tổ quan trắc môi trường"
    db.session.commit()
    [entry] = _entries("Exemplar", "update")
    assert entry.changes == {"name": ["Tổ quan trắc", "Tổ quan trắc môi trường"]}


def test_a_row_removed_from_its_parent_collection_is_recorded_as_deleted(world):
    from portal.propagation.models import (
        ActivityType,
        Channel,
        PropagationActivity,
        PropagationActivityExemplar,
    )

    exemplar = make_exemplar(world.unit_a, "Tổ quan trắc", status=ExemplarStatus.FOSTERING)
    activity = PropagationActivity(
        unit_id=world.unit_a.id,
        title="Bài viết về tổ quan trắc",
        activity_type=next(iter(ActivityType)),
        channel=Channel.ONLINE,
        activity_date=date(2024, 5, 1),
    )
    activity.exemplar_links.append(
        PropagationActivityExemplar(exemplar_id=exemplar.id, unit_id=world.unit_a.id)
    )
    db.session.add(activity)
    db.session.commit()
    link_id = f"{activity.id},{exemplar.id}"

    db.session.expire_all()
    activity.exemplar_links.clear()  # delete-orphan: no session.delete() call
    db.session.commit()

    [entry] = _entries("PropagationActivityExemplar", "delete")
    assert entry.object_id == str(link_id)
    assert entry.changes["exemplar_id"] == [exemplar.id, None]


def test_progress_ticks_are_not_recorded_as_changes(world):
    from portal.compilations.models import Compilation, CompilationStatus

    compilation = Compilation(
        organization_id=world.org.id, period_id=world.period.id, kind="yearly_report", year=2024
    )
    db.session.add(compilation)
    db.session.commit()
    [created] = _entries("Compilation", "create")
    assert "progress" not in created.changes and "job_id" not in created.changes
    for percent in (10, 40, 72):
        compilation.progress = percent
        compilation.step = f"Bước {percent}"
        db.session.commit()
    assert _entries("Compilation", "update") == []
    compilation.status = CompilationStatus.RUNNING
    compilation.progress = 80
    db.session.commit()
    [update] = _entries("Compilation", "update")
    assert update.changes == {"status": ["queued", "running"]}


def test_bookkeeping_tables_are_never_audited(app):
    from sqlalchemy import Column, Integer, MetaData, Table

    from portal.audit import NOT_AUDITED_TABLES, is_audited

    class SubmissionTokenLike:  # a model of the one-time submission tokens' table
        __table__ = Table("submission_tokens", MetaData(), Column("id", Integer))

    assert "submission_tokens" in NOT_AUDITED_TABLES
    assert not is_audited(SubmissionTokenLike)
    assert is_audited(Unit) and not is_audited(AuditLog)


def test_changes_outside_a_request_or_job_carry_no_request(world):
    make_organization("Sở Công Thương")
    [entry] = _entries("Organization", "create")[-1:]
    assert entry.request_id is None
