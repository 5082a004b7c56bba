"""Telling nominees and their units' coordinators the result when a round closes."""

from __future__ import annotations

from collections import defaultdict

from flask_babel import force_locale
from flask_babel import gettext as _
from sqlalchemy import select
from sqlalchemy.orm import selectinload

from portal.accounts.models import Role, RoleMembership, User
from portal.consideration.models import ConsiderationRound, Nomination, NominationResult
from portal.consideration.rules import describe_threshold
from portal.extensions import db
from portal.formatting import format_date, format_number
from portal.models_base import in_ids
from portal.notifications.services import notify

CATEGORY = "nomination_result"


def recipients(round_: ConsiderationRound) -> dict[int, list[User]]:
    """nomination id -> the nominee's account (if any) and the unit's coordinators."""
    unit_ids = {n.unit_id for n in round_.nominations if n.unit_id}
    coordinators: dict[int, list[User]] = defaultdict(list)
    for membership in db.session.scalars(
        select(RoleMembership)
        .where(RoleMembership.role == Role.COORDINATOR, in_ids(RoleMembership.unit_id, unit_ids))
        .options(selectinload(RoleMembership.user))
    ):
        coordinators[membership.unit_id].append(membership.user)
    person_ids = {n.person_user_id for n in round_.nominations} - {None}
    people = {u.id: u for u in db.session.scalars(select(User).where(in_ids(User.id, person_ids)))}
    result: dict[int, list[User]] = {}
    for nomination in round_.nominations:
        found = [people[nomination.person_user_id]] if nomination.person_user_id in people else []
        found += coordinators.get(nomination.unit_id, [])
        unique = {
            u.id: u for u in found if u.active and u.organization_id == round_.organization_id
        }
        result[nomination.id] = list(unique.values())
    return result


def _message(round_: ConsiderationRound, nomination: Nomination, result: NominationResult):
    verdict = _("ĐẠT") if result.passed else _("KHÔNG ĐẠT")
    title = _(
        "Kết quả bình xét: %(name)s - %(award)s: %(verdict)s",
        name=nomination.nominee_name,
        award=nomination.award_title.name,
        verdict=verdict,
    )
    body = _(
        "Phiên bình xét “%(round)s” họp ngày %(day)s đã kết thúc.\n"
        "%(name)s%(unit)s được đề nghị %(award)s: %(verdict)s.\n"
        "Đồng ý: %(agree)s/%(total)s thành viên Hội đồng (%(percent)s%%). "
        "Yêu cầu: %(rule)s (%(basis)s).",
        round=round_.title,
        day=format_date(round_.meeting_date),
        name=nomination.nominee_name,
        unit=f" ({nomination.unit.name})" if nomination.unit else "",
        award=nomination.award_title.name,
        verdict=verdict,
        agree=result.agree,
        total=result.total_members,
        percent=format_number(result.agree_percent, 1),
        rule=describe_threshold(result.comparison, result.threshold_percent),
        basis=result.legal_basis,
    )
    return title, body


def notify_results(round_: ConsiderationRound) -> int:
    """One notification per person per nomination, in the person's language. The caller commits."""
    sent = 0
    for nomination_id, people in recipients(round_).items():
        nomination = next(n for n in round_.nominations if n.id == nomination_id)
        for user in people:
            with force_locale(user.locale or "vi"):
                title, body = _message(round_, nomination, nomination.result)
            notify(user, title, body, category=CATEGORY)
            sent += 1
    return sent
