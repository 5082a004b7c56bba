"""Every route that takes an id answers 404 (or 403) to a foreign id and changes nothing.

Two organizations are filled with every kind of record (sampledata/programme.py, once
for each). Every rule of the url_map with an id argument is then requested, with each
of its methods (GET, and POST with a generic form: CSRF is off in tests), by three
people, with ids they must not reach:

- another organization: the other organization's Office, with the first organization's
  ids (all foreign, and, for a rule with two ids, one foreign next to one of its own);
- another unit: unit B's coordinator, with unit A's records (the organization's own
  records, such as rounds and deadlines, stay theirs);
- an unassigned year: a council member assigned to unit A for 2024 only, with unit A's
  records that `portal.tenancy` keeps out of their years (2023, 2025).

Each answer must be 404 or 403, and no table may gain or lose a row, nor the audit log
an entry. An id argument is mapped to its model by its name (ID_ARGS, per blueprint
where a name means two things); a rule whose arguments are no ids is listed in NO_ID
with its reason. A new route with an unknown id argument, or with only other arguments
and not listed, fails the test that says so.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from types import SimpleNamespace

import pytest
from flask_login import login_user
from sqlalchemy import func, literal, select, union_all

from portal import create_app, tenancy
from portal.accounts.models import CouncilAssignment, Role, RoleMembership, User
from portal.annualreports.models import AnnualReport
from portal.assessments.models import SelfAssessment
from portal.awards.models import AwardDecision
from portal.compilations.models import Compilation
from portal.congress.models import CongressNominee, CongressSubmission
from portal.consideration.models import (
    AwardTitle,
    ConsiderationRound,
    Nomination,
    RoundMember,
    VotingRule,
)
from portal.council.models import CouncilMember
from portal.criteria.models import CriteriaItem, CriteriaSet
from portal.deadlines.models import Deadline
from portal.difficulties.models import Difficulty
from portal.evidence.models import Attachment
from portal.exemplars.models import Exemplar, ExemplarEvaluation, FosteringAction
from portal.extensions import db
from portal.inspections.models import Inspection, InspectionFinding, SupervisionPlanItem
from portal.mail.models import MailMessage
from portal.movements.models import Movement
from portal.notifications.models import Announcement, Notification
from portal.organizations.models import Unit, UnitKind
from portal.periods.models import PlanPeriod
from portal.propagation.models import PropagationActivity
from portal.publiccolumn.models import ExemplarStory, StoryStatus
from portal.registrations.models import Registration, RegistrationEntry
from portal.training.models import TrainingRecord
from sampledata.programme import fill_programme
from sampledata.world import World, make_user
from tests.conftest import _empty_all_tables, _is_memory_sqlite

# The model behind an id argument: by name, or by (blueprint, name) where the name is
# used for two things.
ID_ARGS: dict[str | tuple[str, str], type] = {
    "unit_id": Unit,
    "user_id": User,
    "membership_id": RoleMembership,
    "message_id": MailMessage,
    "attachment_id": Attachment,
    "notification_id": Notification,
    "announcement_id": Announcement,
    "period_id": PlanPeriod,
    "set_id": CriteriaSet,
    ("criteria", "item_id"): CriteriaItem,
    ("council", "item_id"): SupervisionPlanItem,
    ("council", "member_id"): CouncilMember,
    ("consideration", "member_id"): RoundMember,
    "exemplar_id": Exemplar,
    "action_id": FosteringAction,
    "evaluation_id": ExemplarEvaluation,
    "activity_id": PropagationActivity,
    "story_id": ExemplarStory,
    "record_id": TrainingRecord,
    "difficulty_id": Difficulty,
    "inspection_id": Inspection,
    "finding_id": InspectionFinding,
    "round_id": ConsiderationRound,
    "nomination_id": Nomination,
    "rule_id": VotingRule,
    "title_id": AwardTitle,
    "deadline_id": Deadline,
    "assessment_id": SelfAssessment,
    "report_id": AnnualReport,
    "submission_id": CongressSubmission,
    "nominee_id": CongressNominee,
    "compilation_id": Compilation,
    "decision_id": AwardDecision,
    "movement_id": Movement,
    "registration_id": Registration,
    ("registrations", "entry_id"): RegistrationEntry,
}
# Arguments that are no ids, with the value each request uses: one that would act.
OTHER_ARGS = {"action": "submit", "to_status": "fostering", "slug": None, "key": "to-trinh"}
# Rules that cannot be given a foreign id, each with its reason.
NO_ID = {
    "static": "a file of the application, no data",
    "bootstrap.static": "a file of the application, no data",
    "accounts.reset_password": "a signed token, bound to one user (tested in accounts)",
    "admin.import_preview": "a token of an upload, bound to its organization and user",
    "admin.confirm_import": "a token of an upload, bound to its organization and user",
    "admin.cancel_import": "a token of an upload, bound to its organization and user",
    "award_import.preview": "a token of an upload, bound to its organization and user",
    "award_import.confirm": "a token of an upload, bound to its organization and user",
    "award_import.cancel": "a token of an upload, bound to its organization and user",
    "notifications.calendar_feed": "a secret token of one person's calendar",
    "i18n.set_language": "a language code",
    "publiccolumn.index": "an organization's public column, by its slug: public",
}
# Rules with an id that are not probed, each with its reason.
NOT_PROBED = {
    "publiccolumn.old_story": "the old address of a public story: any published story "
    "leads to its organization's column (publiccolumn.story is probed under a slug)",
}
# Public pages of published stories: nothing is foreign inside one organization, so they
# are probed as another organization only, under that organization's own slug.
PUBLIC = {"publiccolumn.story", "publiccolumn.photo"}
# Which record of a kind to take first: the one a leak would matter most for.
PREFERRED = {ExemplarStory: ExemplarStory.status == StoryStatus.PUBLISHED}
# A form that would change something if a route let it through.
POST_DATA = {
    "reason": "Lý do thử",
    "name": "Tên thử",
    "title": "Tiêu đề thử",
    "summary": "Tóm tắt thử",
    "body": "Nội dung thử",
    "answer": "Trả lời thử",
    "note": "Ghi chú thử",
    "response": "Phản hồi thử",
    "description": "Mô tả thử",
    "role": Role.STAFF.value,
    "direction": "up",
    "choice": "agree",
    "present": "y",
    "year": "2025",
}
ROLES_BY_SCENARIO = ("another organization", "another unit", "an unassigned year")


@dataclass
class Request:
    endpoint: str
    method: str
    url: str
    scenario: str
    user_id: int


@dataclass
class Probe:
    requests: list[Request] = field(default_factory=list)
    leaks: list[str] = field(default_factory=list)
    uncovered: list[str] = field(default_factory=list)


def id_model(endpoint: str, argument: str) -> type | None:
    blueprint = endpoint.split(".", 1)[0]
    return ID_ARGS.get((blueprint, argument)) or ID_ARGS.get(argument)


def id_rules(app) -> list:
    """Rules with arguments, but those listed in NO_ID and NOT_PROBED."""
    return [
        rule
        for rule in app.url_map.iter_rules()
        if rule.arguments and rule.endpoint not in NO_ID and rule.endpoint not in NOT_PROBED
    ]


# -- Finding records -------------------------------------------------------------------


def _owner_clause(model: type, org_id: int, unit_id: int | None, depth: int = 0):
    """Rows of `model` in unit `unit_id` (when the model carries a unit) or else in the
    organization, found through the model's own columns or one foreign key away."""
    columns = model.__table__.columns
    if model is Unit:
        return model.id == unit_id if unit_id else model.organization_id == org_id
    if unit_id and "unit_id" in columns:
        return model.unit_id == unit_id
    if "organization_id" in columns:
        return model.organization_id == org_id
    if "unit_id" in columns:
        units = select(Unit.id).where(Unit.organization_id == org_id)
        return model.unit_id.in_(units)
    if depth < 2:
        for column in columns:
            for key in column.foreign_keys:
                target = _model_of_table(key.column.table.name)
                if target is None or target is model:
                    continue
                inner = _owner_clause(target, org_id, unit_id, depth + 1)
                if inner is not None:
                    return column.in_(select(target.id).where(inner))
    return None


def _model_of_table(name: str) -> type | None:
    for mapper in db.Model.registry.mappers:
        if mapper.class_.__table__.name == name:
            return mapper.class_
    return None


def first_id(model: type, org_id: int, unit_id: int | None = None, exclude=()) -> int | None:
    clause = _owner_clause(model, org_id, unit_id)
    assert clause is not None, f"{model.__name__}: no way to tell its organization"
    query = select(model.id).where(clause)
    if exclude:
        query = query.where(model.id.not_in(exclude))
    if model in PREFERRED:
        query = query.order_by(PREFERRED[model].desc())
    return db.session.scalar(query.order_by(model.id).limit(1))


def hidden_by_year(app, user: User, model: type, unit_id: int) -> int | None:
    """A record of the unit that the council member `user` may not read (its years)."""
    if not tenancy.COUNCIL_YEARS.get(model.__tablename__) or "unit_id" not in model.__table__.c:
        return None
    with app.test_request_context():
        login_user(user)
        kept = select(model.id).where(tenancy.council_clause(model))
        return db.session.scalar(
            select(model.id)
            .where(model.unit_id == unit_id, model.id.not_in(kept))
            .order_by(model.id)
            .limit(1)
        )


# -- Counting what a request could change ------------------------------------------------


def snapshot() -> tuple:
    """The number of rows of every table, in one statement."""
    tables = sorted(db.metadata.tables.values(), key=lambda t: t.name)
    counts = union_all(
        *(
            select(literal(t.name).label("name"), func.count().label("rows")).select_from(t)
            for t in tables
        )
    )
    return tuple(db.session.execute(counts).all())


# -- The world ---------------------------------------------------------------------------


def foreign_side(world):
    """The other organization dressed as a World, so that the programme fills it too."""
    org = world.other_org
    unit_b = Unit(
        organization_id=org.id,
        name="Phòng Kế hoạch",
        kind=UnitKind.DIVISION,
        head_name="Ngô Văn Kế",
    )
    db.session.add(unit_b)
    db.session.commit()
    return SimpleNamespace(
        org=org,
        period=world.foreign_period,
        office=world.foreign_office,
        viewer=make_user(org, "director@other.vn", (Role.VIEWER, None)),
        council=make_user(org, "council@other.vn", (Role.COUNCIL_MEMBER, None)),
        unit_a=world.foreign_unit,
        unit_b=unit_b,
        coordinator_a=world.foreign_coordinator,
        staff_a=make_user(org, "staff@other.vn", (Role.STAFF, world.foreign_unit)),
        coordinator_b=make_user(org, "coord.b@other.vn", (Role.COORDINATOR, unit_b)),
    )


def council_of_2024(world) -> User:
    member = make_user(world.org, "hoidong.2024@example.vn", (Role.COUNCIL_MEMBER, None))
    db.session.add(
        CouncilAssignment(
            organization_id=world.org.id, user_id=member.id, unit_id=world.unit_a.id, year=2024
        )
    )
    db.session.commit()
    return member


@dataclass
class Scenario:
    name: str
    user: User
    slug: str  # of the person's organization
    # argument model -> foreign id, or None when the model is not foreign in this scenario
    foreign: dict[type, int | None]
    own: dict[type, int | None]


def build_scenarios(app, world, foreign, member_2024, models: set[type]) -> list[Scenario]:
    org, other = world.org.id, foreign.org.id
    a, b = world.unit_a.id, world.unit_b.id
    unit_owned = {m for m in models if m is Unit or "unit_id" in m.__table__.c}
    return [
        Scenario(
            "another organization",
            world.foreign_office,
            foreign.org.slug,
            {m: first_id(m, org, a) or first_id(m, org) for m in models},
            {m: first_id(m, other, foreign.unit_a.id) or first_id(m, other) for m in models},
        ),
        Scenario(
            "another unit",
            world.coordinator_b,
            world.org.slug,
            {m: first_id(m, org, a) if m in unit_owned else None for m in models},
            {m: first_id(m, org, b) or first_id(m, org) for m in models},
        ),
        Scenario(
            "an unassigned year",
            member_2024,
            world.org.slug,
            {m: hidden_by_year(app, member_2024, m, a) for m in models},
            {m: first_id(m, org, a) or first_id(m, org) for m in models},
        ),
    ]


def urls_for(rule, scenario: Scenario) -> list[str]:
    """The rule filled with foreign ids: all at once, and (for two ids or more) each
    foreign id next to the person's own ids."""
    ids = [a for a in rule.arguments if id_model(rule.endpoint, a)]
    foreign = {a: scenario.foreign[id_model(rule.endpoint, a)] for a in ids}
    own = {a: scenario.own[id_model(rule.endpoint, a)] for a in ids}
    others = {a: OTHER_ARGS[a] or scenario.slug for a in rule.arguments if a not in ids}
    candidates = [a for a in ids if foreign[a] is not None]
    if not candidates:
        return []
    choices = [{a: foreign[a] if foreign[a] is not None else own[a] for a in ids}]
    if len(ids) > 1:
        for argument in candidates:
            mixed = {a: own[a] for a in ids} | {argument: foreign[argument]}
            if None not in mixed.values() and mixed not in choices:
                choices.append(mixed)
    return [_build(rule, values | others) for values in choices if None not in values.values()]


def _build(rule, values: dict) -> str:
    url = rule.rule
    for name, value in values.items():
        url = url.replace(f"<int:{name}>", str(value)).replace(f"<{name}>", str(value))
    return url


@pytest.fixture(scope="module")
def probe(redis_server, tmp_path_factory) -> Probe:
    tmp = tmp_path_factory.mktemp("foreign-ids")
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
            yield run_probe(app)
        finally:
            db.session.remove()
            if _is_memory_sqlite(app.config["SQLALCHEMY_DATABASE_URI"]):
                db.drop_all()
            else:
                _empty_all_tables()
            db.engine.dispose()


def run_probe(app) -> Probe:
    world = World()
    foreign = foreign_side(world)
    fill_programme(world, 1)
    fill_programme(foreign, 1)
    member_2024 = council_of_2024(world)
    db.session.commit()
    result = Probe()
    owner_types = set(db.session.scalars(select(Attachment.owner_type).distinct()))
    for owner_type in owner_types - set(tenancy.ATTACHMENT_OWNERS):
        result.uncovered.append(f"attachments of {owner_type!r}: not in tenancy.ATTACHMENT_OWNERS")
    rules = id_rules(app)
    models = set()
    for rule in rules:
        if not any(id_model(rule.endpoint, a) for a in rule.arguments):
            result.uncovered.append(f"{rule.endpoint}: no id among {sorted(rule.arguments)}")
        for argument in rule.arguments:
            model = id_model(rule.endpoint, argument)
            if model is not None:
                models.add(model)
            elif argument not in OTHER_ARGS:
                result.uncovered.append(f"{rule.endpoint}: argument <{argument}>")
    scenarios = build_scenarios(app, world, foreign, member_2024, models)
    for scenario in scenarios:
        empty = [m.__name__ for m, i in scenario.foreign.items() if i is None]
        if scenario.name == "another organization" and empty:
            result.uncovered.append(f"no record of {empty} in the first organization")
    client = app.test_client()
    for rule in rules:
        if any(id_model(rule.endpoint, a) is None and a not in OTHER_ARGS for a in rule.arguments):
            continue
        for scenario in scenarios:
            if rule.endpoint in PUBLIC and scenario.name != "another organization":
                continue
            for url in urls_for(rule, scenario):
                for method in sorted(rule.methods & {"GET", "POST"}):
                    request = Request(rule.endpoint, method, url, scenario.name, scenario.user.id)
                    result.requests.append(request)
                    leak = send(app, client, request)
                    if leak:
                        result.leaks.append(leak)
    return result


def send(app, client, request: Request) -> str | None:
    """The request as its person, in its own app context; what went wrong, if anything."""
    with app.app_context():
        user = db.session.get(User, request.user_id)
        if not user.session_token:  # revocable sessions: the cookie names the secret too
            user.revoke_sessions()
            db.session.commit()
        with client.session_transaction() as session:
            session.clear()
            session.update(_user_id=user.get_id(), _fresh=True)
        before = snapshot()
        if request.method == "GET":
            response = client.get(request.url)
        else:
            response = client.post(request.url, data=POST_DATA)
        db.session.rollback()
        after = snapshot()
    where = f"{request.method} {request.url} ({request.endpoint}) as {request.scenario}"
    if response.status_code not in (403, 404):
        return f"{where}: answered {response.status_code}, not 404 or 403"
    if before != after:
        changed = [f"{b[0]} {b[1]}->{a[1]}" for b, a in zip(before, after, strict=True) if b != a]
        return f"{where}: answered {response.status_code} but changed {changed}"
    return None


# -- The tests ---------------------------------------------------------------------------


def test_every_route_argument_is_an_id_the_probe_knows_or_listed(probe):
    assert probe.uncovered == [], (
        "Map these id arguments to their model in ID_ARGS (or list the rule in NO_ID with "
        "the reason it cannot be given a foreign id):\n" + "\n".join(probe.uncovered)
    )


def test_a_foreign_id_is_404_or_403_and_changes_nothing(probe):
    assert not probe.leaks, f"{len(probe.leaks)} leaks:\n" + "\n".join(probe.leaks)


def test_every_id_route_is_probed_in_each_scenario_it_applies_to(app, probe):
    probed = {(r.endpoint, r.scenario) for r in probe.requests}
    endpoints = {e for e, _ in probed}
    rules = id_rules(app)
    # Every rule with an id is requested as another organization (every id is foreign there).
    missing = sorted({r.endpoint for r in rules} - endpoints)
    assert missing == [], f"never probed: {missing}"
    for scenario in ROLES_BY_SCENARIO:
        assert any(s == scenario for _, s in probed), scenario
    # The unit and year scenarios reach the unit's records, not only the organization's.
    assert ("assessments.view", "an unassigned year") in probed
    assert ("inspections.finding_edit", "an unassigned year") in probed
    assert ("exemplars.edit", "another unit") in probed
    assert ("evidence.download", "an unassigned year") in probed
    assert ("deadlines.mark_unit_done", "another unit") in probed
    assert len(probe.requests) > 300


def test_the_rules_left_out_are_real_and_those_without_ids_have_none():
    app = create_app("testing")
    rules = {rule.endpoint: rule for rule in app.url_map.iter_rules()}
    for endpoint in NO_ID | NOT_PROBED:
        assert endpoint in rules, f"{endpoint} is listed but is no route"
    for endpoint in NO_ID:
        assert not any(id_model(endpoint, a) for a in rules[endpoint].arguments), endpoint
    for endpoint in NOT_PROBED:
        assert any(id_model(endpoint, a) for a in rules[endpoint].arguments), endpoint
