"""Fixtures of the difficulties tests."""

from __future__ import annotations

import pytest

from portal.difficulties.models import Difficulty, DifficultyStatus
from portal.extensions import db


@pytest.fixture
def make_difficulty():
    def _make(unit, title="Thiếu kinh phí tuyên truyền điển hình", **kw):
        difficulty = Difficulty(
            unit_id=unit.id,
            title=title,
            description=kw.pop("description", "Đơn vị chưa được bố trí kinh phí."),
            status=kw.pop("status", DifficultyStatus.OPEN),
            **kw,
        )
        db.session.add(difficulty)
        db.session.commit()
        return difficulty

    return _make
