"""How a deadline is known to be met, per unit, for many deadlines and units at once.

Record-based deadlines look up the matching record through the model registered
for their kind at start-up by portal/registry.py (a self-assessment, an annual
report, a congress submission that reached 'submitted' or later); the Office can
also mark any unit done.
A record submitted after the due time still completes the item (reminders
stop) but is shown as late.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import Enum as SAEnum
from sqlalchemy import Integer, String, cast, func, literal, null, select, union_all

from portal.deadlines.models import CompletionMode, Deadline, DeadlineCompletion
from portal.extensions import db
from portal.models_base import as_utc

# States of the shared review workflow that mean "the unit has submitted".
SUBMITTED_STATES = ("submitted", "returned", "resubmitted", "accepted")


@dataclass(frozen=True)
class Completion:
    at: datetime | None
    by_office: bool
    on_time: bool


# deadline kind -> the model whose submitted record completes a deadline of that kind.
COMPLETION_MODELS: dict[str, type] = {}


def register_completion(kind: str, model: type) -> None:
    COMPLETION_MODELS[kind] = model


def record_model(kind: str) -> type | None:
    return COMPLETION_MODELS.get(str(kind))


def completion_map(
    deadlines: Iterable[Deadline], unit_ids: Iterable[int]
) -> dict[tuple[int, int], Completion]:
    """(deadline id, unit id) -> Completion for every completed pair.

    Two statements whatever the number of deadlines, units and record kinds: the
    earliest submission of every record kind (one grouped select per kind, in one
    UNION ALL), and the Office's marks.
    """
    deadlines = list(deadlines)
    unit_ids = set(unit_ids)
    result: dict[tuple[int, int], Completion] = {}
    if not deadlines or not unit_ids:
        return result
    by_kind: dict[str, list[Deadline]] = {}
    for deadline in deadlines:
        if deadline.completion_mode == CompletionMode.RECORD and record_model(deadline.kind):
            by_kind.setdefault(str(deadline.kind), []).append(deadline)
    if by_kind:
        result.update(_record_completions(by_kind, unit_ids))
    due = {d.id: as_utc(d.due_at) for d in deadlines}
    marks = db.session.execute(
        select(
            DeadlineCompletion.deadline_id,
            DeadlineCompletion.unit_id,
            DeadlineCompletion.completed_at,
        ).where(
            DeadlineCompletion.deadline_id.in_(due),
            DeadlineCompletion.unit_id.in_(unit_ids),
        )
    )
    for deadline_id, unit_id, at in marks:
        at = as_utc(at)
        result[(deadline_id, unit_id)] = Completion(at, True, at <= due[deadline_id])
    return result


def _year_and_period(model: type) -> tuple:
    """The model's year and period columns (None for one it does not have)."""
    return getattr(model, "year", None), getattr(model, "period_id", None)


def _earliest_submissions(kind: str, deadlines: list[Deadline], unit_ids: set[int]):
    """(kind, unit id, year, period id, earliest submission) of the kind's records, one
    row per unit, year and period; year or period NULL when the model has none."""
    model = record_model(kind)
    year_col, period_col = _year_and_period(model)
    grouped = [model.unit_id] + [c for c in (year_col, period_col) if c is not None]
    query = select(
        literal(kind, String).label("kind"),
        model.unit_id,
        (year_col if year_col is not None else cast(null(), Integer)).label("year"),
        (period_col if period_col is not None else cast(null(), Integer)).label("period_id"),
        func.min(model.submitted_at).label("submitted_at"),
    ).where(
        model.unit_id.in_(unit_ids),
        model.state.in_(_submitted_states(model)),
        model.submitted_at.is_not(None),
    )
    if year_col is not None:
        query = query.where(year_col.in_({d.year for d in deadlines}))
    if period_col is not None:
        query = query.where(period_col.in_({d.period_id for d in deadlines}))
    return query.group_by(*grouped)


def _record_completions(
    by_kind: dict[str, list[Deadline]], unit_ids: set[int]
) -> dict[tuple[int, int], Completion]:
    selects = [_earliest_submissions(kind, group, unit_ids) for kind, group in by_kind.items()]
    earliest: dict[tuple, datetime] = {}
    for kind, unit_id, year, period_id, at in db.session.execute(union_all(*selects)):
        earliest[(kind, unit_id, year, period_id)] = as_utc(at)
    result = {}
    for kind, deadlines in by_kind.items():
        year_col, period_col = _year_and_period(record_model(kind))
        for deadline in deadlines:
            due_at = as_utc(deadline.due_at)
            year = deadline.year if year_col is not None else None
            period_id = deadline.period_id if period_col is not None else None
            for unit_id in unit_ids:
                at = earliest.get((kind, unit_id, year, period_id))
                if at is not None:
                    result[(deadline.id, unit_id)] = Completion(at, False, at <= due_at)
    return result


def _submitted_states(model: type) -> list:
    """The submitted states the model's column knows (an Enum rejects others)."""
    column_type = model.__table__.c.state.type  # type: ignore[attr-defined]
    if isinstance(column_type, SAEnum) and column_type.enums:
        return [s for s in SUBMITTED_STATES if s in column_type.enums]
    return list(SUBMITTED_STATES)
