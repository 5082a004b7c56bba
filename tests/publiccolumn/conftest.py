"""Fixtures of the public column tests: stories and photos in the world's units."""

from __future__ import annotations

import pytest
from flask import g

from portal.extensions import db
from portal.models_base import utcnow
from portal.publiccolumn.models import ExemplarStory, StoryStatus
from tests.factories import make_exemplar

PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + b"\x00" * 48
JPEG = b"\xff\xd8\xff\xe0\x00\x10JFIF\x00" + b"\x00" * 48


@pytest.fixture
def logout(client):
    def _logout():
        g.pop("_login_user", None)
        with client.session_transaction() as session:
            session.clear()
        return client

    return _logout


@pytest.fixture
def make_story():
    def _make(
        unit, title="Người giữ màu xanh cho đất", status=StoryStatus.DRAFT, exemplar=None, **kw
    ):
        exemplar = exemplar or make_exemplar(unit, f"Điển hình của {title}")
        story = ExemplarStory(
            unit_id=unit.id,
            exemplar_id=exemplar.id,
            title=title,
            summary=kw.pop("summary", "Tóm tắt về tấm gương."),
            body=kw.pop("body", "Đoạn một.\n\nĐoạn hai."),
            status=status,
            published_at=utcnow() if status == StoryStatus.PUBLISHED else None,
            **kw,
        )
        db.session.add(story)
        db.session.commit()
        return story

    return _make


@pytest.fixture
def png():
    return PNG


@pytest.fixture
def jpeg():
    return JPEG
