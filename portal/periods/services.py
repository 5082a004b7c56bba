"""Plan periods of an organization: create and edit, with one current period."""

from __future__ import annotations

from datetime import date

from flask_babel import gettext as _
from sqlalchemy import select

from portal.extensions import db
from portal.periods.models import PlanPeriod
from portal.rules import RuleError

MAX_YEARS = 10


def save_period(
    organization_id: int,
    *,
    name: str,
    start_year: int,
    end_year: int,
    title: str = "",
    is_current: bool = False,
    period: PlanPeriod | None = None,
) -> PlanPeriod:
    """Create (or update `period`) after checking the years and the name's uniqueness.
    Marking a period current unmarks the organization's other periods."""
    name = name.strip()
    if end_year < start_year:
        raise RuleError(_("Năm kết thúc phải không trước năm bắt đầu."), "end_year")
    if end_year - start_year + 1 > MAX_YEARS:
        raise RuleError(_("Một kỳ kế hoạch dài tối đa %(n)s năm.", n=MAX_YEARS), "end_year")
    clash = select(PlanPeriod.id).where(
        PlanPeriod.organization_id == organization_id, PlanPeriod.name == name
    )
    if period is not None:
        clash = clash.where(PlanPeriod.id != period.id)
    if db.session.scalar(clash) is not None:
        raise RuleError(_("Đã có kỳ kế hoạch tên %(name)s.", name=name), "name")
    if period is None:
        period = PlanPeriod(organization_id=organization_id)
        db.session.add(period)
    period.name = name
    period.title = title.strip()
    period.start_year = start_year
    period.end_year = end_year
    period.is_current = is_current
    db.session.flush()
    if is_current:
        _unmark_others(period)
    return period


def _unmark_others(period: PlanPeriod) -> None:
    others = db.session.scalars(
        select(PlanPeriod).where(
            PlanPeriod.organization_id == period.organization_id,
            PlanPeriod.id != period.id,
            PlanPeriod.is_current.is_(True),
        )
    )
    for other in others:  # through the ORM, so that the audit log records it
        other.is_current = False


def period_for_year(organization_id: int, year: int) -> PlanPeriod | None:
    """The period covering `year` (the current one first if several do)."""
    return db.session.scalar(
        select(PlanPeriod)
        .where(
            PlanPeriod.organization_id == organization_id,
            PlanPeriod.start_year <= year,
            PlanPeriod.end_year >= year,
        )
        .order_by(PlanPeriod.is_current.desc(), PlanPeriod.start_year.desc())
        .limit(1)
    )


def organization_years(organization_id: int, today: date) -> list[int]:
    """The years of every plan period of the organization (and this year)."""
    periods = db.session.scalars(
        select(PlanPeriod).where(PlanPeriod.organization_id == organization_id)
    ).all()
    years = {today.year}
    for period in periods:
        years.update(period.years)
    return sorted(years)
