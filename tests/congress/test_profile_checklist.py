"""Bad input: an individual nominated without a date of birth. The unit is told
before submitting which profile fields the forms need (a checklist with links), and
the submit is refused, naming them, until they are filled in."""

from __future__ import annotations

from portal.accounts.models import Role
from portal.congress import services
from portal.exemplars.models import ExemplarKind
from portal.extensions import db
from portal.profiles.services import person_profile, unit_profile
from portal.reviews.states import ReviewState
from sampledata.world import make_user
from tests.factories import (
    make_congress_exemplar,
    make_person_profile,
    make_submission,
    make_title,
    make_unit_profile,
)


def _submission(world):
    person = make_user(
        world.org, "hoa@example.test", (Role.STAFF, world.unit_a), name="Nguyễn Thị Hoa"
    )
    exemplar = make_congress_exemplar(world.unit_a, "Nguyễn Thị Hoa", person_user_id=person.id)
    team = make_congress_exemplar(world.unit_a, "Tổ Quan trắc", kind=ExemplarKind.COLLECTIVE)
    make_unit_profile(world.unit_a)
    make_person_profile(person)
    submission = make_submission(
        world.unit_a, world.period, make_title(world.org), [exemplar, team]
    )
    person_profile(person.id).birth_date = None
    db.session.commit()
    return submission, person


def test_the_checklist_names_the_missing_fields_and_submit_is_refused(world, login_as):
    submission, person = _submission(world)
    client = login_as(world.coordinator_a)
    page = client.get(f"/congress/{submission.id}").get_data(as_text=True)
    assert 'data-testid="profile-checklist"' in page
    assert "Hồ sơ cá nhân của Nguyễn Thị Hoa còn thiếu: Ngày sinh." in page
    assert f'href="/profiles/people/{person.id}"' in page
    refused = client.post(f"/congress/{submission.id}/actions/submit", follow_redirects=True)
    assert "Hồ sơ cá nhân của Nguyễn Thị Hoa còn thiếu: Ngày sinh." in refused.get_data(
        as_text=True
    )
    db.session.refresh(submission)
    assert submission.state == ReviewState.DRAFT
    # the coordinator fills the date in from the link, then the submit goes through
    form = {"birth_date": "14/03/1982", "gender": "female", "home_town": "Quảng Trạch"}
    form["residence"] = "Đồng Hới"
    assert client.post(f"/profiles/people/{person.id}", data=form).status_code == 302
    page = client.get(f"/congress/{submission.id}").get_data(as_text=True)
    assert 'data-testid="profile-checklist"' not in page
    assert client.post(f"/congress/{submission.id}/actions/submit").status_code == 302
    db.session.refresh(submission)
    assert submission.state == ReviewState.SUBMITTED


def test_an_unlinked_individual_and_an_empty_unit_profile_are_listed(world, login_as):
    loose = make_congress_exemplar(world.unit_b, "Lê Minh Tuấn")
    team = make_congress_exemplar(world.unit_b, "Tổ Thanh tra", kind=ExemplarKind.COLLECTIVE)
    submission = make_submission(world.unit_b, world.period, make_title(world.org), [team])
    services.add_nominee(
        submission,
        services.NomineeData(loose.id, None, True, False, "Tiêu biểu", "Thành tích"),
    )
    db.session.delete(unit_profile(world.unit_b.id))
    db.session.commit()
    client = login_as(world.coordinator_b)
    page = client.get(f"/congress/{submission.id}").get_data(as_text=True)
    assert "Hồ sơ đơn vị Thanh tra Sở còn thiếu: Địa chỉ trụ sở" in page
    assert f'href="/profiles/units/{world.unit_b.id}"' in page
    assert "“Lê Minh Tuấn” chưa liên kết với tài khoản" in page
    assert f'href="/exemplars/{loose.id}/edit"' in page
    client.post(f"/congress/{submission.id}/actions/submit")
    db.session.refresh(submission)
    assert submission.state == ReviewState.DRAFT
