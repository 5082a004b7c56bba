"""The computed sections of an annual report, checked against records made here."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from portal.annualreports.figures import compute_figures, figures_for
from portal.annualreports.services import save_report
from portal.extensions import db
from portal.inspections.models import (
    FindingSeverity,
    FindingStatus,
    Inspection,
    InspectionFinding,
    InspectionMethod,
)
from portal.propagation.models import ActivityType, Channel, PropagationActivity
from portal.rules import RuleError
from tests.factories import make_report, move


def activity(unit, day, channel, cost, audience=None, title="Bài viết"):
    row = PropagationActivity(
        unit_id=unit.id,
        activity_date=day,
        channel=channel,
        activity_type=ActivityType.ARTICLE,
        title=title,
        cost_vnd=cost,
        audience_reached=audience,
    )
    db.session.add(row)
    db.session.commit()
    return row


def inspection(world, unit, year, findings):
    row = Inspection(
        unit_id=unit.id,
        inspection_date=date(year, 9, 12),
        year=year,
        scope=["propagation"],
        method=InspectionMethod.ON_SITE,
        summary=f"Kiểm tra năm {year}",
        lead_inspector_id=world.council.id,
    )
    for severity, status in findings:
        row.findings.append(
            InspectionFinding(
                unit_id=unit.id,
                severity=severity,
                status=status,
                finding="Chưa cập nhật hồ sơ điển hình",
                recommendation="Bổ sung hồ sơ",
            )
        )
    db.session.add(row)
    db.session.commit()
    return row


def test_exemplar_figures(world, exemplars):
    data = compute_figures(make_report(world, year=2024))["exemplars"]
    # Known by the end of 2024 in unit A: not the 2025 one, not unit B's.
    assert data["total"] == 4
    assert data["by_status"] == {
        "candidate": 1,
        "fostering": 1,
        "recognised": 1,
        "replicated": 0,
        "dropped": 1,
    }
    assert [e["name"] for e in data["identified"]] == ["Nguyễn Thu Hà", "Nhóm số hóa hồ sơ"]
    assert [e["name"] for e in data["recognised"]] == ["Tổ Quan trắc môi trường"]
    # Quota (portal.exemplars.quota): recognised in 2024 + candidates/fostering of 2024 = 3.
    assert data["quota"] == {"count": 3, "flag": "above"}


def test_quota_of_a_year_within_the_range(world, exemplars):
    data = compute_figures(make_report(world, year=2025))["exemplars"]
    assert data["quota"] == {"count": 1, "flag": "ok"}
    assert data["total"] == 5


def test_fostering_actions_done_in_the_year(world, fostering_actions):
    data = compute_figures(make_report(world, year=2024))["fostering"]
    assert data["done_count"] == 2
    assert [a["description"] for a in data["done"]] == ["Tặng giấy khen", "Hỗ trợ kinh phí"]
    assert data["done"][0]["completed_on"] == "2024-01-01"
    assert data["done"][1]["exemplar"] == "Nguyễn Thu Hà"


def test_propagation_by_channel_with_total_cost(world):
    a = world.unit_a
    activity(a, date(2024, 3, 1), Channel.TRADITIONAL, 1_500_000, 120)
    activity(a, date(2024, 11, 20), Channel.TRADITIONAL, 2_000_000, 80)
    activity(a, date(2024, 12, 31), Channel.ONLINE, None, 3000, title="Bài đăng Cổng TTĐT")
    activity(a, date(2023, 12, 31), Channel.ONLINE, 999, 1)
    activity(world.unit_b, date(2024, 5, 5), Channel.ONLINE, 777, 1)
    data = compute_figures(make_report(world, year=2024))["propagation"]
    assert data["count"] == 3
    assert data["by_channel"] == {
        "traditional": {"count": 2, "cost_vnd": 3_500_000},
        "online": {"count": 1, "cost_vnd": 0},
    }
    assert data["total_cost_vnd"] == 3_500_000
    assert data["audience"] == 3200
    assert data["items"][-1]["title"] == "Bài đăng Cổng TTĐT"


def test_inspections_and_findings_received_in_the_year(world):
    inspection(
        world,
        world.unit_a,
        2024,
        [
            (FindingSeverity.MINOR, FindingStatus.OPEN),
            (FindingSeverity.MAJOR, FindingStatus.CLOSED),
            (FindingSeverity.MINOR, FindingStatus.ANSWERED),
        ],
    )
    inspection(world, world.unit_a, 2023, [(FindingSeverity.MAJOR, FindingStatus.OPEN)])
    inspection(world, world.unit_b, 2024, [(FindingSeverity.MAJOR, FindingStatus.OPEN)])
    data = compute_figures(make_report(world, year=2024))["inspections"]
    assert data["count"] == 1 and data["findings_count"] == 3
    assert data["findings_by_severity"] == {"observation": 0, "minor": 2, "major": 1}
    assert data["findings_by_status"] == {"open": 1, "answered": 1, "closed": 1, "sent_back": 0}
    assert data["items"][0]["summary"] == "Kiểm tra năm 2024"


def test_training_hours_and_people(world):
    training = pytest.importorskip("portal.training.models")
    for person, hours, start in [
        ("Lê Thị Mai", 16, date(2024, 4, 2)),
        ("Lê Thị Mai", 8, date(2024, 9, 9)),
        ("Phan Văn Nam", 4.5, date(2024, 10, 1)),
        ("Phan Văn Nam", 40, date(2023, 10, 1)),
    ]:
        db.session.add(
            training.TrainingRecord(
                unit_id=world.unit_a.id,
                person_name=person,
                course="Nghiệp vụ thi đua, khen thưởng",
                organiser="Sở Nội vụ",
                start_date=start,
                end_date=start,
                hours=hours,
            )
        )
    db.session.commit()
    data = compute_figures(make_report(world, year=2024))["training"]
    assert (data["count"], data["people"], data["hours"]) == (3, 2, 28.5)


def test_difficulties_raised_and_answered(world):
    difficulties = pytest.importorskip("portal.difficulties.models")
    model = difficulties.Difficulty
    rows = [
        (
            "Thiếu kinh phí tuyên truyền",
            "answered",
            datetime(2024, 3, 1, tzinfo=UTC),
            datetime(2024, 4, 1, tzinfo=UTC),
        ),
        ("Chưa có mẫu hồ sơ", "open", datetime(2024, 8, 1, tzinfo=UTC), None),
        (
            "Năm trước",
            "answered",
            datetime(2023, 11, 1, tzinfo=UTC),
            datetime(2024, 1, 15, tzinfo=UTC),
        ),
    ]
    for title, status, raised, answered in rows:
        db.session.add(
            model(
                unit_id=world.unit_a.id,
                title=title,
                description=title,
                status=status,
                raised_at=raised,
                answered_at=answered,
                raised_by_id=world.coordinator_a.id,
            )
        )
    db.session.commit()
    data = compute_figures(make_report(world, year=2024))["difficulties"]
    assert (data["raised"], data["answered"], data["open"]) == (2, 2, 1)


def test_commendations_are_the_units_own_exemplars(world, exemplars):
    report = make_report(world, year=2024)
    save_report(
        report,
        {"proposals": "Đề nghị tăng kinh phí"},
        [exemplars["to_quan_trac"].id, exemplars["nguyen_thu_ha"].id],
    )
    db.session.commit()
    assert [e["name"] for e in compute_figures(report)["commendations"]] == [
        "Tổ Quan trắc môi trường",
        "Nguyễn Thu Hà",
    ]
    for foreign in (exemplars["don_vi_khac"], exemplars["bo_phan_cu"]):  # other unit, dropped
        with pytest.raises(RuleError):
            save_report(report, {}, [foreign.id])
        db.session.rollback()
    save_report(report, {}, [exemplars["nguyen_thu_ha"].id])
    db.session.commit()
    assert [c.exemplar_id for c in report.commendations] == [exemplars["nguyen_thu_ha"].id]
    assert report.proposals == "Đề nghị tăng kinh phí"


def test_accepted_report_keeps_its_figures_when_records_change(world, exemplars):
    activity(world.unit_a, date(2024, 5, 1), Channel.ONLINE, 100_000)
    report = make_report(world, year=2024)
    save_report(report, {}, [exemplars["to_quan_trac"].id])
    move(report, "submit", world.coordinator_a)
    assert figures_for(report)["propagation"]["count"] == 1  # live while under review
    move(report, "accept", world.office)
    assert report.snapshot["propagation"]["count"] == 1 and report.snapshot_at is not None
    activity(world.unit_a, date(2024, 6, 1), Channel.ONLINE, 200_000)
    exemplars["to_quan_trac"].name = "Tổ Quan trắc (đổi tên)"
    db.session.commit()
    frozen = figures_for(db.session.get(type(report), report.id))
    assert frozen["propagation"]["count"] == 1
    assert frozen["propagation"]["total_cost_vnd"] == 100_000
    assert frozen["commendations"][0]["name"] == "Tổ Quan trắc môi trường"
    assert compute_figures(report)["propagation"]["count"] == 2
    move(report, "reopen", world.office, reason="Cập nhật số liệu")
    assert report.snapshot is None
    assert figures_for(report)["propagation"]["count"] == 2


def test_figure_labels_come_from_the_capabilities(app):
    from portal.annualreports.labels import figure_label

    assert figure_label("exemplar_status", "recognised") == "Đã công nhận"
    assert figure_label("channel", "online") == "Trực tuyến"
    assert figure_label("finding_severity", "major") == "Tồn tại lớn"
    assert figure_label("difficulty_status", "answered") == "Đã trả lời"
    assert figure_label("exemplar_status", "unknown-value") == "unknown-value"
    assert figure_label("no-such-group", "x") == "x"
    assert figure_label("channel", None) == ""
