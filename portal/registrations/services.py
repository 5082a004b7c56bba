"""The rules of the year's title registration: the Office opens it with a deadline,
each unit lists the titles it and its people aim at, the Office reviews it; the
consideration round reads the accepted lines."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, time

from flask import url_for
from flask_babel import gettext as _
from sqlalchemy import select
from sqlalchemy.orm import joinedload

from portal.accounts.models import User
from portal.consideration.catalogue import require_title_fits
from portal.consideration.models import AwardTitle
from portal.deadlines.models import CompletionMode, Deadline, DeadlineKind
from portal.deadlines.services import DEFAULT_DUE_TIME, save_deadline
from portal.exemplars.models import Exemplar, ExemplarKind, ExemplarStatus
from portal.exemplars.services import unit_people
from portal.extensions import db
from portal.models_base import as_utc
from portal.organizations.models import Unit
from portal.periods.models import PlanPeriod
from portal.registrations.models import Registration, RegistrationEntry
from portal.reviews.models import ReviewEvent
from portal.reviews.services import transition
from portal.reviews.states import EDITABLE_STATES, ReviewAction
from portal.rules import RuleError

KIND = DeadlineKind.REGISTRATION.value
UNIT_CHOICE = "unit"


def registration_deadline(organization_id: int, year: int) -> Deadline | None:
    """The Office's registration deadline of the year (the earliest, if several)."""
    return db.session.scalar(
        select(Deadline)
        .where(
            Deadline.organization_id == organization_id,
            Deadline.kind == DeadlineKind.REGISTRATION,
            Deadline.year == year,
        )
        .order_by(Deadline.due_at)
        .limit(1)
    )


def open_registration(
    period: PlanPeriod, year: int, due_date: date, due_time: time | None, user: User, note: str = ""
) -> Deadline:
    """Open the year's registration: a deadline for every unit, met when a unit submits
    (reminders go through the deadlines' mechanism). The caller commits."""
    if year not in period.years:
        raise RuleError(
            _("Năm %(year)s không thuộc kỳ kế hoạch %(period)s.", year=year, period=period.name),
            "year",
        )
    if registration_deadline(user.organization_id, year) is not None:
        raise RuleError(_("Đăng ký thi đua năm %(year)s đã được mở.", year=year), "year")
    data = {
        "period_id": period.id,
        "kind": KIND,
        "year": year,
        "title": "",  # the default title of the kind: "Đăng ký thi đua năm 2026"
        "description": note,
        "due_date": due_date,
        "due_time": due_time or DEFAULT_DUE_TIME,
        "completion_mode": CompletionMode.RECORD.value,
        "all_units": True,
        "days_before": (14, 7, 1),
        "escalate": True,
        "reminders_enabled": True,
    }
    deadline = save_deadline(Deadline(), data, user)
    db.session.flush()
    return deadline


def find_registration(unit_id: int, year: int) -> Registration | None:
    return db.session.scalar(
        select(Registration).where(Registration.unit_id == unit_id, Registration.year == year)
    )


def create_registration(unit: Unit, year: int) -> Registration:
    """A unit's draft for the year, once the Office has opened it. The caller commits."""
    deadline = registration_deadline(unit.organization_id, year)
    if deadline is None:
        raise RuleError(_("Văn phòng Sở chưa mở đăng ký thi đua năm %(year)s.", year=year))
    if find_registration(unit.id, year) is not None:
        raise RuleError(_("Đơn vị đã có bản đăng ký thi đua năm %(year)s.", year=year))
    registration = Registration(
        unit_id=unit.id, period_id=deadline.period_id, year=year, deadline_id=deadline.id
    )
    db.session.add(registration)
    db.session.flush()
    return registration


def nominee_options(unit: Unit) -> list[tuple[str, str, ExemplarKind]]:
    """(value, label, kind) of who may register in `unit`: the unit itself, its exemplars
    (collective or individual) and its people."""
    options = [
        (UNIT_CHOICE, _("Tập thể đơn vị: %(name)s", name=unit.name), ExemplarKind.COLLECTIVE)
    ]
    exemplars = db.session.scalars(
        select(Exemplar)
        .where(Exemplar.unit_id == unit.id, Exemplar.status != ExemplarStatus.DROPPED)
        .order_by(Exemplar.kind, Exemplar.name)
    )
    for exemplar in exemplars:
        label = _("Điển hình (%(kind)s): %(name)s", kind=exemplar.kind.label, name=exemplar.name)
        options.append((f"exemplar:{exemplar.id}", label, exemplar.kind))
    for person in db.session.scalars(unit_people(unit.id)):
        label = _("Cá nhân: %(name)s", name=person.full_name)
        options.append((f"user:{person.id}", label, ExemplarKind.INDIVIDUAL))
    return options


def _nominee(unit: Unit, value: str) -> dict:
    """Who `value` names, among the unit's own (else a refusal on the field)."""
    refused = RuleError(_("Chọn tập thể, điển hình hoặc cá nhân của đơn vị."), "nominee")
    if value == UNIT_CHOICE:
        return {
            "kind": ExemplarKind.COLLECTIVE,
            "nominee_key": f"unit:{unit.id}",
            "name": unit.name,
        }
    prefix, _sep, raw = (value or "").partition(":")
    if not raw.isdigit():
        raise refused
    if prefix == "exemplar":
        exemplar = db.session.get(Exemplar, int(raw))
        if exemplar is None or exemplar.unit_id != unit.id:
            raise refused
        return {
            "kind": exemplar.kind,
            "nominee_key": f"exemplar:{exemplar.id}",
            "exemplar_id": exemplar.id,
            "user_id": exemplar.person_user_id,
            "name": exemplar.name,
        }
    if prefix == "user":
        person = db.session.scalar(unit_people(unit.id).where(User.id == int(raw)))
        if person is None:
            raise refused
        return {
            "kind": ExemplarKind.INDIVIDUAL,
            "nominee_key": f"user:{person.id}",
            "user_id": person.id,
            "name": person.full_name,
        }
    raise refused


def add_entry(
    registration: Registration, title: AwardTitle | None, nominee: str
) -> RegistrationEntry:
    """A line of the registration: the title must fit who registers (the one title rule),
    and nobody registers twice for one title in a year. The caller commits."""
    if registration.state not in EDITABLE_STATES:
        raise RuleError(_("Bản đăng ký không còn được chỉnh sửa."))
    unit = registration.unit
    if title is None or title.organization_id != unit.organization_id or not title.is_active:
        raise RuleError(_("Chọn danh hiệu, hình thức khen thưởng."), "award_title_id")
    fields = _nominee(unit, nominee)
    require_title_fits(title, fields["kind"], fields["name"])
    if _registered_already(unit.organization_id, registration.year, title.id, fields):
        raise RuleError(
            _(
                "“%(name)s” đã đăng ký danh hiệu “%(title)s” năm %(year)s.",
                name=fields["name"],
                title=title.name,
                year=registration.year,
            ),
            "nominee",
        )
    entry = RegistrationEntry(unit_id=unit.id, award_title_id=title.id, **fields)
    registration.entries.append(entry)
    db.session.flush()
    return entry


def _registered_already(organization_id: int, year: int, title_id: int, fields: dict) -> bool:
    keys = {fields["nominee_key"]}
    if fields.get("user_id"):
        keys.add(f"user:{fields['user_id']}")
    return bool(_entries_matching(organization_id, year, title_id, keys, accepted_only=False))


def _entries_matching(
    organization_id: int, year: int, title_id: int, keys: Iterable[str], accepted_only: bool
) -> list[RegistrationEntry]:
    keys = set(keys)
    user_ids = [int(k.partition(":")[2]) for k in keys if k.startswith("user:")]
    query = (
        select(RegistrationEntry)
        .join(Registration, Registration.id == RegistrationEntry.registration_id)
        .join(Unit, Unit.id == Registration.unit_id)
        .where(
            Unit.organization_id == organization_id,
            Registration.year == year,
            RegistrationEntry.award_title_id == title_id,
            RegistrationEntry.nominee_key.in_(keys) | RegistrationEntry.user_id.in_(user_ids),
        )
    )
    if accepted_only:
        query = query.where(Registration.state == "accepted")
    return list(db.session.scalars(query))


def remove_entry(entry: RegistrationEntry) -> None:
    if entry.registration.state not in EDITABLE_STATES:
        raise RuleError(_("Bản đăng ký không còn được chỉnh sửa."))
    entry.registration.entries.remove(entry)


def accept(registration: Registration, actor: User, reason: str = "") -> ReviewEvent:
    """The Office accepts; a registration submitted after the deadline only with a
    reason, recorded on the registration and its timeline. The caller commits."""
    reason = (reason or "").strip()
    if registration.late and not reason:
        raise RuleError(
            _("Bản đăng ký nộp sau thời hạn: nêu lý do Văn phòng Sở vẫn chấp nhận."), "reason"
        )
    event = transition(registration, ReviewAction.ACCEPT, actor, reason=reason)
    if registration.late:
        registration.late_acceptance_reason = reason
    return event


def is_registered(organization_id: int, year: int, title_id: int, keys) -> bool | None:
    """Whether a nominee named by `keys` is on an accepted registration for the title and
    year; None when the Office did not open that year's registration."""
    if registration_deadline(organization_id, year) is None:
        return None
    return bool(_entries_matching(organization_id, year, title_id, keys, accepted_only=True))


def accepted_entries(organization_id: int, year: int) -> list[RegistrationEntry]:
    """The lines of the year's accepted registrations, by unit (one query)."""
    return list(
        db.session.scalars(
            select(RegistrationEntry)
            .join(Registration, Registration.id == RegistrationEntry.registration_id)
            .join(Unit, Unit.id == Registration.unit_id)
            .where(
                Unit.organization_id == organization_id,
                Registration.year == year,
                Registration.state == "accepted",
            )
            .options(
                joinedload(RegistrationEntry.award_title),
                joinedload(RegistrationEntry.exemplar),
                joinedload(RegistrationEntry.registration).joinedload(Registration.unit),
            )
            .order_by(Unit.name, RegistrationEntry.kind, RegistrationEntry.name)
        ).unique()
    )


def submission_problems(registration: Registration) -> list[str]:
    if not registration.entries:
        return [_("Bản đăng ký chưa có danh hiệu nào.")]
    return []


class RegistrationReview:
    """The review workflow's adapter for a registration (portal.reviews.adapters)."""

    def title(self, registration: Registration) -> str:
        name = registration.unit.name if registration.unit else ""
        return _("Đăng ký thi đua năm %(year)s của %(unit)s", year=registration.year, unit=name)

    def path(self, registration: Registration) -> str:
        return url_for("registrations.view", registration_id=registration.id, _external=False)

    def submission_problems(self, registration: Registration) -> list[str]:
        return submission_problems(registration)

    def after_transition(self, registration: Registration, event: ReviewEvent) -> None:
        """The first submission after the deadline marks the registration late."""
        if event.action != ReviewAction.SUBMIT or event.from_state != "draft":
            return
        deadline = registration.deadline
        registration.late = deadline is not None and as_utc(event.at) > as_utc(deadline.due_at)
