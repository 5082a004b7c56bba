"""Demo congress submissions (Q2-2025, history): the units that held their conference,
each submitted and accepted by the end of June 2025 (two after a return), with nominees
from their demo exemplars, so the Office can compile the Department's dossier at once.
Idempotent."""

from __future__ import annotations

from datetime import UTC, date, datetime

from sqlalchemy import select

from portal.accounts.models import User
from portal.congress import services
from portal.congress.models import CongressSubmission, Gender
from portal.consideration.catalogue import titles_for
from portal.demo.department import OFFICE_EMAIL, UNITS, coordinator_email
from portal.demo.review_plan import demo_period
from portal.exemplars.models import ExemplarKind
from portal.exemplars.queries import exemplar_choices
from portal.extensions import db
from portal.organizations.models import Organization, Unit
from portal.reviews.services import transition
from portal.reviews.states import ReviewAction

UNIT_NAMES = {slug: name for slug, name, _kind in UNITS}
# unit slug -> (conference day in May 2025, review steps): the units that held their
# conference submitted by the end of June 2025, and the Office accepted every one of
# them (two after a return), before the Department's own submission.
PLAN = {
    "moitruong": (12, ["submit", "accept"]),
    "vpdkdd": (15, ["submit", "accept"]),
    "quantrac": (16, ["submit", "return", "submit", "accept"]),
    "cntt": (22, ["submit", "return", "submit", "accept"]),
}
SUMMARY = (
    "Giai đoạn {term}, phong trào thi đua yêu nước tại {unit} được triển khai sâu rộng, gắn "
    "với nhiệm vụ chuyên môn; đơn vị đã phát hiện, bồi dưỡng và nhân rộng nhiều điển hình "
    "tiên tiến, hoàn thành tốt các chỉ tiêu được giao."
)


def _cycle(period) -> None:
    services.save_cycle(
        period,
        {
            "term_label": "2020-2025",
            "next_term_label": "2025-2030",
            "sector_congress": "Đại hội Thi đua yêu nước ngành Tài nguyên và Môi trường lần thứ V",
            "provincial_congress": "Đại hội Thi đua yêu nước tỉnh Quảng Bình lần thứ VI",
            "signer_authority": "KT. GIÁM ĐỐC",
            "signer_position": "PHÓ GIÁM ĐỐC",
            "signer_name": "Hoàng Văn Lợi",
            "proposal_date": date(2025, 6, 25),
        },
    )


def seed(org: Organization, password: str, now: datetime | None = None) -> None:
    period = demo_period(org)
    office = db.session.scalar(select(User).where(User.email == OFFICE_EMAIL))
    if period is None or office is None:
        return
    _cycle(period)
    titles = services.award_titles(org.id)
    _correct_titles(period, titles)
    for slug, (day, steps) in PLAN.items():
        coordinator = db.session.scalar(select(User).where(User.email == coordinator_email(slug)))
        unit = next(
            (u for m in (coordinator.memberships if coordinator else []) if (u := m.unit)), None
        )
        if unit is None or coordinator is None or services.submission_for(unit.id, period.id):
            continue
        _seed_unit(unit, period, day, titles, steps, coordinator, office)
    db.session.flush()


def _correct_titles(period, titles) -> None:
    """Demo nominees saved before the title rule held get a title that fits them (or
    none); the seeder is the one place that rewrites them, whatever their state."""
    submissions = db.session.scalars(
        select(CongressSubmission).where(CongressSubmission.period_id == period.id)
    )
    for nominee in services.period_title_mismatches(list(submissions)):
        fitting = titles_for(titles, nominee.exemplar)
        nominee.award_title_id = fitting[0].id if fitting else None
        nominee.award_title = fitting[0] if fitting else None


def _seed_unit(unit: Unit, period, day, titles, steps, coordinator, office) -> None:
    # individuals linked to a person (whose profile the achievement report prints)
    exemplars = [
        e
        for e in exemplar_choices(unit.id)
        if e.kind == ExemplarKind.COLLECTIVE or e.person_user_id
    ][:4]
    if not exemplars:
        return
    submission = services.create_submission(unit.id, period)
    services.save_conference(
        submission,
        {
            "conference_date": date(2025, 5, day),
            "conference_place": f"Hội trường {unit.name}",
            "invited": 45 + day,
            "attendance": 40 + day,
            "chaired_by": f"Thủ trưởng {unit.name}",
            "secretary": f"Thư ký Hội nghị {unit.name}",
            "period_reviewed": "2020-2025",
            "period_summary": SUMMARY.format(term="2020-2025", unit=unit.name),
        },
        [e.id for e in exemplars],
    )
    for index, exemplar in enumerate(exemplars):
        # only a title that fits the exemplar (the one title rule)
        fitting = titles_for(titles, exemplar)
        title = fitting[index % len(fitting)] if fitting and index < 2 else None
        collective = exemplar.kind == ExemplarKind.COLLECTIVE
        services.add_nominee(
            submission,
            services.NomineeData(
                exemplar_id=exemplar.id,
                award_title_id=title.id if title else None,
                sector_delegate=index != 1,
                provincial_delegate=index == 0,
                reason=f"{exemplar.name} là điển hình tiêu biểu của {unit.name} "
                "giai đoạn 2020-2025.",
                achievements="",
                conference_agree=30 + day if index < 2 else None,
                delegate=services.DelegateData(
                    # a collective sends its unit's coordinator
                    user_id=coordinator.id if collective else None,
                    birth_year=1975 + (day + index) % 15,
                    gender=Gender.FEMALE if (day + index) % 2 else Gender.MALE,
                    ethnicity="Kinh",
                    position=(coordinator.position or "Trưởng phòng") if collective else "",
                    party_member=index % 2 == 0,
                    qualifications="Đại học; Trung cấp lý luận chính trị",
                ),
            ),
        )
    for number, action in enumerate(steps):
        when = datetime(2025, 6, 2 + number * 3, 2, 0, tzinfo=UTC)
        actor = coordinator if action == "submit" else office
        reason = (
            "Đề nghị bổ sung minh chứng thành tích của các đề xuất." if action == "return" else ""
        )
        transition(
            submission, ReviewAction(action), actor, reason=reason, at=when, notify_people=False
        )
