"""Demo consideration rounds: a closed round of 2024 with results, an open round of 2025."""

from __future__ import annotations

from datetime import date

from sqlalchemy import select

from portal.accounts.models import Role, RoleMembership, User
from portal.consideration import services, voting
from portal.consideration.catalogue import complete_rules, ensure_catalogue
from portal.consideration.models import AwardTitle, ConsiderationRound, VoteChoice
from portal.exemplars.models import Exemplar, ExemplarKind, ExemplarStatus
from portal.extensions import db
from portal.organizations.models import Organization, Unit
from portal.periods.models import PlanPeriod

CLOSED_TITLE = "Bình xét danh hiệu thi đua, hình thức khen thưởng năm 2024"
OPEN_TITLE = "Bình xét danh hiệu thi đua, hình thức khen thưởng năm 2025"
LOCATION = "Phòng họp tầng 3, Sở Tài nguyên và Môi trường"
ACHIEVEMENTS = {
    "CSTD_CS": "Hoàn thành xuất sắc nhiệm vụ; có sáng kiến được Hội đồng sáng kiến cơ sở "
    "công nhận.",
    "TTLDXS": "Tập thể hoàn thành xuất sắc nhiệm vụ năm; 100% cá nhân hoàn thành tốt nhiệm vụ.",
    "CSTD_TINH": "Hai lần liên tục đạt Chiến sĩ thi đua cơ sở; sáng kiến có phạm vi ảnh hưởng "
    "cấp tỉnh.",
    "BK_UBND": "Có thành tích tiêu biểu trong phong trào thi đua chuyển đổi số ngành tài nguyên "
    "và môi trường.",
}


def seed(org: Organization, password: str) -> None:
    ensure_catalogue(org.id) or complete_rules(org.id)  # the rules from 2023 on, always
    period = db.session.scalar(
        select(PlanPeriod).where(
            PlanPeriod.organization_id == org.id, PlanPeriod.name == "2023-2025"
        )
    )
    office = db.session.scalar(
        select(User)
        .join(RoleMembership)
        .where(User.organization_id == org.id, RoleMembership.role == Role.OFFICE_ADMIN)
        .order_by(User.id)
    )
    if period is None or office is None or not services.council_seats(period.id):
        return
    titles = {
        t.code: t
        for t in db.session.scalars(select(AwardTitle).where(AwardTitle.organization_id == org.id))
    }
    people, collectives = _nominees(org)
    if not people or not collectives:
        return
    if not _exists(org, CLOSED_TITLE):
        _closed_round(org, period, office, titles, _pick(people, 0, 2), _pick(collectives, 0, 1))
    if not _exists(org, OPEN_TITLE):
        _open_round(org, period, office, titles, _pick(people, 2, 2), _pick(collectives, 1, 1))
    db.session.flush()


def _pick(items: list, start: int, count: int) -> list:
    """`count` items from `start`, wrapping round when the demo has few candidates."""
    return [items[(start + i) % len(items)] for i in range(count)]


def _exists(org: Organization, title: str) -> bool:
    return (
        db.session.scalar(
            select(ConsiderationRound.id).where(
                ConsiderationRound.organization_id == org.id, ConsiderationRound.title == title
            )
        )
        is not None
    )


def _nominees(org: Organization) -> tuple[list[dict], list[dict]]:
    """Individuals and collectives to nominate: demo exemplars, else staff and units."""
    exemplars = list(
        db.session.scalars(
            select(Exemplar)
            .join(Unit, Exemplar.unit_id == Unit.id)
            .where(Unit.organization_id == org.id, Exemplar.status != ExemplarStatus.DROPPED)
            .order_by(Exemplar.id)
        )
    )
    people = [{"exemplar": e} for e in exemplars if e.kind == ExemplarKind.INDIVIDUAL]
    collectives = [{"exemplar": e} for e in exemplars if e.kind == ExemplarKind.COLLECTIVE]
    if len(people) < 4:
        staff = db.session.scalars(
            select(User)
            .join(RoleMembership)
            .where(
                User.organization_id == org.id,
                RoleMembership.role.in_((Role.STAFF, Role.COORDINATOR)),
            )
            .order_by(RoleMembership.role.desc(), User.id)
            .limit(4 - len(people))
        )
        people += [{"nominee_user": u} for u in staff]
    if len(collectives) < 2:
        units = db.session.scalars(
            select(Unit).where(Unit.organization_id == org.id).order_by(Unit.id).limit(2)
        )
        collectives += [
            {"nominee_name": u.name, "nominee_kind": ExemplarKind.COLLECTIVE, "unit": u}
            for u in units
        ]
    return people, collectives


def _nominate(round_, titles, code, nominee) -> None:
    services.add_nomination(
        round_,
        services.NomineeInput(award_title=titles[code], achievements=ACHIEVEMENTS[code], **nominee),
    )


def _closed_round(org, period, office, titles, people, collectives) -> None:
    round_ = services.open_round(
        org.id, period, CLOSED_TITLE, 2024, date(2024, 12, 20), LOCATION, opened_by=office
    )
    _nominate(round_, titles, "CSTD_CS", people[0])
    _nominate(round_, titles, "TTLDXS", collectives[0])
    _nominate(round_, titles, "CSTD_TINH", people[1])
    first, second, third = round_.nominations
    members = list(round_.members)
    # The last member is absent and sends a written opinion; the second declares a
    # conflict of interest on the third nomination and abstains on the second.
    absent = members[-1] if len(members) > 1 else None
    for index, member in enumerate(members):
        choices = {
            first.id: VoteChoice.AGREE,
            second.id: VoteChoice.AGREE,
            third.id: VoteChoice.AGREE,
        }
        if index == 1:
            choices[second.id] = VoteChoice.ABSTAIN
            choices[third.id] = VoteChoice.CONFLICT
        if member is absent:
            voting.record_written_opinion(round_, member, choices, office)
        else:
            voting.cast_votes(round_, member, choices)
    services.close_round(round_, office)


def _open_round(org, period, office, titles, people, collectives) -> None:
    round_ = services.open_round(
        org.id, period, OPEN_TITLE, 2025, date(2025, 12, 18), LOCATION, opened_by=office
    )
    _nominate(round_, titles, "CSTD_CS", people[0])
    _nominate(round_, titles, "TTLDXS", collectives[0])
    _nominate(round_, titles, "BK_UBND", people[1])
    chair = round_.members[0]
    voting.cast_votes(round_, chair, {n.id: VoteChoice.AGREE for n in round_.nominations})
