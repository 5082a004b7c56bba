"""What the deadline pages show: period choice, labels, the Excel export, due items."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import timedelta

from flask_babel import lazy_gettext as _l
from markupsafe import Markup
from sqlalchemy import func, or_, select
from wtforms.fields.choices import SelectChoice

from portal.accounts.models import User
from portal.deadlines.forms import DeadlineForm
from portal.deadlines.models import Deadline, ReminderDelivery
from portal.deadlines.providers import DueItem, ItemQuery, due_items
from portal.deadlines.services import CellStatus, Matrix, default_title
from portal.documents.excel import xlsx_response
from portal.extensions import db
from portal.formatting import format_date, format_datetime, today_vn
from portal.models_base import utcnow
from portal.periods.models import PlanPeriod, current_period
from portal.tenancy import current_org, org_scoped, visible_units


def selected_period(period_id: int | None) -> tuple[list[PlanPeriod], PlanPeriod | None]:
    """The organization's periods and the one asked for (else the current one)."""
    periods = db.session.scalars(
        org_scoped(PlanPeriod).order_by(PlanPeriod.start_year.desc())
    ).all()
    chosen = next((p for p in periods if p.id == period_id), None)
    if chosen is None and current_org is not None:
        chosen = current_period(current_org.id)
    return list(periods), chosen


def period_deadlines(query, period: PlanPeriod | None, year: int | None) -> list[Deadline]:
    if period is not None:
        query = query.where(Deadline.period_id == period.id)
    if year:
        query = query.where(Deadline.year == year)
    return list(db.session.scalars(query.order_by(Deadline.due_at)).all())


def deadline_form(deadline: Deadline, user: User) -> DeadlineForm:
    """The form with the organization's periods and the units `user` sees as choices."""
    periods = db.session.scalars(org_scoped(PlanPeriod).order_by(PlanPeriod.start_year)).all()
    form = DeadlineForm(
        obj=deadline if deadline.id else None, period_years={p.id: p.years for p in periods}
    )
    form.period_id.choices = [SelectChoice(p.id, p.name) for p in periods]
    units = db.session.scalars(visible_units(user, active_only=True)).all()
    form.unit_ids.choices = [SelectChoice(u.id, u.name) for u in units]
    if not form.is_submitted():
        if deadline.id:
            form.unit_ids.data = sorted(deadline.target_unit_ids)
        else:
            period = current_period(user.organization_id)
            year = today_vn().year
            if period is not None:
                form.period_id.data = period.id
                year = min(max(year, period.start_year), period.end_year)
            form.year.data = year
            form.title.render_kw = {"placeholder": default_title("self_assessment", year)}
    return form


def stage_label(stage_key: str) -> str:
    name = stage_key.split(":", 1)[0]
    if name.startswith("before_"):
        return str(_l("Nhắc trước %(days)s ngày", days=name.removeprefix("before_")))
    if name == "due":
        return str(_l("Ngày đến hạn"))
    if name.startswith("overdue_w"):
        return str(_l("Quá hạn, tuần thứ %(week)s", week=name.removeprefix("overdue_w")))
    return name


def stage_counts(deadline: Deadline) -> list[tuple[str, str, int]]:
    """(stage label, category, reminders delivered) for one deadline, in one query."""
    rows = db.session.execute(
        select(ReminderDelivery.stage, ReminderDelivery.category, func.count(ReminderDelivery.id))
        .where(
            or_(
                ReminderDelivery.item_key.startswith(f"deadline:{deadline.id}:unit:"),
                ReminderDelivery.item_key == f"deadline:{deadline.id}",
            )
        )
        .group_by(ReminderDelivery.stage, ReminderDelivery.category)
        .order_by(func.min(ReminderDelivery.created_at))
    )
    return [(stage_label(stage), category, count) for stage, category, count in rows]


def matrix_workbook_response(matrix: Matrix, period: PlanPeriod | None):
    """The completion matrix as an .xlsx download: one row per unit, one column per deadline."""
    header = [str(_l("STT")), str(_l("Đơn vị"))] + [
        f"{d.title} ({_l('hạn')} {format_datetime(d.due_at)})" for d in matrix.deadlines
    ]
    rows = []
    for number, unit in enumerate(matrix.units, start=1):
        row = [number, unit.name]
        for deadline in matrix.deadlines:
            status = matrix.cells.get((deadline.id, unit.id))
            row.append(str(status.label if status else _l("Không áp dụng")))
        rows.append(row)
    name = f"tien-do-thoi-han-{period.name if period else 'tat-ca'}.xlsx"
    return xlsx_response(name, [(str(_l("Tiến độ")), header, rows)])


def matrix_row_cells(matrix: Matrix) -> Callable[[int], Markup]:
    """A unit's row of cells as HTML, each status's cell written once: a page holds
    deadlines x units of them, and a template expression per cell costs most of it."""
    html: dict[CellStatus | None, str] = {
        status: Markup('<td><span class="badge text-bg-{} status-badge">{}</span></td>').format(
            status.tone, status.label
        )
        for status in CellStatus
    }
    html[None] = Markup('<td><span class="text-muted">{}</span></td>').format(_l("Không áp dụng"))
    return lambda unit_id: Markup("".join(html[status] for status in matrix.row(unit_id)))


@dataclass(frozen=True)
class ItemRow:
    item: DueItem
    overdue: bool

    @property
    def due_text(self) -> str:
        return (
            format_date(self.item.due_at)
            if self.item.all_day
            else format_datetime(self.item.due_at)
        )


def upcoming_items(user: User, visible: set[int], days: int) -> list[ItemRow]:
    """Pending items due within `days` days or overdue, in the units of `user`'s
    organization that they see (`visible`)."""
    days = min(max(days, 1), 365)
    now = utcnow()
    query = ItemQuery(
        organization_id=user.organization_id,
        due_before=now + timedelta(days=days),
        unit_ids=frozenset(visible),
    )
    rows = [ItemRow(item, item.due_at <= now) for item in due_items(query)]
    return sorted(rows, key=lambda r: (r.item.due_at, r.item.unit_name, r.item.key))
