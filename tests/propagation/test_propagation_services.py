"""The rules of the propagation log, called directly."""

from __future__ import annotations

import io
from datetime import date

import pytest
from werkzeug.datastructures import FileStorage

from portal.audit import AuditLog
from portal.evidence.models import Attachment
from portal.exemplars.queries import exemplar_choices
from portal.extensions import db
from portal.propagation import services
from portal.propagation.models import (
    ActivityType,
    Channel,
    PropagationActivity,
    PropagationActivityExemplar,
)
from portal.propagation.services import ActivityFilters
from portal.rules import RuleError
from tests.factories import make_exemplar

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def _data(**kw):
    values = {
        "activity_date": date(2024, 3, 8),
        "activity_type": ActivityType.ARTICLE,
        "channel": Channel.ONLINE,
        "title": "  Tin bài trên Cổng thông tin Sở  ",
        "link": "https://stnmt.quangbinh.gov.vn/tin-tuc/1",
        "audience_reached": 500,
        "cost_vnd": 1_000_000,
        "description": "",
        "partner_unit": "",
    }
    values.update(kw)
    return values


@pytest.mark.parametrize(
    "link", ["http://baoquangbinh.vn/a", "https://qbtv.vn/video?id=3", "  https://x.vn  "]
)
def test_clean_link_accepts_web_addresses(link):
    assert services.clean_link(link) == link.strip()


@pytest.mark.parametrize(
    "link", ["javascript:alert(1)", "data:text/html,hi", "ftp://x.vn/a", "www.x.vn", "https://"]
)
def test_clean_link_refuses_other_schemes(link):
    with pytest.raises(RuleError) as error:
        services.clean_link(link)
    assert error.value.field == "link"


def test_create_activity_with_featured_exemplars_and_evidence(app, world):
    first = make_exemplar(world.unit_a, "Tổ quan trắc")
    second = make_exemplar(world.unit_a, "Chị Nguyễn Thị Lan")
    with app.test_request_context():
        login_user_for_request(world.office)  # the actor is the one given, not the signed-in
        pdf = FileStorage(io.BytesIO(PDF), filename="bai-bao.pdf")
        activity = services.create_activity(
            world.unit_a.id, _data(), world.coordinator_a, [second.id, first.id], [pdf]
        )
        db.session.commit()
    activity = db.session.get(PropagationActivity, activity.id)
    assert activity.title == "Tin bài trên Cổng thông tin Sở"
    assert [e.name for e in activity.exemplars] == ["Chị Nguyễn Thị Lan", "Tổ quan trắc"]
    assert activity.created_by_id == world.coordinator_a.id
    files = db.session.scalars(db.select(Attachment)).all()
    assert [(f.owner_type, f.owner_id, f.unit_id) for f in files] == [
        ("propagation_activity", activity.id, world.unit_a.id)
    ]
    assert files[0].uploaded_by_id == world.coordinator_a.id
    links = db.session.scalars(db.select(PropagationActivityExemplar)).all()
    assert {link.unit_id for link in links} == {world.unit_a.id}
    audited = db.session.scalars(
        db.select(AuditLog.object_type).where(AuditLog.action == "create")
    ).all()
    assert "PropagationActivity" in audited
    assert audited.count("PropagationActivityExemplar") == 2


def login_user_for_request(user):
    from flask_login import login_user

    login_user(user)


def test_exemplar_of_another_unit_is_refused(app, world):
    foreign = make_exemplar(world.unit_b, "Điển hình của Thanh tra")
    with app.test_request_context(), pytest.raises(RuleError) as error:
        services.create_activity(world.unit_a.id, _data(), world.coordinator_a, [foreign.id])
    assert error.value.field == "exemplar_ids"
    db.session.rollback()
    assert db.session.scalar(db.select(db.func.count(PropagationActivity.id))) == 0


def test_unknown_exemplar_id_is_refused(app, world):
    with app.test_request_context(), pytest.raises(RuleError):
        services.create_activity(world.unit_a.id, _data(), world.coordinator_a, [987654])


def test_update_replaces_featured_exemplars(app, world):
    first = make_exemplar(world.unit_a, "A")
    second = make_exemplar(world.unit_a, "B")
    with app.test_request_context():
        activity = services.create_activity(
            world.unit_a.id, _data(), world.coordinator_a, [first.id]
        )
        db.session.commit()
        services.update_activity(activity, _data(title="Đổi tên"), world.coordinator_a, [second.id])
        db.session.commit()
    assert [e.name for e in activity.exemplars] == ["B"]
    assert db.session.scalar(db.select(db.func.count(PropagationActivityExemplar.activity_id))) == 1


def test_bad_evidence_file_is_refused_and_nothing_kept(app, world):
    with app.test_request_context():
        exe = FileStorage(io.BytesIO(b"MZ\x90\x00binary"), filename="../../virus.pdf")
        with pytest.raises(RuleError):
            services.create_activity(world.unit_a.id, _data(), world.coordinator_a, [], [exe])
        db.session.rollback()
    assert db.session.scalar(db.select(db.func.count(Attachment.id))) == 0


def test_exemplar_choices_are_the_units_own_without_dropped(app, world):
    from portal.exemplars.models import ExemplarStatus

    kept = make_exemplar(world.unit_a, "Đang bồi dưỡng", status=ExemplarStatus.FOSTERING)
    dropped = make_exemplar(world.unit_a, "Dừng theo dõi", status=ExemplarStatus.DROPPED)
    make_exemplar(world.unit_b, "Của đơn vị khác")
    assert [e.id for e in exemplar_choices(world.unit_a.id)] == [kept.id]
    with_kept = exemplar_choices(world.unit_a.id, keep_ids={dropped.id})
    assert {e.id for e in with_kept} == {kept.id, dropped.id}


def test_filters_and_totals(app, world, make_activity):
    make_activity(
        world.unit_a,
        "Bài báo 2023",
        activity_date=date(2023, 6, 1),
        cost_vnd=1_000_000,
        audience_reached=100,
    )
    make_activity(
        world.unit_a,
        "Bài đăng 2024",
        activity_date=date(2024, 6, 1),
        activity_type=ActivityType.ONLINE_POST,
        channel=Channel.ONLINE,
        cost_vnd=None,
        audience_reached=2500,
    )
    make_activity(
        world.unit_b,
        "Tham quan mô hình 2024",
        activity_date=date(2024, 12, 31),
        activity_type=ActivityType.STUDY_VISIT,
        cost_vnd=7_500_000,
        audience_reached=None,
        partner_unit="Sở TN&MT Quảng Trị",
    )
    with app.test_request_context():
        login_user_for_request(world.office)

        def titles(**kw):
            query = services.list_query(ActivityFilters(**kw))
            return [a.title for a in db.session.scalars(query)]

        assert titles() == ["Tham quan mô hình 2024", "Bài đăng 2024", "Bài báo 2023"]
        assert titles(year=2024) == ["Tham quan mô hình 2024", "Bài đăng 2024"]
        assert titles(activity_type=ActivityType.ONLINE_POST) == ["Bài đăng 2024"]
        assert titles(channel=Channel.TRADITIONAL) == ["Tham quan mô hình 2024", "Bài báo 2023"]
        assert titles(unit_id=world.unit_a.id) == ["Bài đăng 2024", "Bài báo 2023"]
        assert titles(q="quảng trị") == ["Tham quan mô hình 2024"]
        # LIKE's wildcards in the search are taken literally (no title has them).
        assert titles(q="%") == []
        assert titles(q="_") == []
        total = services.totals(ActivityFilters(year=2024))
        assert (total.count, total.cost_vnd, total.audience) == (2, 7_500_000, 2500)
        total = services.totals(ActivityFilters())
        assert (total.count, total.cost_vnd, total.audience) == (3, 8_500_000, 2600)


def test_lists_are_scoped_to_visible_units(app, world, make_activity):
    make_activity(world.unit_a, "Của Phòng Môi trường")
    make_activity(world.unit_b, "Của Thanh tra")
    with app.test_request_context():
        login_user_for_request(world.coordinator_b)
        rows = db.session.scalars(services.list_query(ActivityFilters())).all()
        assert [a.title for a in rows] == ["Của Thanh tra"]
        assert services.totals(ActivityFilters()).count == 1


def test_delete_removes_links_and_files(app, world):
    exemplar = make_exemplar(world.unit_a)
    with app.test_request_context():
        pdf = FileStorage(io.BytesIO(PDF), filename="minh-chung.pdf")
        activity = services.create_activity(
            world.unit_a.id, _data(), world.coordinator_a, [exemplar.id], [pdf]
        )
        db.session.commit()
        path = services_storage_path(activity.id)
        assert path.is_file()
        services.delete_activity(activity)
        db.session.commit()
    assert not path.exists()
    assert db.session.scalar(db.select(db.func.count(Attachment.id))) == 0
    assert db.session.scalar(db.select(db.func.count(PropagationActivityExemplar.activity_id))) == 0


def services_storage_path(activity_id):
    from portal.evidence.services import attachments_for, storage_path

    return storage_path(attachments_for(services.OWNER_TYPE, activity_id)[0])
