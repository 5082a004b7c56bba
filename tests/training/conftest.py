"""Fixtures of the training tests."""

from __future__ import annotations

from datetime import date

import pytest

from portal.extensions import db
from portal.training.models import TrainingRecord


@pytest.fixture
def make_record():
    def _make(unit, person_name="Phạm Thị Hà", **kw):
        values = {
            "course": "Bồi dưỡng nghiệp vụ công tác thi đua, khen thưởng",
            "organiser": "Ban Thi đua - Khen thưởng tỉnh Quảng Bình",
            "start_date": date(2024, 8, 12),
            "end_date": date(2024, 8, 13),
            "hours": 16,
        }
        values.update(kw)
        record = TrainingRecord(unit_id=unit.id, person_name=person_name, **values)
        db.session.add(record)
        db.session.commit()
        return record

    return _make


@pytest.fixture
def training_form():
    def _form(**overrides):
        data = {
            "person_user_id": "",
            "person_name": "Hoàng Văn Nam",
            "course": "Tập huấn kỹ năng viết tin bài tuyên truyền",
            "organiser": "Hội Nhà báo tỉnh Quảng Bình",
            "start_date": "2024-10-07",
            "end_date": "09/10/2024",
            "hours": "20,5",
            "notes": "",
        }
        data.update(overrides)
        return data

    return _form
