"""Fixtures of the difficulties tests."""

from __future__ import annotations

import pytest
from flask import g

from portal.difficulties.models import Difficulty, DifficultyStatus
from portal.extensions import db
from tests.conftest import login


@pytest.fixture
def login_as(client):
    """As the suite's `login_as`, but forgets the previous user: the test's app
    context (and so `g`, where Flask-Login keeps the user) outlives each request."""

    def _login(user):
        g.pop("_login_user", None)
        g.pop("_visible_units", None)
        login(client, user)
        return client

    return _login


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
