"""Builders of congress submissions for the tests."""

from __future__ import annotations

from datetime import date

from portal.congress import services
from portal.congress.models import CongressSubmission
from portal.consideration.models import AwardTitle
from portal.exemplars.models import (
    Exemplar,
    ExemplarEvaluation,
    ExemplarKind,
    ExemplarStatus,
)
from portal.extensions import db


def make_title(org, code="BK-UBND", name="Bằng khen của Chủ tịch UBND tỉnh", order=10):
    title = AwardTitle(organization_id=org.id, code=code, name=name, sort_order=order)
    db.session.add(title)
    db.session.commit()
    return title


def make_exemplar(unit, name, kind=ExemplarKind.INDIVIDUAL, **fields):
    values = {
        "achievements": f"Hoàn thành xuất sắc nhiệm vụ; {name} dẫn đầu phong trào.",
        "initiatives": "Số hoá hồ sơ đất đai",
        "position": "Chuyên viên",
        "year_identified": 2023,
        "status": ExemplarStatus.RECOGNISED,
    }
    values.update(fields)
    exemplar = Exemplar(unit_id=unit.id, kind=kind, name=name, **values)
    db.session.add(exemplar)
    db.session.commit()
    return exemplar


def add_evaluation(exemplar, on=date(2024, 11, 20)):
    db.session.add(
        ExemplarEvaluation(
            unit_id=exemplar.unit_id,
            exemplar_id=exemplar.id,
            evaluated_on=on,
            effect=5,
            effectiveness=4,
            development_potential=4,
            influence=5,
        )
    )
    db.session.commit()


def make_submission(
    unit, period, title, exemplars, conference=date(2025, 5, 20)
) -> CongressSubmission:
    submission = services.create_submission(unit.id, period)
    services.save_conference(
        submission,
        {
            "conference_date": conference,
            "attendance": 85,
            "chaired_by": "Trưởng phòng Hoàng Văn Dũng",
            "period_summary": "Giai đoạn 2020-2025 đơn vị đã phát hiện 12 điển hình.",
        },
        [e.id for e in exemplars],
    )
    for index, exemplar in enumerate(exemplars):
        services.add_nominee(
            submission,
            services.NomineeData(
                exemplar_id=exemplar.id,
                award_title_id=title.id if index % 2 == 0 else None,
                sector_delegate=True,
                provincial_delegate=index == 0,
                reason=f"Điển hình tiêu biểu: {exemplar.name}",
                achievements="",
            ),
        )
    db.session.commit()
    return submission
