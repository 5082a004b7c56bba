"""The choices of the decision forms: the organization's titles, and the collectives
and individuals that can receive an award (its units, exemplars and people)."""

from __future__ import annotations

from flask_babel import gettext as _
from sqlalchemy import select

from portal.awards.models import AwardLevel
from portal.awards.services import unit_people_choices
from portal.consideration.models import AwardTitle
from portal.exemplars.models import Exemplar, ExemplarKind
from portal.extensions import db
from portal.movements.models import Movement
from portal.organizations.models import Organization, Unit


def title_choices(organization_id: int) -> list[tuple[str, str]]:
    titles = db.session.scalars(
        select(AwardTitle)
        .where(AwardTitle.organization_id == organization_id, AwardTitle.is_active.is_(True))
        .order_by(AwardTitle.sort_order, AwardTitle.name)
    )
    return [("", _("— Không chọn (nhập tên hình thức) —"))] + [(str(t.id), t.name) for t in titles]


def movement_choices(organization_id: int) -> list[tuple[str, str]]:
    """The organization's movements, the Office's and the units' own, newest first."""
    movements = db.session.scalars(
        select(Movement)
        .where(Movement.organization_id == organization_id)
        .order_by(Movement.start_date.desc(), Movement.id.desc())
    )
    return [("", _("— Không theo phong trào nào —"))] + [(str(m.id), m.name) for m in movements]


def target_choices(organization_id: int) -> list[tuple[str, str]]:
    """ "unit:ID", "exemplar:ID" and "user:ID" choices with readable labels."""
    options: list[tuple[str, str]] = [("", _("— Chọn —"))]
    units = db.session.execute(
        select(Unit.id, Unit.name)
        .where(Unit.organization_id == organization_id, Unit.is_active.is_(True))
        .order_by(Unit.name)
    )
    options += [(f"unit:{i}", _("Tập thể: %(name)s", name=name)) for i, name in units]
    exemplars = db.session.execute(
        select(Exemplar.id, Exemplar.name, Exemplar.kind, Unit.name)
        .join(Unit, Unit.id == Exemplar.unit_id)
        .where(Unit.organization_id == organization_id)
        .order_by(Exemplar.name)
    )
    for exemplar_id, name, kind, unit_name in exemplars:
        label = (
            _("Điển hình tập thể: %(name)s (%(unit)s)", name=name, unit=unit_name)
            if kind == ExemplarKind.COLLECTIVE
            else _("Điển hình cá nhân: %(name)s (%(unit)s)", name=name, unit=unit_name)
        )
        options.append((f"exemplar:{exemplar_id}", label))
    options += [
        (f"user:{user_id}", _("Cá nhân: %(name)s (%(unit)s)", name=name, unit=unit_name))
        for user_id, name, unit_name in unit_people_choices(organization_id)
    ]
    return options


def issuing_body_suggestions(organization_id: int) -> list[tuple[AwardLevel, str]]:
    """The usual issuing bodies by level (the field stays free text)."""
    organization = db.session.get(Organization, organization_id)
    province = organization.province or "..."
    return [
        (AwardLevel.DEPARTMENT, _("Giám đốc %(name)s", name=organization.name)),
        (AwardLevel.PROVINCE, _("Chủ tịch Ủy ban nhân dân tỉnh %(province)s", province=province)),
        (AwardLevel.MINISTRY, _("Bộ trưởng Bộ Tài nguyên và Môi trường")),
        (AwardLevel.GOVERNMENT, _("Thủ tướng Chính phủ")),
        (AwardLevel.GOVERNMENT, _("Chủ tịch nước")),
    ]
