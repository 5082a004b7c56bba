"""The rules of an exemplar's life: recording it, editing it, and moving it through
its lifecycle (plan I.2.a, II.1, III.1).

The lifecycle is the table `TRANSITIONS`, the only place that says which status
may follow which: emerging candidate -> fostering -> recognised -> replicated, and
dropped (with a reason) from any state that is not dropped. An exemplar already
recognised at some level may be recorded directly as recognised (plan III.1,
second indent: units keep following exemplars recognised earlier). Every change
of status, the first recording included, is an `ExemplarEvent` on the timeline.
"""

from __future__ import annotations

from datetime import date

from flask import current_app, has_request_context, url_for
from flask_babel import gettext as _
from sqlalchemy import Select, select

from portal.accounts.models import Role, RoleMembership, User
from portal.exemplars.models import (
    OPEN_FOSTERING_STATUSES,
    Exemplar,
    ExemplarEvent,
    ExemplarKind,
    ExemplarStatus,
    FosteringStatus,
    RecognitionLevel,
)
from portal.exemplars.movement_links import check_movement
from portal.extensions import db
from portal.formatting import format_date, today_vn
from portal.models_base import in_ids
from portal.notifications.services import notify
from portal.organizations.models import Unit
from portal.rules import RuleError

S = ExemplarStatus
# from-status (None: when first recorded) -> the statuses it may move to.
TRANSITIONS: dict[ExemplarStatus | None, tuple[ExemplarStatus, ...]] = {
    None: (S.CANDIDATE, S.RECOGNISED),
    S.CANDIDATE: (S.FOSTERING, S.DROPPED),
    S.FOSTERING: (S.RECOGNISED, S.DROPPED),
    S.RECOGNISED: (S.REPLICATED, S.DROPPED),
    S.REPLICATED: (S.DROPPED,),
    S.DROPPED: (),
}
EDITABLE_FIELDS = (
    "kind",
    "name",
    "person_user_id",
    "position",
    "field_of_work",
    "movement",
    "movement_id",
    "achievements",
    "initiatives",
    "year_identified",
    "level",
)


def allowed_transitions(status: ExemplarStatus | None) -> tuple[ExemplarStatus, ...]:
    return TRANSITIONS.get(status, ())


def can_transition(from_status: ExemplarStatus | None, to_status: ExemplarStatus) -> bool:
    return to_status in allowed_transitions(from_status)


def unit_people(unit_ids: int | list[int]) -> Select:
    """Users working in the unit(s) (coordinators and staff), by name."""
    ids = [unit_ids] if isinstance(unit_ids, int) else list(unit_ids)
    members = select(RoleMembership.user_id).where(
        in_ids(RoleMembership.unit_id, ids),
        RoleMembership.role.in_((Role.COORDINATOR, Role.STAFF)),
    )
    return select(User).where(User.id.in_(members), User.active.is_(True)).order_by(User.full_name)


def check_unit_person(unit_id: int, user_id: int | None, field: str) -> User | None:
    """The user `user_id` if they work in the unit; an error otherwise."""
    if not user_id:
        return None
    user = db.session.scalar(unit_people(unit_id).where(User.id == user_id))
    if user is None:
        raise RuleError(_("Người được chọn không thuộc đơn vị này."), field)
    return user


def _check_fields(
    unit_id: int, values: dict, linked_id: int | None = None, linked_movement_id: int | None = None
) -> dict:
    """Clean and check an exemplar's details. `linked_id` is the person already linked,
    kept even if they have since left the unit (their record stays true to history);
    `linked_movement_id` likewise the movement already linked."""
    values = dict(values)
    values["name"] = (values.get("name") or "").strip()
    if not values["name"]:
        raise RuleError(_("Nhập tên điển hình."), "name")
    if values.get("kind") == ExemplarKind.COLLECTIVE:
        values["person_user_id"] = None
    elif not linked_id or values.get("person_user_id") != linked_id:
        check_unit_person(unit_id, values.get("person_user_id"), "person_user_id")
    for key in ("position", "field_of_work", "movement", "achievements", "initiatives"):
        values[key] = (values.get(key) or "").strip()
    check_movement(unit_id, values.get("movement_id"), keep_id=linked_movement_id)
    if values.get("year_identified", 0) > today_vn().year:
        raise RuleError(_("Năm phát hiện không được sau năm hiện tại."), "year_identified")
    return values


def create_exemplar(
    unit_id: int,
    actor: User | None,
    *,
    initial_status: ExemplarStatus = S.CANDIDATE,
    year_recognised: int | None = None,
    identified_on: date | None = None,
    note: str = "",
    **fields: object,
) -> Exemplar:
    """Record a new exemplar of the unit with its first timeline entry, made by `actor`.
    The caller commits."""
    if not can_transition(None, initial_status):
        raise RuleError(
            _("Điển hình mới chỉ được ghi nhận là nhân tố mới hoặc đã công nhận."), "initial_status"
        )
    values = _check_fields(unit_id, {k: v for k, v in fields.items() if k in EDITABLE_FIELDS})
    occurred_on = identified_on or today_vn()
    if identified_on is not None and identified_on.year != values["year_identified"]:
        raise RuleError(_("Ngày phát hiện phải thuộc năm phát hiện."), "identified_on")
    _check_not_future(occurred_on, "identified_on")
    exemplar = Exemplar(unit_id=unit_id, status=initial_status, **values)
    exemplar.level = values.get("level") or RecognitionLevel.UNIT
    if initial_status == S.RECOGNISED:
        exemplar.year_recognised = year_recognised or values["year_identified"]
        if exemplar.year_recognised < values["year_identified"]:
            raise RuleError(_("Năm công nhận không được trước năm phát hiện."), "year_recognised")
    db.session.add(exemplar)
    db.session.flush()
    _add_event(exemplar, actor, None, initial_status, occurred_on, note)
    return exemplar


def update_exemplar(exemplar: Exemplar, **fields: object) -> Exemplar:
    """Change an exemplar's details (never its unit or status). The caller commits."""
    values = _check_fields(
        exemplar.unit_id,
        {k: v for k, v in fields.items() if k in EDITABLE_FIELDS},
        linked_id=exemplar.person_user_id,
        linked_movement_id=exemplar.movement_id,
    )
    if exemplar.year_recognised and values["year_identified"] > exemplar.year_recognised:
        raise RuleError(_("Năm phát hiện không được sau năm công nhận."), "year_identified")
    for key, value in values.items():
        setattr(exemplar, key, value)
    db.session.flush()
    return exemplar


def transition(
    exemplar: Exemplar,
    to_status: ExemplarStatus,
    actor: User | None,
    *,
    note: str = "",
    occurred_on: date | None = None,
    notify_person: bool = True,
) -> ExemplarEvent:
    """`actor` moves the exemplar to `to_status` if the table allows it, dated `occurred_on`
    (today by default). Dropping needs a reason (the note); recognising sets the
    year recognised. The linked staff member of an individual is told. The caller commits."""
    if not can_transition(exemplar.status, to_status):
        raise RuleError(
            _(
                "Không thể chuyển từ \u201c%(old)s\u201d sang \u201c%(new)s\u201d.",
                old=ExemplarStatus(exemplar.status).label,
                new=ExemplarStatus(to_status).label,
            ),
            "note",
        )
    note = (note or "").strip()
    occurred_on = occurred_on or today_vn()
    _check_not_future(occurred_on, "occurred_on")
    last = max((e.occurred_on for e in exemplar.events), default=None)
    if last is not None and occurred_on < last:
        raise RuleError(
            _(
                "Ngày chuyển trạng thái không được trước mốc gần nhất (%(d)s).",
                d=format_date(last),
            ),
            "occurred_on",
        )
    if to_status == S.DROPPED:
        if not note:
            raise RuleError(_("Nhập lý do dừng theo dõi điển hình."), "note")
        exemplar.drop_reason = note
        _cancel_open_actions(exemplar)
    if to_status == S.RECOGNISED:
        if occurred_on.year < exemplar.year_identified:
            raise RuleError(_("Ngày công nhận không được trước năm phát hiện."), "occurred_on")
        exemplar.year_recognised = occurred_on.year
    from_status = exemplar.status
    exemplar.status = to_status
    event = _add_event(exemplar, actor, from_status, to_status, occurred_on, note)
    if notify_person:
        _notify_person(exemplar, to_status, note)
    return event


def _check_not_future(value: date, field: str) -> None:
    if value > today_vn():
        raise RuleError(_("Ngày không được sau hôm nay."), field)


def _add_event(exemplar, actor, from_status, to_status, occurred_on, note) -> ExemplarEvent:
    event = ExemplarEvent(
        unit_id=exemplar.unit_id,
        occurred_on=occurred_on,
        actor_id=actor.id if actor else None,
        from_status=from_status,
        to_status=to_status,
        note=note,
    )
    exemplar.events.append(event)
    db.session.flush()
    return event


def _cancel_open_actions(exemplar: Exemplar) -> None:
    """A dropped exemplar is no longer fostered: its open actions are cancelled."""
    for action in exemplar.fostering_actions:
        if action.status in OPEN_FOSTERING_STATUSES:
            action.status = FosteringStatus.CANCELLED
            reason = _("Hủy do dừng theo dõi điển hình.")
            action.outcome = f"{action.outcome}\n{reason}".strip()


def exemplar_path(exemplar_id: int) -> str:
    """The exemplar page's path, also outside a request (jobs, CLI)."""
    if has_request_context():
        return url_for("exemplars.detail", exemplar_id=exemplar_id)
    adapter = current_app.url_map.bind("localhost")
    return adapter.build("exemplars.detail", {"exemplar_id": exemplar_id})


def _notify_person(exemplar: Exemplar, to_status: ExemplarStatus, note: str) -> None:
    if exemplar.kind != ExemplarKind.INDIVIDUAL or not exemplar.person_user_id:
        return

    person = db.session.get(User, exemplar.person_user_id)
    if person is None or not person.active:
        return
    title = _(
        "Điển hình \u201c%(name)s\u201d chuyển sang: %(status)s",
        name=exemplar.name,
        status=ExemplarStatus(to_status).label,
    )
    notify(person, title, note, exemplar_path(exemplar.id), category="exemplar_status")


def people_choices(unit_ids: list[int]) -> list[tuple[User, str]]:
    """(user, label) of the people of the units, for a select; the unit is named
    in the label when there are several units."""
    rows = db.session.execute(
        select(User, RoleMembership.unit_id)
        .join(RoleMembership, RoleMembership.user_id == User.id)
        .where(
            in_ids(RoleMembership.unit_id, unit_ids),
            RoleMembership.role.in_((Role.COORDINATOR, Role.STAFF)),
            User.active.is_(True),
        )
        .order_by(User.full_name, User.id)
    ).all()
    if len(unit_ids) <= 1:
        seen: dict[int, tuple[User, str]] = {}
        for user, _unit_id in rows:
            seen.setdefault(user.id, (user, user.full_name))
        return list(seen.values())

    names = dict(db.session.execute(select(Unit.id, Unit.name).where(Unit.id.in_(unit_ids))).all())
    return [(user, f"{user.full_name} — {names.get(unit_id, '')}") for user, unit_id in rows]
