"""Finding exemplars: the list's filters, and the summaries of the unit workspace.
Every query starts from the tenancy helpers, so nobody sees another unit's rows."""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass, fields

from sqlalchemy import ColumnElement, Select, func, or_, select
from sqlalchemy.orm import joinedload, selectinload

from portal.accounts.loaders import named_user
from portal.criteria.models import CriteriaSet
from portal.exemplars.models import (
    Exemplar,
    ExemplarEvaluation,
    ExemplarEvent,
    ExemplarKind,
    ExemplarStatus,
    FosteringAction,
)
from portal.extensions import db
from portal.listing import text_search
from portal.models_base import in_ids
from portal.tenancy import scoped, visible_unit_ids


@dataclass
class ExemplarFilters:
    """The list's filters (read from the query string by `ExemplarFilterForm`)."""

    year: int | None = None
    status: ExemplarStatus | None = None
    kind: ExemplarKind | None = None
    field: str = ""
    unit_id: int | None = None
    q: str = ""

    def as_args(self) -> dict:
        """The non-empty filters, to carry into pagination and export links."""
        values = {f.name: getattr(self, f.name) for f in fields(self)}
        return {k: (v.value if hasattr(v, "value") else v) for k, v in values.items() if v}


def filtered_exemplars(filters: ExemplarFilters) -> Select:
    """Visible exemplars matching the filters, with what the list shows loaded."""
    query = scoped(Exemplar).options(joinedload(Exemplar.unit), joinedload(Exemplar.person))
    if filters.year:
        query = query.where(
            or_(Exemplar.year_identified == filters.year, Exemplar.year_recognised == filters.year)
        )
    if filters.status:
        query = query.where(Exemplar.status == filters.status)
    if filters.kind:
        query = query.where(Exemplar.kind == filters.kind)
    if filters.field:
        query = query.where(Exemplar.field_of_work == filters.field)
    if filters.unit_id:
        query = query.where(Exemplar.unit_id == filters.unit_id)
    if filters.q:
        query = query.where(
            text_search(
                filters.q,
                Exemplar.name,
                Exemplar.position,
                Exemplar.movement,
                Exemplar.achievements,
                Exemplar.initiatives,
                Exemplar.field_of_work,
            )
        )
    return query.order_by(Exemplar.year_identified.desc(), Exemplar.name, Exemplar.id)


def field_choices() -> list[str]:
    """The fields of work in use among the visible exemplars (for the filter)."""
    return list(
        db.session.scalars(
            select(Exemplar.field_of_work)
            .where(in_ids(Exemplar.unit_id, visible_unit_ids()), Exemplar.field_of_work != "")
            .distinct()
            .order_by(Exemplar.field_of_work)
        )
    )


def exemplar_choices(unit_id: int, keep_ids: Collection[int] = ()) -> list[Exemplar]:
    """A unit's exemplars that a record may name, by name: not the dropped ones,
    unless already named (`keep_ids`), so that an edit does not lose them."""
    query = (
        select(Exemplar)
        .where(
            Exemplar.unit_id == unit_id,
            or_(Exemplar.status != ExemplarStatus.DROPPED, Exemplar.id.in_(keep_ids)),
        )
        .order_by(Exemplar.name)
    )
    return list(db.session.scalars(query))


def status_counts(unit_ids: list[int], *keep: ColumnElement[bool]) -> dict[ExemplarStatus, int]:
    """How many exemplars the units have in each status (every status present); `keep`:
    further conditions on the exemplars counted (e.g. `tenancy.council_clause`)."""
    counts = {status: 0 for status in ExemplarStatus}
    rows = db.session.execute(
        select(Exemplar.status, func.count(Exemplar.id))
        .where(in_ids(Exemplar.unit_id, unit_ids), *keep)
        .group_by(Exemplar.status)
    )
    for status, count in rows:
        counts[status] = count
    return counts


def recent_events(
    unit_ids: list[int], limit: int = 10, *keep: ColumnElement[bool]
) -> list[ExemplarEvent]:
    """The latest timeline entries of the units' exemplars, newest first."""
    return list(
        db.session.scalars(
            select(ExemplarEvent)
            .where(in_ids(ExemplarEvent.unit_id, unit_ids), *keep)
            .options(joinedload(ExemplarEvent.exemplar), named_user(ExemplarEvent.actor))
            .order_by(ExemplarEvent.occurred_on.desc(), ExemplarEvent.id.desc())
            .limit(limit)
        )
    )


def exemplar_detail_options():
    """Loader options for the exemplar page: everything it shows, in a few queries."""

    return (
        joinedload(Exemplar.unit),
        joinedload(Exemplar.person),
        selectinload(Exemplar.events).joinedload(ExemplarEvent.actor),
        selectinload(Exemplar.fostering_actions).joinedload(FosteringAction.owner_user),
        selectinload(Exemplar.evaluations).options(
            joinedload(ExemplarEvaluation.evaluator),
            selectinload(ExemplarEvaluation.scores),
            joinedload(ExemplarEvaluation.criteria_set).selectinload(CriteriaSet.items),
        ),
    )
