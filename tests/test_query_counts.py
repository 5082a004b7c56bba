"""No dashboard or list page runs more SQL queries when there is ten times more data.

Every GET page of the url_map is visited (but for the short list of exclusions
below) as each role that may see it, with the programme at scale 1 and at scale 10
(sampledata/programme.py); the first and the second page of a paginated list are
both counted. A page's count must be the same every time. At scale 1 most lists
fill less than a page and at scale 10 more than two, so that a query per row
shows as a difference. Pages of one record
(a deadline across all units, a report computed from the unit's records) are
visited too, on a record made at scale 1.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field

import pytest
from sqlalchemy import func, select

from portal import create_app
from portal.accounts.models import User
from portal.annualreports.models import AnnualReport
from portal.assessments.models import SelfAssessment
from portal.awards.models import AwardDecision
from portal.compilations.models import Compilation
from portal.congress.models import CongressSubmission
from portal.consideration.models import ConsiderationRound, RoundStatus
from portal.criteria.models import CriteriaSet
from portal.deadlines.models import Deadline
from portal.difficulties.models import Difficulty, DifficultyStatus
from portal.exemplars.models import Exemplar
from portal.extensions import db
from portal.inspections.models import FindingStatus, Inspection, InspectionFinding
from portal.mail.models import MailMessage
from portal.movements.models import Movement
from portal.notifications.models import Announcement, AnnouncementStatus
from portal.organizations.models import Unit
from portal.propagation.models import PropagationActivity
from portal.publiccolumn.models import ExemplarStory, StoryStatus
from portal.registrations.models import Registration
from sampledata.probes import count_queries
from sampledata.programme import fill_programme
from sampledata.world import World
from tests.conftest import _empty_all_tables, _is_memory_sqlite

SCALES = (1, 10)
ROLES = ("office", "viewer", "council", "coordinator_a", "staff_a", None)  # None: not signed in

# GET endpoints that are no list or summary page, each with its reason.
EXCLUDED = {
    "static": "a file",
    "bootstrap.static": "a file",
    "health.healthz": "the servers' health, no programme data",
    "home.index": "a redirect to the person's workspace or dashboard, counted there",
    "profiles.me": "a redirect to the person's own profile, counted there",
    "accounts.login": "a form",
    "accounts.forgot_password": "a form",
    "accounts.change_password": "a form",
    "admin.import_users": "an empty upload form",
    "award_import.upload": "an empty upload form",
    "award_import.template": "a file: the import template",
    "mail.send_test": "a form that sends a test email",
    "notifications.preferences": "the person's own settings form",
    "evidence.download": "a single file",
    "awards.scan": "a single file",
    "compilations.download": "a single file",
    "movements.document": "a single file",
    "publiccolumn.photo": "a single file",
    "publiccolumn.old_story": "a redirect to the story's address under its organization",
    "publiccolumn.photo_preview": "a single file",
    "platform.index": "the platform administrator's list of departments, no programme data "
    "(opened by no role of the world; tests/platform_admin)",
}
# Forms to create ("new_unit", "plan_item_new", "add_nomination") or edit ("edit_unit") one record.
FORM_WORDS = {"new", "create", "add", "edit"}
# URL parameters filled from the world: unit A, or the first record of a kind that
# unit A (or the organization) has from scale 1. Rules with other parameters
# (tokens, a status to move to, a row inside a record) are no pages of their own.
RECORDS = {
    "unit_id": (Unit, ()),
    "user_id": (User, ()),
    "report_id": (AnnualReport, (AnnualReport.year == 2025,)),
    "assessment_id": (SelfAssessment, (SelfAssessment.year == 2024,)),
    "submission_id": (CongressSubmission, ()),
    "exemplar_id": (Exemplar, ()),
    "activity_id": (PropagationActivity, ()),
    "story_id": (ExemplarStory, (ExemplarStory.status == StoryStatus.PUBLISHED,)),
    "difficulty_id": (Difficulty, (Difficulty.status == DifficultyStatus.ANSWERED,)),
    "inspection_id": (Inspection, ()),
    "finding_id": (InspectionFinding, (InspectionFinding.status == FindingStatus.CLOSED,)),
    "deadline_id": (Deadline, ()),
    "round_id": (ConsiderationRound, (ConsiderationRound.status == RoundStatus.OPEN,)),
    "set_id": (CriteriaSet, ()),
    "announcement_id": (Announcement, (Announcement.status == AnnouncementStatus.SENT,)),
    "message_id": (MailMessage, ()),
    "compilation_id": (Compilation, ()),
    "decision_id": (AwardDecision, ()),
    "movement_id": (Movement, ()),
    "registration_id": (Registration, ()),
}
# Pages that need another record than the one above.
RECORDS_OF = {
    # The minutes exist once the round is closed; the open round is the one to vote in.
    "consideration.minutes": {
        "round_id": (ConsiderationRound, (ConsiderationRound.status == RoundStatus.CLOSED,))
    },
    "consideration.minutes_docx": {
        "round_id": (ConsiderationRound, (ConsiderationRound.status == RoundStatus.CLOSED,))
    },
}
IN_LIST = re.compile(r"IN \((\?|%\(\w+\)s|\$\d+)(, (\?|%\(\w+\)s|\$\d+))*\)")


def page_endpoints(app) -> dict[str, str]:
    """endpoint -> URL of every GET page that lists or summarises data."""
    pages = {}
    for rule in app.url_map.iter_rules():
        words = set(rule.endpoint.rsplit(".", 1)[-1].split("_"))
        if "GET" not in rule.methods or rule.endpoint in EXCLUDED or words & FORM_WORDS:
            continue
        if set(rule.arguments) <= set(RECORDS) | {"slug"}:
            pages[rule.endpoint] = rule.rule
    return pages


@dataclass
class Visit:
    status: int
    statements: list[str]
    has_second_page: bool

    @property
    def queries(self) -> int:
        return len(self.statements)


@dataclass
class Survey:
    pages: dict[str, str]
    # (endpoint, role, scale, page number) -> Visit
    visits: dict[tuple, Visit] = field(default_factory=dict)
    errors: list[str] = field(default_factory=list)
    exemplars: dict[int, int] = field(default_factory=dict)


def visit(app, client, user_id: str | None, url: str) -> Visit:
    """One request in its own app context, hence its own session: nothing cached, in
    the session or in Redis (the dashboards' figures are computed, as on a change)."""
    app.extensions["portal_redis"].flushdb()
    with app.app_context():
        with client.session_transaction() as session:
            session.clear()
            if user_id is not None:
                session.update(_user_id=str(user_id), _fresh=True)
        with count_queries() as statements:
            response = client.get(url)
        body = response.get_data() if response.mimetype == "text/html" else b""
        return Visit(response.status_code, statements, b"page=2" in body)


def survey_scale(app, survey: Survey, urls: dict, users: dict, scale: int, warm: bool) -> None:
    client = app.test_client()
    for endpoint, url in urls.items():
        for role in ROLES:
            first = survey.visits.get((endpoint, role, SCALES[0], 1))
            if first is not None and first.status != 200:
                continue  # not a page of this role
            try:
                if warm:  # a first visit may create defaults (catalogues, settings)
                    visit(app, client, users[role], url)
                result = visit(app, client, users[role], url)
                survey.visits[(endpoint, role, scale, 1)] = result
                if result.status == 200 and result.has_second_page:
                    second = visit(app, client, users[role], f"{url}?page=2")
                    survey.visits[(endpoint, role, scale, 2)] = second
            except Exception as error:  # noqa: BLE001 - every broken page is reported
                survey.errors.append(f"{endpoint} as {role} at scale {scale}: {error!r}")


@pytest.fixture(scope="module")
def survey(redis_server, tmp_path_factory) -> Survey:
    tmp = tmp_path_factory.mktemp("query-counts")
    app = create_app(
        "testing",
        overrides={
            "UPLOAD_DIR": tmp / "uploads",
            "INSTANCE_DIR": tmp,
            "DOSSIER_DIR": tmp / "dossiers",
        },
    )
    app.extensions["portal_redis"] = redis_server
    redis_server.flushdb()
    with app.app_context():
        db.create_all()
        try:
            world = World()
            # The session names "<id>:<session secret>" (portal/accounts/sessions.py).
            users = {role: getattr(world, role).get_id() if role else None for role in ROLES}
            pages = page_endpoints(app)
            result = Survey(pages)
            urls: dict[str, str] = {}
            for scale in SCALES:
                fill_programme(world, scale)
                # The records are those of scale 1, visited again at scale 10.
                urls = urls or {e: _fill(e, rule, world) for e, rule in pages.items()}
                result.exemplars[scale] = db.session.scalar(select(func.count(Exemplar.id)))
                db.session.commit()
                survey_scale(app, result, urls, users, scale, warm=scale == SCALES[0])
            yield result
        finally:
            db.session.remove()
            if _is_memory_sqlite(app.config["SQLALCHEMY_DATABASE_URI"]):
                db.drop_all()
            else:
                _empty_all_tables()
            db.engine.dispose()


def _fill(endpoint: str, rule: str, world) -> str:
    rule = rule.replace("<slug>", world.org.slug)  # the organization's public column
    for name, (model, conditions) in (RECORDS | RECORDS_OF.get(endpoint, {})).items():
        if f"<int:{name}>" in rule:
            rule = rule.replace(f"<int:{name}>", str(_first(world, model, conditions)))
    return rule


def _first(world, model, conditions) -> int:
    """Unit A itself, or the first record of `model` in unit A or in the organization."""
    if model is Unit:
        return world.unit_a.id
    if hasattr(model, "unit_id"):
        conditions = (*conditions, model.unit_id == world.unit_a.id)
    else:
        conditions = (*conditions, model.organization_id == world.org.id)
    found = db.session.scalar(select(model.id).where(*conditions).order_by(model.id).limit(1))
    assert found is not None, f"the programme at scale 1 has no {model.__name__} to visit"
    return found


def test_the_survey_covers_the_list_pages_and_the_data_grows(survey):
    for endpoint in (
        "exemplars.index",
        "exemplars.export",
        "assessments.matrix",
        "inspections.findings_index",
        "admin.audit",
        "workspace.unit_home",
        "publiccolumn.index",
        "deadlines.matrix_export",
        "award_history.search",
        "award_history.search_export",
        "award_history.person",
        "award_history.unit",
        "award_history.exemplar",
    ):
        assert endpoint in survey.pages
    assert survey.exemplars[10] == 10 * survey.exemplars[1] > 0
    second_pages = {key[0] for key in survey.visits if key[3] == 2}
    assert {"exemplars.index", "admin.audit", "mail.outbox"} <= second_pages


def test_the_exclusions_name_real_endpoints():
    app = create_app("testing")
    assert set(EXCLUDED) <= {rule.endpoint for rule in app.url_map.iter_rules()}


def test_every_page_answers_someone_at_every_scale(survey):
    assert survey.errors == []
    nobody = {}
    for endpoint in survey.pages:
        statuses = {
            k[1]: v.status
            for k, v in survey.visits.items()
            if k[0] == endpoint and k[2] == SCALES[0] and k[3] == 1
        }
        if 200 not in statuses.values():
            nobody[endpoint] = statuses
    assert not nobody, "\n".join(f"{e}: {statuses}" for e, statuses in nobody.items())
    changed = [
        (k, v.status)
        for k, v in survey.visits.items()
        if v.status != survey.visits.get((k[0], k[1], SCALES[0], 1), v).status
    ]
    assert changed == []


def test_no_page_runs_more_queries_with_more_data(survey):
    visits: dict[tuple, dict[str, Visit]] = {}
    for (endpoint, role, scale, page), result in survey.visits.items():
        if result.status == 200:
            visits.setdefault((endpoint, role), {})[f"scale {scale} page {page}"] = result
    growing = [
        describe(key, seen)
        for key, seen in visits.items()
        if len({v.queries for v in seen.values()}) > 1
    ]
    assert not growing, "\n\n".join(growing)


def describe(key: tuple, seen: dict[str, Visit]) -> str:
    """The counts of a page, and the statements whose number changed, for the reader."""
    counts = ", ".join(f"{name}: {v.queries}" for name, v in seen.items())
    ordered = sorted(seen.values(), key=lambda v: v.queries)
    fewest, most = (Counter(map(shape, v.statements)) for v in (ordered[0], ordered[-1]))
    changed = [
        f"  {most[sql] - fewest[sql]:+d} x {sql[:200]}"
        for sql in most | fewest
        if most[sql] != fewest[sql]
    ]
    return f"{key[0]} as {key[1]} ({counts})\n" + "\n".join(changed)


def shape(statement: str) -> str:
    """A statement without its layout and the length of its IN lists."""
    return IN_LIST.sub("IN (...)", " ".join(statement.split()))
