"""Demo propagation activities for most demo units, 2023-2025 and this year up to today,
idempotent by (unit, title)."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import select

from portal.accounts.models import User
from portal.audit import act_as
from portal.demo.department import UNITS, coordinator_email
from portal.demo.propagation_data import DATES, TEMPLATES, UNIT_TOPICS
from portal.demo.timeline import local_day
from portal.exemplars.models import Exemplar, ExemplarStatus
from portal.extensions import db
from portal.organizations.models import Organization, Unit
from portal.propagation.models import (
    ActivityType,
    Channel,
    PropagationActivity,
    PropagationActivityExemplar,
)

YEARS = (2023, 2024, 2025)
PER_YEAR = 2  # activities per unit and year


def seed(org: Organization, password: str, now: datetime | None = None) -> None:
    names = {slug: name for slug, name, _kind in UNITS}
    units = {
        u.name: u for u in db.session.scalars(select(Unit).where(Unit.organization_id == org.id))
    }
    previous_actor = db.session.info.get("audit_actor_id")
    today = local_day(now)
    for index, (slug, (topic, partner)) in enumerate(UNIT_TOPICS.items()):
        unit = units.get(names.get(slug, ""))
        if unit is None:
            continue
        coordinator = db.session.scalar(select(User).where(User.email == coordinator_email(slug)))
        act_as(coordinator)
        featured = _featured_exemplars(unit)
        for year_index, year in enumerate(_years(today)):
            for k in range(PER_YEAR):
                n = index + year_index * PER_YEAR + k
                template = TEMPLATES[n % len(TEMPLATES)]
                month, day = DATES[(index + k * 2) % len(DATES)]
                on = date(year, month, day)
                if on <= today:
                    _activity(unit, template, topic, partner, on, n, featured)
    act_as(db.session.get(User, previous_actor) if previous_actor else None)
    db.session.flush()


def _years(today: date) -> tuple[int, ...]:
    """The history's years, and this year's up to today once the history is over."""
    return YEARS + ((today.year,) if today.year > YEARS[-1] else ())


def _featured_exemplars(unit: Unit) -> list[Exemplar]:
    query = (
        select(Exemplar)
        .where(
            Exemplar.unit_id == unit.id,
            Exemplar.status.in_(
                (ExemplarStatus.RECOGNISED, ExemplarStatus.REPLICATED, ExemplarStatus.FOSTERING)
            ),
        )
        .order_by(Exemplar.year_identified, Exemplar.id)
        .limit(2)
    )
    return list(db.session.scalars(query))


def _activity(unit, template, topic, partner, on: date, n: int, featured) -> None:
    values = {"topic": topic, "unit": unit.name, "year": on.year, "n": n + 1}
    title = template.title.format(**values)
    if template.partner:
        title = f"{title} với {partner}"
    exists = db.session.scalar(
        select(PropagationActivity.id).where(
            PropagationActivity.unit_id == unit.id, PropagationActivity.title == title
        )
    )
    if exists is not None:
        return
    activity = PropagationActivity(
        unit_id=unit.id,
        activity_date=on,
        activity_type=ActivityType(template.kind),
        channel=Channel(template.channel),
        title=title,
        link=template.link.format(**values),
        audience_reached=_vary(template.audience, n, 1),
        cost_vnd=_vary(template.cost, n, 100_000),
        description=template.description,
        partner_unit=partner if template.partner else "",
    )
    db.session.add(activity)
    db.session.flush()
    if template.features:
        for exemplar in featured:
            if exemplar.year_identified <= on.year:
                activity.exemplar_links.append(
                    PropagationActivityExemplar(unit_id=unit.id, exemplar_id=exemplar.id)
                )


def _vary(value: int | None, n: int, step: int) -> int | None:
    """The template's figure, 0-30 % more depending on n, rounded to `step`."""
    if value is None:
        return None
    return max(step, round(value * (10 + n % 4) / 10 / step) * step)
