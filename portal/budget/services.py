"""The programme's budget (plan clause IV): the amounts the Office sets per year (for the
whole organization, and per unit where it assigns one), and the costs of propagation,
training and fostering set against them."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from flask_babel import gettext as _
from sqlalchemy import and_, func, literal, or_, select, union_all

from portal.budget.models import ProgrammeBudget
from portal.exemplars.models import FosteringAction, FosteringStatus
from portal.extensions import db
from portal.msgids import N_
from portal.organizations.models import Unit
from portal.propagation.models import PropagationActivity
from portal.rules import RuleError
from portal.training.models import TrainingRecord

# Kinds of activity whose costs count against the budget, in the order shown.
KINDS = (
    ("propagation", N_("Tuyên truyền, nhân rộng")),
    ("training", N_("Tập huấn, bồi dưỡng cán bộ")),
    ("fostering", N_("Bồi dưỡng điển hình")),
)
MAX_AMOUNT = 10**13


@dataclass
class UnitSpending:
    unit_id: int
    unit_name: str
    budget: int | None
    by_kind: dict[str, int] = field(default_factory=dict)

    @property
    def spent(self) -> int:
        return sum(self.by_kind.values())

    @property
    def remaining(self) -> int | None:
        return None if self.budget is None else self.budget - self.spent


@dataclass
class BudgetSummary:
    """A year's budget, what was spent (per kind and per unit) and what remains."""

    year: int
    budget: int | None
    units: list[UnitSpending]

    @property
    def by_kind(self) -> dict[str, int]:
        return {key: sum(u.by_kind.get(key, 0) for u in self.units) for key, _label in KINDS}

    @property
    def spent(self) -> int:
        return sum(u.spent for u in self.units)

    @property
    def remaining(self) -> int | None:
        return None if self.budget is None else self.budget - self.spent


def _year_range(year: int) -> tuple[date, date]:
    return date(year, 1, 1), date(year + 1, 1, 1)


def costs_by_unit(unit_ids: list[int], year: int) -> dict[int, dict[str, int]]:
    """{unit id: {kind: cost}} of the year, in one statement (three grouped selects).
    Propagation counts by its date, training by its first day, fostering (not
    cancelled) by its due date or, without one, the day it was done."""
    start, end = _year_range(year)
    result: dict[int, dict[str, int]] = {u: {} for u in unit_ids}
    if not unit_ids:
        return result
    queries = {
        "propagation": (
            PropagationActivity,
            and_(
                PropagationActivity.activity_date >= start, PropagationActivity.activity_date < end
            ),
        ),
        "training": (
            TrainingRecord,
            and_(TrainingRecord.start_date >= start, TrainingRecord.start_date < end),
        ),
        "fostering": (
            FosteringAction,
            and_(
                FosteringAction.status != FosteringStatus.CANCELLED,
                or_(
                    and_(FosteringAction.due_date >= start, FosteringAction.due_date < end),
                    and_(
                        FosteringAction.due_date.is_(None),
                        FosteringAction.completed_at >= start,
                        FosteringAction.completed_at < end,
                    ),
                ),
            ),
        ),
    }
    rows = db.session.execute(
        union_all(
            *(
                select(
                    literal(kind).label("kind"),
                    model.unit_id,
                    func.coalesce(func.sum(model.cost_vnd), 0).label("total"),
                )
                .where(model.unit_id.in_(unit_ids), in_year)
                .group_by(model.unit_id)
                for kind, (model, in_year) in queries.items()
            )
        )
    )
    for kind, unit_id, total in rows:
        result[unit_id][kind] = int(total)
    return result


def budgets_of_year(organization_id: int, year: int) -> dict[int | None, ProgrammeBudget]:
    """{unit id or None (the organization's): budget row} of the year."""
    rows = db.session.scalars(
        select(ProgrammeBudget).where(
            ProgrammeBudget.organization_id == organization_id, ProgrammeBudget.year == year
        )
    )
    return {row.unit_id: row for row in rows}


def summary(organization_id: int, year: int, units: list[Unit]) -> BudgetSummary:
    """The year's budget against the costs of `units` (the whole organization's budget;
    for a single unit, its own budget where one is assigned)."""
    budgets = budgets_of_year(organization_id, year)
    costs = costs_by_unit([u.id for u in units], year)
    rows = [
        UnitSpending(
            u.id,
            u.name,
            budgets[u.id].amount_vnd if u.id in budgets else None,
            costs.get(u.id, {}),
        )
        for u in units
    ]
    whole = budgets.get(None)
    return BudgetSummary(year, whole.amount_vnd if whole else None, rows)


def unit_summary(organization_id: int, year: int, unit: Unit) -> BudgetSummary:
    """A unit's own spending against the budget assigned to it."""
    result = summary(organization_id, year, [unit])
    result.budget = result.units[0].budget
    return result


def set_budget(
    organization_id: int, year: int, unit_id: int | None, amount: int | None, note: str
) -> ProgrammeBudget | None:
    """Set (or, with no amount, remove) the year's budget of the organization or of one
    of its units. Raises RuleError on the field at fault; the caller commits."""
    if amount is not None and not 0 <= amount <= MAX_AMOUNT:
        raise RuleError(_("Kinh phí phải là số không âm."), "amount_vnd")
    if not 2000 <= year <= 2100:
        raise RuleError(_("Năm không hợp lệ."), "year")
    if unit_id is not None and not db.session.scalar(
        select(Unit.id).where(Unit.id == unit_id, Unit.organization_id == organization_id)
    ):
        raise RuleError(_("Chỉ được chọn các đơn vị của Sở."), "unit_id")
    row = budgets_of_year(organization_id, year).get(unit_id)
    if amount is None:
        if row is not None:
            db.session.delete(row)
        return None
    if row is None:
        row = ProgrammeBudget(organization_id=organization_id, year=year, unit_id=unit_id)
        db.session.add(row)
    row.amount_vnd = amount
    row.note = (note or "").strip()
    return row


REPORT_HEADERS = [
    "Đơn vị",
    "Được giao",
    "Tuyên truyền, nhân rộng",
    "Tập huấn, bồi dưỡng cán bộ",
    "Bồi dưỡng điển hình",
    "Đã chi",
    "Còn lại",
]


def report_rows(organization_id: int, year: int, units: list[Unit], format_vnd) -> list[list]:
    """The budget table of the yearly report: one row per unit, then the whole
    organization (budget, costs per kind, spent, remaining), amounts as `format_vnd`
    writes them."""
    data = summary(organization_id, year, units)

    def money(value: int | None) -> str:
        return "—" if value is None else format_vnd(value)

    rows = [
        [
            u.unit_name,
            money(u.budget),
            *(money(u.by_kind.get(key, 0)) for key, _label in KINDS),
            money(u.spent),
            money(u.remaining),
        ]
        for u in data.units
    ]
    rows.append(
        [
            "Toàn Sở",  # the document is written in Vietnamese whatever the language
            money(data.budget),
            *(money(data.by_kind[key]) for key, _label in KINDS),
            money(data.spent),
            money(data.remaining),
        ]
    )
    return rows


def unit_figures(unit_id: int, year: int) -> dict:
    """A unit's budget of the year against its costs, as plain JSON (the annual report
    freezes it with its other figures)."""
    unit = db.session.get(Unit, unit_id)
    data = unit_summary(unit.organization_id, year, unit)
    return {
        "budget_vnd": data.budget,
        "by_kind": data.by_kind,
        "spent_vnd": data.spent,
        "remaining_vnd": data.remaining,
    }
