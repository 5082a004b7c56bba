"""The rules of emulation movements: who reads and runs which, what a movement holds,
how it is closed, and which records link to it."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from flask import abort, current_app
from flask_babel import gettext as _
from sqlalchemy import ColumnElement, Select, and_, exists, or_, select
from sqlalchemy.orm import joinedload, selectinload
from werkzeug.datastructures import FileStorage

from portal.accounts.models import User
from portal.consideration.models import AwardTitle
from portal.criteria.models import CriteriaSet
from portal.evidence.filetypes import CONTENT_TYPES
from portal.evidence.services import checked_upload, store_file
from portal.exemplars.models import Exemplar
from portal.extensions import db
from portal.formatting import today_vn
from portal.models_base import in_ids
from portal.movements.models import Movement, MovementAwardTitle, MovementUnit, ReviewKind
from portal.organizations.models import Unit
from portal.propagation.models import PropagationActivity
from portal.rules import RuleError
from portal.tenancy import can_edit_unit, current_org, scoped, visible_unit_ids

EDITABLE_FIELDS = ("name", "purpose", "start_date", "end_date", "criteria_set_id")


# -- Who reads and runs which movement ---------------------------------------------------


def visible_clause(user: User | None = None) -> ColumnElement[bool]:
    """The organization's movements, and of the units' own only those of units the
    person reads (the Office reads every unit)."""
    org_id = current_org.id if current_org else -1
    return and_(
        Movement.organization_id == org_id,
        or_(Movement.unit_id.is_(None), in_ids(Movement.unit_id, visible_unit_ids(user))),
    )


def list_query() -> Select:
    """The visible movements, the running and latest first, with what a row shows."""
    return (
        select(Movement)
        .where(visible_clause())
        .options(joinedload(Movement.unit), selectinload(Movement.participants))
        .order_by(Movement.start_date.desc(), Movement.id.desc())
    )


def get_visible_or_404(movement_id: int) -> Movement:
    movement = db.session.get(Movement, movement_id)
    if movement is None or not db.session.scalar(
        select(exists().where(Movement.id == movement_id, visible_clause()))
    ):
        abort(404)
    return movement


def can_manage(movement: Movement, user: User) -> bool:
    """The Office runs the organization's movements; a unit's own movement is run by
    whoever edits that unit (its coordinator, the Office)."""
    if movement.organization_id != user.organization_id:
        return False
    if movement.unit_id is None:
        return user.is_office
    return can_edit_unit(movement.unit_id, user)


def get_manageable_or_404(movement_id: int, user: User) -> Movement:
    movement = get_visible_or_404(movement_id)
    if not can_manage(movement, user):
        abort(403)
    return movement


# -- What a movement holds ---------------------------------------------------------------


def organization_units(organization_id: int) -> list[Unit]:
    return db.session.scalars(
        select(Unit)
        .where(Unit.organization_id == organization_id, Unit.is_active.is_(True))
        .order_by(Unit.name)
    ).all()


def organization_titles(organization_id: int) -> list[AwardTitle]:
    return db.session.scalars(
        select(AwardTitle)
        .where(AwardTitle.organization_id == organization_id, AwardTitle.is_active.is_(True))
        .order_by(AwardTitle.sort_order, AwardTitle.name)
    ).all()


def organization_criteria_sets(organization_id: int) -> list[CriteriaSet]:
    return db.session.scalars(
        select(CriteriaSet)
        .where(CriteriaSet.organization_id == organization_id)
        .order_by(CriteriaSet.id.desc())
    ).all()


def _ids_of_organization(model: type, ids: list[int], organization_id: int) -> set[int]:
    wanted = {int(i) for i in ids}
    if not wanted:
        return set()
    return set(
        db.session.scalars(
            select(model.id).where(model.id.in_(wanted), model.organization_id == organization_id)
        )
    )


def _check(movement: Movement, data: dict, unit_ids: list[int], title_ids: list[int]) -> None:
    org_id = movement.organization_id
    if not (data.get("name") or "").strip():
        raise RuleError(_("Nhập tên phong trào."), "name")
    if data["end_date"] < data["start_date"]:
        raise RuleError(_("Ngày kết thúc không được trước ngày bắt đầu."), "end_date")
    set_id = data.get("criteria_set_id")
    if set_id and not _ids_of_organization(CriteriaSet, [set_id], org_id):
        raise RuleError(_("Bộ tiêu chí không thuộc Sở."), "criteria_set_id")
    if _ids_of_organization(Unit, unit_ids, org_id) != {int(i) for i in unit_ids}:
        raise RuleError(_("Chỉ được chọn các đơn vị của Sở."), "unit_ids")
    if _ids_of_organization(AwardTitle, title_ids, org_id) != {int(i) for i in title_ids}:
        raise RuleError(_("Chỉ được chọn các hình thức khen thưởng của Sở."), "award_title_ids")


def save_movement(
    movement: Movement, data: dict, unit_ids: list[int], title_ids: list[int]
) -> Movement:
    """Check and apply the details, taking-part units and reward forms. A unit's own
    movement has that unit alone taking part. Raises RuleError; the caller commits."""
    if movement.unit_id is not None:
        unit_ids = [movement.unit_id]
    with db.session.no_autoflush:
        _check(movement, data, unit_ids, title_ids)
    for field in EDITABLE_FIELDS:
        setattr(movement, field, data.get(field))
    movement.name = movement.name.strip()
    movement.purpose = (movement.purpose or "").strip()
    db.session.add(movement)  # a new one only now: the checks above must not flush it
    _replace_links(movement.participant_links, MovementUnit, "unit_id", unit_ids)
    _replace_links(movement.title_links, MovementAwardTitle, "award_title_id", title_ids)
    db.session.flush()
    db.session.expire(movement, ["participants", "award_titles"])
    return movement


def _replace_links(links: list, model: type, key: str, ids: list[int]) -> None:
    wanted = {int(i) for i in ids}
    current = {getattr(link, key): link for link in links}
    for value, link in current.items():
        if value not in wanted:
            links.remove(link)
    for value in sorted(wanted - current.keys()):
        links.append(model(**{key: value}))


def create_movement(
    organization_id: int,
    unit_id: int | None,
    data: dict,
    unit_ids: list[int],
    title_ids: list[int],
    actor: User | None,
) -> Movement:
    """`actor` launches a movement of the organization (`unit_id` None) or of a unit."""
    movement = Movement(
        organization_id=organization_id,
        unit_id=unit_id,
        created_by_id=actor.id if actor else None,
    )
    return save_movement(movement, data, unit_ids, title_ids)


# -- Closing with a review -----------------------------------------------------------------


def _document_folder(movement: Movement) -> Path:
    """The folder under UPLOAD_DIR: beside the units' folders (named by unit id), never
    one of them."""
    return Path(f"org-{movement.organization_id}")


def document_path(movement: Movement) -> Path:
    folder = Path(current_app.config["UPLOAD_DIR"]) / _document_folder(movement)
    return folder / movement.document_stored_name


def document_content_type(movement: Movement) -> str:
    return CONTENT_TYPES.get(movement.document_kind, "application/octet-stream")


def close_movement(
    movement: Movement,
    kind: ReviewKind,
    review_date: date,
    summary: str,
    document: FileStorage | None,
) -> Movement:
    """Record the review (sơ kết / tổng kết) that closes the movement, with its
    document (checked like evidence); a document is needed unless one is there."""
    if review_date < movement.start_date:
        raise RuleError(_("Ngày sơ kết, tổng kết không được trước ngày bắt đầu."), "review_date")
    if review_date > today_vn():
        raise RuleError(_("Ngày sơ kết, tổng kết không được sau ngày hôm nay."), "review_date")
    summary = (summary or "").strip()
    if not summary:
        raise RuleError(_("Nhập kết quả sơ kết, tổng kết."), "review_summary")
    has_file = document is not None and document.filename
    if has_file:
        try:
            original, kind_of_file, data = checked_upload(document)
        except RuleError as error:
            raise RuleError(error.message, "document") from error
        movement.document_stored_name = store_file(_document_folder(movement), data, original)
        movement.document_name = original
        movement.document_kind = kind_of_file
    elif not movement.document_stored_name:
        raise RuleError(_("Đính kèm văn bản sơ kết, tổng kết."), "document")
    movement.review_kind = kind
    movement.review_date = review_date
    movement.review_summary = summary
    return movement


# -- Records that link to a movement -------------------------------------------------------


def exemplars_query(movement: Movement) -> Select:
    """The exemplars of the movement in units the person reads."""
    return (
        scoped(Exemplar)
        .where(Exemplar.movement_id == movement.id)
        .options(joinedload(Exemplar.unit))
        .order_by(Exemplar.name, Exemplar.id)
    )


def activities_query(movement: Movement) -> Select:
    """The propagation activities of the movement in units the person reads."""
    return (
        scoped(PropagationActivity)
        .where(PropagationActivity.movement_id == movement.id)
        .options(joinedload(PropagationActivity.unit))
        .order_by(PropagationActivity.activity_date.desc(), PropagationActivity.id.desc())
    )


def movement_choices(unit_id: int, keep_id: int | None = None) -> list[tuple[int, str]]:
    """(id, name) of the movements a record of `unit_id` may link to (plugged into
    portal.exemplars.movement_links by the registry)."""
    return [(m.id, m.name) for m in movements_for_unit(unit_id, keep_id)]


def movements_for_unit(unit_id: int, keep_id: int | None = None) -> list[Movement]:
    """The movements a record of `unit_id` may link to: the organization's in which the
    unit takes part (or open to all, with no unit listed) and the unit's own; plus
    `keep_id`, the one already linked."""
    unit = db.session.get(Unit, unit_id)
    takes_part = select(MovementUnit.movement_id).where(MovementUnit.unit_id == unit_id)
    listed = select(MovementUnit.movement_id)
    allowed = or_(
        Movement.unit_id == unit_id,
        and_(
            Movement.unit_id.is_(None),
            or_(Movement.id.in_(takes_part), Movement.id.not_in(listed)),
        ),
    )
    if keep_id:
        allowed = or_(allowed, Movement.id == keep_id)
    return db.session.scalars(
        select(Movement)
        .where(Movement.organization_id == unit.organization_id, allowed)
        .order_by(Movement.start_date.desc(), Movement.id.desc())
    ).all()
