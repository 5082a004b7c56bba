"""The demo data of propagation, public column, training and difficulties: realistic,
idempotent, and shown by the pages."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select

from portal import demo
from portal.accounts.models import User
from portal.demo import difficulties as difficulties_demo
from portal.demo import propagation as propagation_demo
from portal.demo import publiccolumn as publiccolumn_demo
from portal.demo import training as training_demo
from portal.demo.department import OFFICE_EMAIL, coordinator_email
from portal.difficulties.models import Difficulty, DifficultyStatus
from portal.exemplars.models import Exemplar, ExemplarKind, ExemplarStatus
from portal.extensions import db
from portal.formatting import today_vn
from portal.organizations.models import Unit
from portal.propagation.models import PropagationActivity, PropagationActivityExemplar
from portal.publiccolumn.models import ExemplarStory, StoryStatus
from portal.training.models import TrainingRecord
from tests.factories import make_exemplar

SEEDS = (propagation_demo, publiccolumn_demo, training_demo, difficulties_demo)


@pytest.fixture
def core_demo(app):
    """The core demo department only (units, people, period), without other packages' demos."""
    return demo.seed("demo-password-1", parts=())


def _counts():
    return [
        db.session.scalar(select(func.count()).select_from(model))
        for model in (
            PropagationActivity,
            PropagationActivityExemplar,
            ExemplarStory,
            TrainingRecord,
            Difficulty,
            Exemplar,
        )
    ]


def _seed_all(org):
    for module in SEEDS:
        module.seed(org, "demo-password-1")
        db.session.commit()


def test_demo_is_realistic_and_idempotent(core_demo):
    org = core_demo
    unit = db.session.scalar(select(Unit).where(Unit.name == "Phòng Môi trường"))
    make_exemplar(unit, "Chị Võ Thị Mai", kind=ExemplarKind.INDIVIDUAL, year_identified=2023)
    _seed_all(org)
    first = _counts()
    _seed_all(org)
    assert _counts() == first

    activities = db.session.scalars(select(PropagationActivity)).all()
    assert len({a.unit_id for a in activities}) >= 10
    years = {a.activity_date.year for a in activities}
    # The history, and this year's activities up to today.
    assert {2023, 2024, 2025} <= years <= {2023, 2024, 2025, today_vn().year}
    assert all(a.activity_date <= today_vn() for a in activities)
    assert {a.activity_type.value for a in activities} >= {
        "article",
        "online_post",
        "broadcast",
        "exchange",
        "study_visit",
    }
    assert any("Báo Quảng Bình" in a.title for a in activities)
    assert any("QBTV" in a.title for a in activities)
    assert all(a.cost_vnd and a.cost_vnd > 0 for a in activities)
    assert all(a.partner_unit for a in activities if a.activity_type.value == "study_visit")
    assert first[1] > 0  # the recognised exemplar is featured

    stories = db.session.scalars(select(ExemplarStory)).all()
    assert [s.status for s in stories] == [StoryStatus.PUBLISHED] * 2
    assert all(s.photo is not None and s.photo.kind == "png" for s in stories)
    assert {s.exemplar.name for s in stories} == {"Chị Võ Thị Mai"}

    assert first[3] >= 10
    statuses = db.session.scalars(select(Difficulty.status)).all()
    assert DifficultyStatus.OPEN in statuses
    assert statuses.count(DifficultyStatus.ANSWERED) + statuses.count(DifficultyStatus.CLOSED) >= 1


def test_public_column_creates_an_exemplar_when_there_is_none(core_demo, client):
    publiccolumn_demo.seed(core_demo, "demo-password-1")
    db.session.commit()
    exemplars = db.session.scalars(select(Exemplar)).all()
    assert [(e.status, e.unit.name) for e in exemplars] == [
        (ExemplarStatus.RECOGNISED, "Phòng Môi trường")
    ]
    stories = db.session.scalars(select(ExemplarStory)).all()
    assert len(stories) == 2
    # One organization: the old address leads to its column.
    page = client.get("/chuyen-muc-dien-hinh/", follow_redirects=True).get_data(as_text=True)
    assert all(s.title in page for s in stories)
    photo = client.get(f"/{core_demo.slug}/chuyen-muc-dien-hinh/{stories[0].id}/anh")
    assert photo.status_code == 200 and photo.data.startswith(b"\x89PNG")


@pytest.mark.parametrize(
    "url",
    [
        "/propagation/",
        "/propagation/export.xlsx",
        "/training/",
        "/difficulties/",
        "/difficulties/open",
        "/stories/",
        "/stories/manage",
    ],
)
def test_demo_pages_render_for_the_office_and_a_coordinator(core_demo, login_as, url):
    _seed_all(core_demo)
    office = db.session.scalar(select(User).where(User.email == OFFICE_EMAIL))
    assert login_as(office).get(url).status_code == 200
    coordinator = db.session.scalar(
        select(User).where(User.email == coordinator_email("moitruong"))
    )
    expected = 403 if url in ("/difficulties/open", "/stories/manage") else 200
    assert login_as(coordinator).get(url).status_code == expected
