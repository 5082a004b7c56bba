"""The first steps of a new department, shown on its Office's dashboard: a plan period,
its units, a council and the criteria, each with the page where it is done and whether
it is done, until the Office hides the list (`Organization.guide_setup`)."""

from __future__ import annotations

from dataclasses import dataclass

from flask import url_for
from flask_babel import lazy_gettext as _l
from sqlalchemy import exists, select

from portal.accounts.models import User
from portal.council.models import CouncilMember
from portal.criteria.models import CriteriaItem, CriteriaSet
from portal.extensions import db
from portal.organizations.models import Organization, Unit
from portal.periods.models import PlanPeriod


@dataclass(frozen=True)
class Step:
    key: str
    label: object
    hint: object
    endpoint: str
    done: bool

    @property
    def url(self) -> str:
        return url_for(self.endpoint)


@dataclass(frozen=True)
class Guide:
    steps: list[Step]

    @property
    def done(self) -> int:
        return sum(1 for step in self.steps if step.done)

    @property
    def complete(self) -> bool:
        return self.done == len(self.steps)


def _any(query) -> bool:
    return bool(db.session.scalar(select(exists(query))))


def setup_steps(organization_id: int) -> list[Step]:
    """The four steps, in the order they depend on each other (one query each)."""
    org = organization_id
    has_item = (
        select(CriteriaItem.id)
        .join(CriteriaSet, CriteriaSet.id == CriteriaItem.criteria_set_id)
        .where(CriteriaSet.organization_id == org)
    )
    return [
        Step(
            "period",
            _l("Tạo kỳ kế hoạch đầu tiên"),
            _l("Kỳ kế hoạch (ví dụ 2026-2030) chứa các năm mà Cổng theo dõi."),
            "criteria.period_new",
            _any(select(PlanPeriod.id).where(PlanPeriod.organization_id == org)),
        ),
        Step(
            "units",
            _l("Thêm các đơn vị của Sở"),
            _l("Các phòng, đơn vị trực thuộc và đoàn thể, mỗi đơn vị một không gian làm việc."),
            "admin.new_unit",
            _any(select(Unit.id).where(Unit.organization_id == org)),
        ),
        Step(
            "council",
            _l("Lập Hội đồng Thi đua - Khen thưởng"),
            _l(
                "Tạo tài khoản với vai trò Thành viên Hội đồng TĐKT, rồi cử vào Hội đồng "
                "của kỳ kế hoạch."
            ),
            "council.index",
            _any(select(CouncilMember.id).where(CouncilMember.organization_id == org)),
        ),
        Step(
            "criteria",
            _l("Soạn bộ tiêu chuẩn đánh giá"),
            _l("Thêm các tiêu chí mà đơn vị và cá nhân tự chấm điểm hằng năm."),
            "criteria.index",
            _any(has_item),
        ),
    ]


def guide_for(user: User) -> Guide | None:
    """The guide of the user's organization when they are its Office and it is shown."""
    if not user.is_office or user.organization is None or not user.organization.guide_setup:
        return None
    return Guide(setup_steps(user.organization_id))


def hide_guide(organization: Organization) -> None:
    organization.guide_setup = False
