"""The rules of deadlines: saving them, marking units done, and who has completed what."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, time

from sqlalchemy import Select, false, func, or_, select

from portal.accounts.models import User
from portal.deadlines.completion import Completion, completion_map, record_model
from portal.deadlines.models import (
    CompletionMode,
    Deadline,
    DeadlineCompletion,
    DeadlineKind,
    DeadlineTarget,
    ReminderDelivery,
)
from portal.enums import LabelledEnum
from portal.extensions import db
from portal.formatting import VN_TZ, local_datetime
from portal.models_base import as_utc, in_ids, utcnow
from portal.msgids import N_
from portal.organizations.models import Unit
from portal.tenancy import sees_whole_organization, visible_unit_ids

DEFAULT_DUE_TIME = time(17, 0)


class CellStatus(LabelledEnum):
    DONE = "done", N_("Đã hoàn thành"), "success"  # completed by the due time
    LATE = "late", N_("Hoàn thành muộn"), "info"  # completed after the due time
    PENDING = "pending", N_("Chưa hoàn thành"), "secondary"  # not yet, not yet due
    OVERDUE = "overdue", N_("Quá hạn"), "danger"  # not done and past due


def due_at_from_local(day: date, at: time | None) -> datetime:
    """A date and time entered in Vietnam time, as the UTC moment stored."""
    return datetime.combine(day, at or DEFAULT_DUE_TIME, VN_TZ).astimezone(UTC)


def local_due(deadline: Deadline) -> tuple[date, time]:
    moment = local_datetime(deadline.due_at)
    return moment.date(), moment.time().replace(second=0, microsecond=0)


def default_title(kind: DeadlineKind | str, year: int) -> str:
    titles = {
        DeadlineKind.SELF_ASSESSMENT: f"Tự đánh giá công tác điển hình tiên tiến năm {year}",
        DeadlineKind.ANNUAL_REPORT: f"Báo cáo kết quả công tác điển hình tiên tiến năm {year}",
        DeadlineKind.CONGRESS_SUBMISSION: "Hồ sơ đề nghị khen thưởng và đại biểu dự Đại hội "
        "Thi đua yêu nước",
        DeadlineKind.REGISTRATION: f"Đăng ký thi đua năm {year}",
    }
    return titles.get(DeadlineKind(kind), f"Thời hạn năm {year}")


def can_use_record(kind: DeadlineKind | str) -> bool:
    """Whether completion can be read from a record of this kind."""
    return DeadlineKind(kind) != DeadlineKind.OTHER


def save_deadline(deadline: Deadline, data: dict, user: User) -> Deadline:
    """Create or update a deadline from clean form data, by `user`; the caller has validated
    it, and commits."""
    deadline.organization_id = user.organization_id
    deadline.period_id = data["period_id"]
    deadline.kind = DeadlineKind(data["kind"])
    deadline.year = data["year"]
    deadline.title = (data.get("title") or "").strip() or default_title(deadline.kind, data["year"])
    deadline.description = (data.get("description") or "").strip()
    deadline.due_at = due_at_from_local(data["due_date"], data.get("due_time"))
    mode = CompletionMode(data["completion_mode"])
    deadline.completion_mode = mode if can_use_record(deadline.kind) else CompletionMode.MANUAL
    deadline.all_units = bool(data["all_units"])
    deadline.remind_days_before = ",".join(str(d) for d in data["days_before"])
    deadline.escalate = bool(data["escalate"])
    deadline.reminders_enabled = bool(data["reminders_enabled"])
    if deadline.id is None:
        deadline.created_by_id = user.id
        db.session.add(deadline)
    _set_targets(deadline, set() if deadline.all_units else set(data.get("unit_ids") or ()))
    return deadline


def _set_targets(deadline: Deadline, unit_ids: set[int]) -> None:
    current = {t.unit_id: t for t in deadline.targets}
    for unit_id, target in current.items():
        if unit_id not in unit_ids:
            deadline.targets.remove(target)
    for unit_id in sorted(unit_ids - set(current)):
        deadline.targets.append(DeadlineTarget(unit_id=unit_id))


def delete_deadline(deadline: Deadline) -> None:
    """The caller commits."""
    db.session.delete(deadline)


def deadline_unit_ids(deadline: Deadline) -> set[int]:
    """The units a deadline applies to (every active unit when it is for all)."""
    if not deadline.all_units:
        return deadline.target_unit_ids
    return set(
        db.session.scalars(
            select(Unit.id).where(
                Unit.organization_id == deadline.organization_id, Unit.is_active.is_(True)
            )
        )
    )


def concerning(query: Select, user: User) -> Select:
    """Narrow a query of deadlines to those that apply to a unit `user` sees
    (all of them for org-wide readers)."""
    if sees_whole_organization(user):
        return query
    visible = visible_unit_ids(user)
    if not visible:
        return query.where(false())
    targeted = select(DeadlineTarget.deadline_id).where(DeadlineTarget.unit_id.in_(visible))
    return query.where(or_(Deadline.all_units.is_(True), Deadline.id.in_(targeted)))


def concerns(deadline: Deadline, user: User) -> bool:
    """Whether `deadline` applies to a unit `user` sees (always, for org-wide readers)."""
    if sees_whole_organization(user):
        return True
    return bool(deadline_unit_ids(deadline) & visible_unit_ids(user))


def mark_done(deadline: Deadline, unit_id: int, user: User, note: str = "") -> DeadlineCompletion:
    """The Office (`user`) records that a unit has done it; reminders to that unit stop
    once the caller commits."""
    existing = db.session.scalar(
        select(DeadlineCompletion).where(
            DeadlineCompletion.deadline_id == deadline.id, DeadlineCompletion.unit_id == unit_id
        )
    )
    if existing is not None:
        return existing
    completion = DeadlineCompletion(
        deadline_id=deadline.id,
        unit_id=unit_id,
        marked_by_id=user.id,
        completed_at=utcnow(),
        note=note.strip()[:500],
    )
    db.session.add(completion)
    return completion


def unmark_done(deadline: Deadline, unit_id: int) -> bool:
    """Whether there was a completion to take back. The caller commits."""
    existing = db.session.scalar(
        select(DeadlineCompletion).where(
            DeadlineCompletion.deadline_id == deadline.id, DeadlineCompletion.unit_id == unit_id
        )
    )
    if existing is None:
        return False
    db.session.delete(existing)
    return True


def cell_status(deadline: Deadline, completion: Completion | None, now: datetime) -> CellStatus:
    if completion is not None:
        return CellStatus.DONE if completion.on_time else CellStatus.LATE
    return CellStatus.OVERDUE if as_utc(deadline.due_at) <= now else CellStatus.PENDING


@dataclass(frozen=True)
class UnitProgress:
    unit: Unit
    status: CellStatus
    completion: Completion | None
    reminders_sent: int


def progress_by_unit(
    deadline: Deadline, visible: set[int], now: datetime | None = None
) -> list[UnitProgress]:
    """Each visible unit the deadline applies to, with its status (four queries)."""
    now = now or utcnow()
    unit_ids = deadline_unit_ids(deadline) & visible
    units = db.session.scalars(
        select(Unit).where(in_ids(Unit.id, unit_ids)).order_by(Unit.name)
    ).all()
    done = completion_map([deadline], unit_ids)
    sent = reminders_sent_by_unit(deadline, unit_ids)
    return [
        UnitProgress(
            u,
            cell_status(deadline, done.get((deadline.id, u.id)), now),
            done.get((deadline.id, u.id)),
            sent.get(u.id, 0),
        )
        for u in units
    ]


def reminders_sent_by_unit(deadline: Deadline, unit_ids: set[int]) -> dict[int, int]:
    prefix = f"deadline:{deadline.id}:unit:"
    rows = db.session.execute(
        select(ReminderDelivery.unit_id, func.count(ReminderDelivery.id))
        .where(
            ReminderDelivery.item_key.startswith(prefix),
            in_ids(ReminderDelivery.unit_id, unit_ids),
        )
        .group_by(ReminderDelivery.unit_id)
    )
    return dict(rows.all())


@dataclass
class Matrix:
    deadlines: Sequence[Deadline]
    units: Sequence[Unit]
    cells: dict[tuple[int, int], CellStatus]  # (deadline id, unit id); absent: not applicable

    def row(self, unit_id: int) -> list[CellStatus | None]:
        """The unit's status under each deadline, in order (None: not applicable): one
        list comprehension per row instead of a lookup per cell in the template."""
        return [self.cells.get((deadline.id, unit_id)) for deadline in self.deadlines]

    def summary(self, deadline: Deadline) -> dict[CellStatus, int]:
        counts = {status: 0 for status in CellStatus}
        for unit in self.units:
            status = self.cells.get((deadline.id, unit.id))
            if status is not None:
                counts[status] += 1
        return counts


def completion_matrix(
    deadlines: Sequence[Deadline], visible: Iterable[int], now: datetime | None = None
) -> Matrix:
    """Units x deadlines with a status per applicable cell, in a fixed number of queries."""
    now = now or utcnow()
    visible = set(visible)
    units = db.session.scalars(
        select(Unit).where(in_ids(Unit.id, visible), Unit.is_active.is_(True)).order_by(Unit.name)
    ).all()
    unit_ids = {u.id for u in units}
    done = completion_map(deadlines, unit_ids)
    cells = {}
    for deadline in deadlines:
        applies = unit_ids if deadline.all_units else deadline.target_unit_ids & unit_ids
        for unit_id in applies:
            cells[(deadline.id, unit_id)] = cell_status(
                deadline, done.get((deadline.id, unit_id)), now
            )
    return Matrix(deadlines, units, cells)


def record_source_available(kind: DeadlineKind | str) -> bool:
    return record_model(str(kind)) is not None
