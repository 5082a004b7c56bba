"""Demo consideration rounds: the rounds of 2024 and 2025 held in December and closed
with their minutes (history), and the round of the current year open, its meeting a
few days ahead of "now"."""

from __future__ import annotations

from datetime import date, datetime, timedelta

from sqlalchemy import select

from portal.accounts.models import Role, RoleMembership, User
from portal.consideration import services, voting
from portal.consideration.catalogue import complete_rules, ensure_catalogue
from portal.consideration.models import AwardTitle, ConsiderationRound, VoteChoice
from portal.demo.timeline import at_local, history_period, live_period, live_year, local_day
from portal.exemplars.models import Exemplar, ExemplarKind, ExemplarStatus
from portal.extensions import db
from portal.organizations.models import Organization, Unit

TITLE = "Bình xét danh hiệu thi đua, hình thức khen thưởng năm {year}"
# History year -> meeting day (in December) and which nominees: (people from, collective).
HISTORY = {2024: (20, 0, 0), 2025: (18, 4, 2)}
MEETING_IN_DAYS = 12  # the current year's round meets this many days after "now"
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


def seed(org: Organization, password: str, now: datetime | None = None) -> None:
    ensure_catalogue(org.id) or complete_rules(org.id)  # the rules from 2023 on, always
    history, live = history_period(org), live_period(org)
    office = db.session.scalar(
        select(User)
        .join(RoleMembership)
        .where(User.organization_id == org.id, RoleMembership.role == Role.OFFICE_ADMIN)
        .order_by(User.id)
    )
    if history is None or live is None or office is None:
        return
    if not services.council_seats(history.id) or not services.council_seats(live.id):
        return
    titles = {
        t.code: t
        for t in db.session.scalars(select(AwardTitle).where(AwardTitle.organization_id == org.id))
    }
    people, collectives = _nominees(org)
    if not people or not collectives:
        return
    year = live_year(live, now)
    for past, (day, first_person, collective) in HISTORY.items():
        if past < year and not _exists(org, TITLE.format(year=past)):
            round_ = services.open_round(
                org.id,
                history,
                TITLE.format(year=past),
                past,
                date(past, 12, day),
                LOCATION,
                opened_by=office,
            )
            _closed_round(
                round_,
                office,
                titles,
                _pick(people, first_person, 2),
                _pick(collectives, collective, 1),
            )
    if not _exists(org, TITLE.format(year=year)):
        meeting = local_day(now) + timedelta(days=MEETING_IN_DAYS)
        round_ = services.open_round(
            org.id, live, TITLE.format(year=year), year, meeting, LOCATION, opened_by=office
        )
        _open_round(round_, titles, _pick(people, 2, 2), _pick(collectives, 1, 1))
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


def _closed_round(round_, office, titles, people, collectives) -> None:
    """Nominations, the votes of the meeting and the close, back then (nobody is
    notified now of a meeting of years ago)."""
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
    services.close_round(round_, office, notify_people=False)
    round_.closed_at = at_local(round_.meeting_date, 16)


def _open_round(round_, titles, people, collectives) -> None:
    """Nominations, and the chair's early votes."""
    _nominate(round_, titles, "CSTD_CS", people[0])
    _nominate(round_, titles, "TTLDXS", collectives[0])
    _nominate(round_, titles, "BK_UBND", people[1])
    chair = round_.members[0]
    voting.cast_votes(round_, chair, {n.id: VoteChoice.AGREE for n in round_.nominations})
