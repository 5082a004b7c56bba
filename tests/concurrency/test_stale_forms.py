"""Two saves from forms opened on the same version: the second is refused, shows per
field what the first saved next to its own input (kept), and applies on a second try;
nothing is silently overwritten (issue 15). Runs on SQLite and PostgreSQL."""

from __future__ import annotations

import pytest
from lxml import html
from werkzeug.datastructures import MultiDict

from portal.extensions import db
from sampledata.probes import login
from tests.factories import (
    make_assessment,
    make_criteria,
    make_exemplar,
    make_finding,
    make_inspection,
    make_report,
    make_submission,
    make_title,
)

CONFLICT = "vừa được người khác lưu"


def opened(client, url: str) -> MultiDict:
    """The edit form of `url` as a browser would post it untouched."""
    return edit_form(client.get(url).get_data(as_text=True))


def edit_form(page: str) -> MultiDict:
    """The values of the page's form that carries a record's version."""
    form = next(f for f in html.fromstring(page).forms if "lock_version" in f.inputs)
    return MultiDict(form.form_values())


def post(client, url: str, data: MultiDict):
    return client.post(url, data=data, content_type="multipart/form-data")


def assert_two_saves(app, make_clients, url: str, field: str, reread):
    """Person A and B open `url`; A saves `field`, B saves it from the stale form."""
    first, second = make_clients()
    form_a, form_b = opened(first, url), opened(second, url)
    form_a[field], form_b[field] = "Giá trị của người thứ nhất", "Giá trị của người thứ hai"

    assert post(first, url, form_a).status_code == 302
    refused = post(second, url, form_b)

    assert refused.status_code == 200
    text = refused.get_data(as_text=True)
    assert CONFLICT in text
    assert "«Giá trị của người thứ nhất»" in text  # the other person's value, on the field
    retry = edit_form(text)
    assert retry[field].strip() == "Giá trị của người thứ hai"  # their own input is kept
    db.session.expire_all()
    assert reread() == "Giá trị của người thứ nhất"  # nothing overwritten

    assert post(second, url, retry).status_code == 302  # second try, knowingly
    db.session.expire_all()
    assert reread() == "Giá trị của người thứ hai"


@pytest.fixture
def two_people(app, world):
    def make(first=None, second=None):
        def clients():
            a, b = app.test_client(), app.test_client()
            login(a, first or world.coordinator_a)
            login(b, second or world.staff_a)
            return a, b

        return clients

    return make


def test_exemplar(app, world, two_people):
    exemplar = make_exemplar(world.unit_a, "Nguyễn Văn An")
    assert_two_saves(
        app,
        two_people(),
        f"/exemplars/{exemplar.id}/edit",
        "achievements",
        lambda: db.session.get(type(exemplar), exemplar.id).achievements,
    )


def test_self_assessment(app, world, two_people):
    make_criteria(world.period)
    assessment = make_assessment(world, scores=[8, 7, 4])
    assert_two_saves(
        app,
        two_people(),
        f"/assessments/{assessment.id}/edit",
        "general_comment",
        lambda: db.session.get(type(assessment), assessment.id).general_comment,
    )


def test_self_assessment_scores_of_items_only(app, world, two_people):
    """A save that changes only the items' scores is a new version of the assessment."""
    make_criteria(world.period)
    assessment = make_assessment(world, scores=[8, 7, 4])
    url = f"/assessments/{assessment.id}/edit"
    first, second = two_people()()
    form_a, form_b = opened(first, url), opened(second, url)
    form_a["items-0-score"], form_b["items-0-score"] = "9", "5"
    assert post(first, url, form_a).status_code == 302
    refused = post(second, url, form_b)
    assert refused.status_code == 200
    assert "«9»" in refused.get_data(as_text=True)
    db.session.expire_all()
    assert float(db.session.get(type(assessment), assessment.id).items[0].self_score) == 9


def test_annual_report(app, world, two_people):
    report = make_report(world)
    assert_two_saves(
        app,
        two_people(),
        f"/annual-reports/{report.id}/edit",
        "proposals",
        lambda: db.session.get(type(report), report.id).proposals,
    )


def test_congress_submission(app, world, two_people):
    title = make_title(world.org)
    exemplar = make_exemplar(world.unit_a, "Trần Thị Bình")
    submission = make_submission(world.unit_a, world.period, title, [exemplar])
    assert_two_saves(
        app,
        two_people(),
        f"/congress/{submission.id}/edit",
        "chaired_by",
        lambda: db.session.get(type(submission), submission.id).chaired_by,
    )


def test_finding(app, world, two_people):
    inspection = make_inspection(world)
    finding = make_finding(inspection)
    assert_two_saves(
        app,
        two_people(world.council, world.council),
        f"/inspections/findings/{finding.id}/edit",
        "finding",
        lambda: db.session.get(type(finding), finding.id).finding,
    )


def test_criteria_set(app, world, two_people):
    criteria_set = make_criteria(world.period)
    assert_two_saves(
        app,
        two_people(world.office, world.office),
        f"/criteria/sets/{criteria_set.id}/edit",
        "title",
        lambda: db.session.get(type(criteria_set), criteria_set.id).title,
    )


def test_a_form_without_a_version_still_saves(app, world, login_as):
    """Older pages (and scripts) that post no version are not refused."""
    exemplar = make_exemplar(world.unit_a, "Lê Văn Cường")
    client = login_as(world.coordinator_a)
    form = opened(client, f"/exemplars/{exemplar.id}/edit")
    del form["lock_version"]
    form["achievements"] = "Không có phiên bản"
    assert post(client, f"/exemplars/{exemplar.id}/edit", form).status_code == 302
    assert db.session.get(type(exemplar), exemplar.id).achievements == "Không có phiên bản"
