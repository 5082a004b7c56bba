"""Records of unit A (and a little of unit B) that annual-report figures are computed from."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from portal.exemplars.models import ExemplarKind, ExemplarStatus, FosteringStatus, RecognitionLevel
from portal.extensions import db
from tests.factories import make_exemplar, make_fostering_action


def exemplar(unit, name, identified, status, recognised=None, kind=ExemplarKind.COLLECTIVE):
    """Recognised ones at department level, the others at unit level."""
    return make_exemplar(
        unit,
        name,
        kind=kind,
        status=status,
        year_identified=identified,
        year_recognised=recognised,
        level=RecognitionLevel.UNIT if recognised is None else RecognitionLevel.DEPARTMENT,
    )


@pytest.fixture
def exemplars(world):
    a = world.unit_a
    rows = {
        "to_quan_trac": exemplar(
            a, "Tổ Quan trắc môi trường", 2023, ExemplarStatus.RECOGNISED, 2024
        ),
        "nguyen_thu_ha": exemplar(
            a, "Nguyễn Thu Hà", 2024, ExemplarStatus.FOSTERING, kind=ExemplarKind.INDIVIDUAL
        ),
        "nhom_so_hoa": exemplar(a, "Nhóm số hóa hồ sơ", 2024, ExemplarStatus.CANDIDATE),
        "bo_phan_cu": exemplar(a, "Bộ phận một cửa", 2023, ExemplarStatus.DROPPED),
        "sau_nay": exemplar(a, "Tổ pháp chế", 2025, ExemplarStatus.CANDIDATE),
        "don_vi_khac": exemplar(
            world.unit_b, "Đoàn thanh tra số 1", 2024, ExemplarStatus.RECOGNISED, 2024
        ),
    }
    db.session.commit()
    return rows


def fostering(exemplar_row, status, completed_at=None, description="Cử đi tập huấn"):
    return make_fostering_action(
        exemplar_row,
        description,
        status=status,
        completed_at=completed_at,
        outcome="Hoàn thành tốt",
        due_date=date(2024, 6, 30),
    )


@pytest.fixture
def fostering_actions(exemplars):
    ha = exemplars["nguyen_thu_ha"]
    return [
        fostering(
            ha, FosteringStatus.DONE, datetime(2024, 5, 10, 3, tzinfo=UTC), "Hỗ trợ kinh phí"
        ),
        # 31/12/2023 18:00 UTC is 01/01/2024 in Vietnam: counts for 2024.
        fostering(
            ha, FosteringStatus.DONE, datetime(2023, 12, 31, 18, tzinfo=UTC), "Tặng giấy khen"
        ),
        fostering(ha, FosteringStatus.DONE, datetime(2023, 6, 1, tzinfo=UTC), "Năm trước"),
        fostering(ha, FosteringStatus.IN_PROGRESS, None, "Đang làm"),
        fostering(
            exemplars["don_vi_khac"],
            FosteringStatus.DONE,
            datetime(2024, 3, 1, tzinfo=UTC),
            "Đơn vị khác",
        ),
    ]
