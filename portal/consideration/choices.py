"""Select options of the consideration forms, always limited to the user's organization."""

from __future__ import annotations

from flask_babel import gettext as _
from sqlalchemy import select
from sqlalchemy.orm import joinedload

from portal.accounts.models import User
from portal.consideration.models import AwardTitle
from portal.exemplars.models import Exemplar, ExemplarStatus
from portal.extensions import db
from portal.organizations.models import Unit
from portal.periods.models import PlanPeriod
from portal.tenancy import scoped


def period_choices(organization_id: int) -> list[tuple[int, str]]:
    periods = db.session.scalars(
        select(PlanPeriod)
        .where(PlanPeriod.organization_id == organization_id)
        .order_by(PlanPeriod.start_year.desc())
    )
    return [(p.id, p.name) for p in periods]


def title_choices(organization_id: int, include_id: int | None = None) -> list[tuple[int, str]]:
    """Active titles, plus the one already chosen even if since retired."""
    titles = db.session.scalars(
        select(AwardTitle)
        .where(AwardTitle.organization_id == organization_id)
        .order_by(AwardTitle.sort_order, AwardTitle.name)
    )
    return [(t.id, t.name) for t in titles if t.is_active or t.id == include_id]


def nomination_title_choices(
    organization_id: int, include_id: int | None = None
) -> list[tuple[int, str]]:
    """The titles a nomination may take, each saying whom it is for (the one title rule,
    `catalogue.title_fits`, refuses the others when the nomination is saved)."""
    titles = db.session.scalars(
        select(AwardTitle)
        .where(AwardTitle.organization_id == organization_id)
        .order_by(AwardTitle.sort_order, AwardTitle.name)
    )
    return [
        (t.id, f"{t.name} ({t.audience.label})")
        for t in titles
        if t.is_active or t.id == include_id
    ]


def exemplar_choices() -> list[tuple[int, str]]:
    """The exemplars of the units the user sees (the Office: the whole organization)."""
    exemplars = db.session.scalars(
        scoped(Exemplar)
        .join(Unit, Exemplar.unit_id == Unit.id)
        .where(Exemplar.status != ExemplarStatus.DROPPED)
        .options(joinedload(Exemplar.unit))
        .order_by(Unit.name, Exemplar.name)
    )
    return [(0, _("— Không chọn —"))] + [(e.id, f"{e.name} ({e.unit.name})") for e in exemplars]


def user_choices(organization_id: int) -> list[tuple[int, str]]:
    users = db.session.scalars(
        select(User)
        .where(User.organization_id == organization_id, User.active.is_(True))
        .order_by(User.full_name)
    )
    return [(0, _("— Không chọn —"))] + [(u.id, f"{u.full_name} ({u.email})") for u in users]


def unit_choices(organization_id: int) -> list[tuple[int, str]]:
    units = db.session.scalars(
        select(Unit).where(Unit.organization_id == organization_id).order_by(Unit.name)
    )
    return [(0, _("— Không chọn —"))] + [(u.id, u.name) for u in units]
