"""The dashboards' figures kept in Redis, dropped as soon as a record that feeds them
changes.

Each organization has a version number in Redis, bumped after the commit of any flush
that wrote a record a figure reads (FEEDING_MODELS); a bulk UPDATE or DELETE on one
of those tables names no organization, so it bumps one version shared by all. A
figure is stored with the versions it was computed under and read back only while
both are unchanged, so a change shows on the next view. Entries also expire after
TTL_SECONDS: a deadline passing changes a cell without any write.

Redis down: the figures are computed each time (the page still renders), and Redis
is not asked again for DOWN_SECONDS, so that a dead server costs one timeout, not
one per page.
"""

from __future__ import annotations

import hashlib
import logging
import pickle
import time
from collections.abc import Callable
from typing import Any, TypeVar

from flask import current_app
from redis.exceptions import RedisError
from sqlalchemy.orm import ORMExecuteState, Session

from portal.accounts.models import CouncilAssignment
from portal.annualreports.models import AnnualReport
from portal.assessments.models import SelfAssessment
from portal.congress.models import CongressSubmission
from portal.deadlines.models import Deadline, DeadlineCompletion, DeadlineTarget, ReminderDelivery
from portal.exemplars.models import Exemplar
from portal.inspections.models import Inspection, InspectionFinding, SupervisionPlanItem
from portal.jobs.connection import get_redis
from portal.mail.models import MailMessage
from portal.organizations.models import Unit
from portal.periods.models import PlanPeriod
from portal.propagation.models import PropagationActivity
from portal.reviews.models import ReviewEvent

log = logging.getLogger(__name__)
T = TypeVar("T")

TTL_SECONDS = 60
DOWN_SECONDS = 30
PREFIX = "portal:dashboards"
ALL_ORGANIZATIONS = "all"
_PENDING = "dashboard_organizations"  # session.info: organizations written, not committed

# What the matrix (portal/dashboards/services.py `obligations`) and the charts
# (portal/dashboards/charts.py) read; a council member's matrix also depends on their
# assignments (tenancy.council_clause).
FEEDING_MODELS: tuple[type, ...] = (
    Unit,
    PlanPeriod,
    Exemplar,
    PropagationActivity,
    Inspection,
    InspectionFinding,
    SupervisionPlanItem,
    SelfAssessment,
    AnnualReport,
    CongressSubmission,
    ReviewEvent,
    Deadline,
    DeadlineTarget,
    DeadlineCompletion,
    ReminderDelivery,
    MailMessage,
    CouncilAssignment,
)
_FEEDING_TABLES = frozenset(model.__tablename__ for model in FEEDING_MODELS)


def version_key(organization: int | str) -> str:
    return f"{PREFIX}:version:{organization}"


def cached(organization_id: int, figure: str, parts: tuple, compute: Callable[[], T]) -> T:
    """The figure of `organization_id` named by `figure` and `parts` (what it depends on
    besides the stored records), from Redis when still valid, else computed and kept."""
    client = _client()
    if client is None:
        return compute()
    digest = hashlib.sha1(repr(parts).encode()).hexdigest()
    key = f"{PREFIX}:{organization_id}:{figure}:{digest}"
    try:
        pipe = client.pipeline(transaction=False)
        pipe.get(version_key(organization_id))
        pipe.get(version_key(ALL_ORGANIZATIONS))
        pipe.get(key)
        own, shared, stored = pipe.execute()
    except (RedisError, OSError) as exc:
        _went_down(exc)
        return compute()
    versions = (own, shared)
    if stored is not None:
        stored_versions, value = pickle.loads(stored)
        if stored_versions == versions:
            return value
    value = compute()
    try:
        client.set(key, pickle.dumps((versions, value)), ex=TTL_SECONDS)
    except (RedisError, OSError) as exc:
        _went_down(exc)
    return value


def _client():
    """The Redis client, or None while Redis is known to be down."""
    state = current_app.extensions.setdefault("portal_dashboard_cache", {"down_until": 0.0})
    if time.monotonic() < state["down_until"]:
        return None
    return get_redis()


def _went_down(exc: Exception) -> None:
    log.warning("Redis unreachable (%s): dashboard figures computed without the cache", exc)
    state = current_app.extensions.setdefault("portal_dashboard_cache", {"down_until": 0.0})
    state["down_until"] = time.monotonic() + DOWN_SECONDS


def _organization_of(session: Session, instance: Any) -> int | None:
    organization_id = getattr(instance, "organization_id", None)
    if organization_id is not None or isinstance(instance, Unit | PlanPeriod | Deadline):
        return organization_id
    unit_id = getattr(instance, "unit_id", None)
    if unit_id is None:
        return None
    unit = session.identity_map.get(session.identity_key(Unit, unit_id))
    if unit is not None:
        return unit.organization_id
    return session.connection().scalar(
        Unit.__table__.select().with_only_columns(Unit.organization_id).where(Unit.id == unit_id)
    )


def _collect_written(session: Session, _flush_context: Any) -> None:
    written = [*session.new, *session.dirty, *session.deleted]
    feeding = [obj for obj in written if isinstance(obj, FEEDING_MODELS)]
    if not feeding:
        return
    pending = session.info.setdefault(_PENDING, set())
    for instance in feeding:
        organization_id = _organization_of(session, instance)
        pending.add(ALL_ORGANIZATIONS if organization_id is None else organization_id)


def _collect_bulk(state: ORMExecuteState) -> None:
    """A bulk UPDATE or DELETE (the mail jobs' status changes) names no organization."""
    if not (state.is_update or state.is_delete):
        return
    table = getattr(state.statement, "table", None)
    if table is not None and table.name in _FEEDING_TABLES:
        state.session.info.setdefault(_PENDING, set()).add(ALL_ORGANIZATIONS)


def _bump_committed(session: Session) -> None:
    pending = session.info.pop(_PENDING, None)
    if not pending:
        return
    # No Redis: nothing is read from it either while it is known down, and entries kept
    # from before expire after TTL_SECONDS. RuntimeError: no app (a bare script).
    try:
        client = _client()
        if client is None:
            return
        pipe = client.pipeline(transaction=False)
        for organization in pending:
            pipe.incr(version_key(organization))
        pipe.execute()
    except RuntimeError:
        return
    except (RedisError, OSError) as exc:
        _went_down(exc)


def _drop_pending(session: Session, *_args: Any) -> None:
    session.info.pop(_PENDING, None)


# Installed by portal/registry.py at start-up.
LISTENERS = (
    (Session, "after_flush", _collect_written),
    (Session, "do_orm_execute", _collect_bulk),
    (Session, "after_commit", _bump_committed),
    (Session, "after_rollback", _drop_pending),
)
