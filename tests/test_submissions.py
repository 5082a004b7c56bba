"""Nothing created twice: every create route claims its form's one-time token, and the
same form sent again shows what the first submit created instead of a duplicate."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from sqlalchemy import func, select

from portal.annualreports.models import AnnualReport
from portal.assessments.models import SelfAssessment
from portal.deadlines.models import Deadline
from portal.difficulties.models import Difficulty
from portal.extensions import db
from portal.models_base import utcnow
from portal.organizations.models import Unit
from portal.submissions import SubmissionToken, forget_old_tokens
from portal.training.models import TrainingRecord
from tests.deadlines.test_routes import form_data as deadline_form
from tests.factories import make_criteria

# Every route that creates a record from a form.
CREATE_ENDPOINTS = {
    "platform.new_organization",
    "admin.new_unit",
    "admin.new_user",
    "annualreports.create",
    "assessments.create",
    "awards.add_recipient",
    "awards.amend",
    "awards.new",
    "compilations.start",
    "congress.create",
    "congress.nominee_new",
    "consideration.add_nomination",
    "consideration.new_round",
    "consideration.new_rule",
    "consideration.new_title",
    "council.plan_item_new",
    "council.seat_add",
    "criteria.item_new",
    "criteria.period_new",
    "deadlines.new",
    "difficulties.create",
    "exemplars.action_new",
    "exemplars.evaluation_new",
    "exemplars.new",
    "inspections.add_correction",
    "inspections.finding_new",
    "inspections.new",
    "notifications.announcement_new",
    "propagation.create",
    "publiccolumn.create",
    "training.create",
}
# Routes named like a creation that need no token, and why.
NOT_CREATES = {
    "admin.add_role": "a role held already is refused by the rule (ROLE_HELD)",
    "admin.import_users": "shows a preview; nothing is created",
    "admin.confirm_import": "the preview's own token is discarded by the first confirmation",
    "admin.cancel_import": "discards a preview",
    "criteria.set_create": "makes the period's sets only where missing (idempotent)",
}
LOOKS_LIKE_CREATE = re.compile(r"(^|_)(new|create|add|start|import)(_|$)")
TOKEN_INPUT = re.compile(
    r'name="submission_token"[^>]*value="([^"]+)"|value="([^"]+)"[^>]*name="submission_token"'
)


def token_on(page: str) -> str:
    found = TOKEN_INPUT.search(page)
    assert found, "the page carries no one-time submission token"
    return found.group(1) or found.group(2)


def count(model) -> int:
    return db.session.scalar(select(func.count()).select_from(model))


def test_every_create_route_claims_a_token(app):
    posted = {r.endpoint for r in app.url_map.iter_rules() if "POST" in (r.methods or ())}
    named_like_create = {e for e in posted if LOOKS_LIKE_CREATE.search(e.rpartition(".")[2])}
    unlisted = named_like_create - CREATE_ENDPOINTS - set(NOT_CREATES)
    assert not unlisted, f"list these in CREATE_ENDPOINTS or NOT_CREATES: {sorted(unlisted)}"
    assert posted >= CREATE_ENDPOINTS
    unguarded = [
        e for e in CREATE_ENDPOINTS if not getattr(app.view_functions[e], "submitted_once", False)
    ]
    assert not unguarded, f"create routes without @once: {sorted(unguarded)}"
    guarded_elsewhere = [
        e
        for e in posted - CREATE_ENDPOINTS
        if getattr(app.view_functions[e], "submitted_once", False)
    ]
    assert not guarded_elsewhere, "list every @once route in CREATE_ENDPOINTS"


def _training(world):
    return (
        f"/training/units/{world.unit_a.id}/new",
        f"/training/units/{world.unit_a.id}/new",
        {
            "person_name": "Hoàng Văn Nam",
            "course": "Tập huấn kỹ năng viết tin bài",
            "start_date": "07/10/2024",
            "hours": "20,5",
        },
        TrainingRecord,
    )


def _difficulty(world):
    return (
        f"/difficulties/units/{world.unit_a.id}/new",
        f"/difficulties/units/{world.unit_a.id}/new",
        {"title": "Thiếu kinh phí tuyên truyền", "description": "Chưa có dự toán"},
        Difficulty,
    )


def _unit(world):
    return (
        "/admin/units/new",
        "/admin/units/new",
        {"name": "Công đoàn Sở", "kind": "mass_organisation"},
        Unit,
    )


def _deadline(world):
    data = deadline_form(world, remind_days_before="7", escalate=None)
    return "/deadlines/new", "/deadlines/new", data, Deadline


def _assessment(world):
    make_criteria(world.period)
    data = {"unit_id": world.unit_a.id, "year": 2024, "period_id": world.period.id}
    return f"/assessments/?period_id={world.period.id}", "/assessments/new", data, SelfAssessment


def _report(world):
    data = {"unit_id": world.unit_a.id, "year": 2024, "period_id": world.period.id}
    return (
        f"/annual-reports/?period_id={world.period.id}",
        "/annual-reports/new",
        data,
        AnnualReport,
    )


CASES = {
    "training": ("coordinator_a", _training),
    "difficulty": ("coordinator_a", _difficulty),
    "unit": ("office", _unit),
    "deadline": ("office", _deadline),
    "self-assessment": ("coordinator_a", _assessment),
    "annual report": ("coordinator_a", _report),
}


@pytest.mark.parametrize("case", sorted(CASES))
def test_the_same_form_sent_twice_creates_one_record(world, login_as, case):
    who, build = CASES[case]
    form_page, action, data, model = build(world)
    client = login_as(getattr(world, who))
    before = count(model)
    token = token_on(client.get(form_page).get_data(as_text=True))
    first = client.post(action, data={**data, "submission_token": token})
    assert first.status_code == 302, first.get_data(as_text=True)[:2000]
    assert count(model) == before + 1
    again = client.post(action, data={**data, "submission_token": token}, follow_redirects=True)
    assert again.status_code == 200
    assert count(model) == before + 1
    assert again.request.path == first.headers["Location"].split("?")[0]
    assert "Đã tạo trước đó" in again.get_data(as_text=True)
    # A new page of the form has a new token, which creates again where the rules allow.
    assert token_on(client.get(form_page).get_data(as_text=True)) != token


def test_a_refused_form_keeps_its_token_usable(world, login_as):
    client = login_as(world.coordinator_a)
    form_page, action, data, model = _training(world)
    token = token_on(client.get(form_page).get_data(as_text=True))
    refused = client.post(action, data={**data, "hours": "", "submission_token": token})
    assert refused.status_code == 200
    assert token_on(refused.get_data(as_text=True)) == token  # the form comes back with it
    assert count(SubmissionToken) == 0 and count(model) == 0
    assert client.post(action, data={**data, "submission_token": token}).status_code == 302
    assert count(model) == 1
    assert db.session.scalar(select(SubmissionToken.created_url)) == "/training/"


def test_a_page_with_several_create_buttons_gives_each_its_own_token(world, login_as):
    page = login_as(world.coordinator_a).get(f"/assessments/?period_id={world.period.id}")
    tokens = [a or b for a, b in TOKEN_INPUT.findall(page.get_data(as_text=True))]
    assert len(tokens) > 1 and len(set(tokens)) == len(tokens)


def test_a_second_submit_while_the_first_runs_says_so(app, world, login_as):
    app.config["SUBMISSION_WAIT_SECONDS"] = 0.3
    client = login_as(world.coordinator_a)
    db.session.add(
        SubmissionToken(token="x" * 32, user_id=world.coordinator_a.id, endpoint="training.create")
    )
    db.session.commit()
    _page, action, data, model = _training(world)
    response = client.post(action, data={**data, "submission_token": "x" * 32})
    assert response.status_code == 409
    assert "đang được xử lý" in response.get_data(as_text=True)
    assert count(model) == 0


def test_another_persons_token_is_not_theirs_to_follow(world, login_as):
    db.session.add(
        SubmissionToken(
            token="y" * 32, user_id=world.office.id, endpoint="training.create", created_url="/x"
        )
    )
    db.session.commit()
    _page, action, data, model = _training(world)
    response = login_as(world.coordinator_a).post(
        action, data={**data, "submission_token": "y" * 32}
    )
    assert response.status_code == 409 and count(model) == 0


def test_old_tokens_are_forgotten_by_the_daily_job(world):
    db.session.add_all(
        [
            SubmissionToken(token="o" * 32, endpoint="e", created_at=utcnow() - timedelta(days=3)),
            SubmissionToken(token="n" * 32, endpoint="e", created_at=utcnow() - timedelta(hours=3)),
        ]
    )
    db.session.commit()
    assert forget_old_tokens() == 1
    assert db.session.scalars(select(SubmissionToken.token)).all() == ["n" * 32]


def test_tokens_are_not_audited(world, login_as):
    from portal.audit import AuditLog

    form_page, action, data, _model = _difficulty(world)
    client = login_as(world.coordinator_a)
    client.post(
        action,
        data={**data, "submission_token": token_on(client.get(form_page).get_data(as_text=True))},
    )
    types = set(db.session.scalars(select(AuditLog.object_type)))
    assert types and not any("ubmission" in t for t in types)
