"""Fixtures of the propagation tests: activities in the world's units, a valid form."""

from __future__ import annotations

from datetime import date

import pytest

from portal.extensions import db
from portal.propagation.models import ActivityType, Channel, PropagationActivity


@pytest.fixture
def make_activity():
    def _make(unit, title="Bài viết trên Báo Quảng Bình", **kw):
        values = {
            "activity_date": date(2024, 5, 10),
            "activity_type": ActivityType.ARTICLE,
            "channel": Channel.TRADITIONAL,
            "audience_reached": 1000,
            "cost_vnd": 2_000_000,
        }
        values.update(kw)
        activity = PropagationActivity(unit_id=unit.id, title=title, **values)
        db.session.add(activity)
        db.session.commit()
        return activity

    return _make


def _valid_form(**overrides) -> dict:
    data = {
        "activity_date": "2024-05-10",
        "activity_type": "article",
        "channel": "traditional",
        "title": "Gương sáng Tổ quan trắc trên Báo Quảng Bình",
        "link": "https://baoquangbinh.vn/bai-viet/123",
        "audience_reached": "1.500",
        "cost_vnd": "2.500.000",
        "partner_unit": "",
        "description": "Bài viết giới thiệu cách làm hay.",
    }
    data.update(overrides)
    return data


@pytest.fixture
def activity_form():
    """The fields of a valid activity form, with overrides."""
    return _valid_form
