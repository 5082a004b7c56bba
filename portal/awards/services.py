"""Award decisions: the rules of recording, editing, issuing them and of their
recipients; and the issued awards of a person, a unit or an exemplar (read by the
award history pages). Services never commit; routes run them through `attempt`."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from flask_babel import gettext as _
from sqlalchemy import Select, select
from sqlalchemy.orm import selectinload

from portal.accounts.models import Role, RoleMembership, User
from portal.awards.models import (
    AwardDecision,
    AwardLevel,
    AwardRecipient,
    DecisionSource,
    DecisionStatus,
)
from portal.consideration.models import AwardTitle
from portal.exemplars.models import Exemplar, ExemplarKind
from portal.extensions import db
from portal.formatting import today_vn
from portal.models_base import in_ids, utcnow
from portal.movements.models import Movement
from portal.organizations.models import Unit
from portal.rules import RuleError
from portal.tenancy import sees_whole_organization, visible_unit_ids
from portal.textsearch import fold

# -- The decision itself ---------------------------------------------------------------


@dataclass
class DecisionInput:
    """What the decision form gives (the number and date may be empty on a draft)."""

    number: str
    decided_on: date | None
    issuing_body: str
    level: AwardLevel
    signer_name: str
    signer_position: str
    award_title_id: int | None
    form_name: str
    year: int
    summary: str
    movement_id: int | None = None


def require_draft(decision: AwardDecision) -> None:
    """An issued decision is corrected only by an amendment (routes show LockedError)."""
    if decision.is_issued:
        raise RuleError(
            _("Quyết định đã ban hành nên không sửa được; hãy thêm một đính chính có ghi ngày.")
        )


def require_unique_number(
    organization_id: int, number: str, issuing_body: str, year: int, own_id: int | None
) -> None:
    """No two decisions of the organization with the same number from the same body in
    the same year (compared without regard to case)."""
    number = number.strip()
    if not number:
        return
    others = db.session.execute(
        select(AwardDecision.id, AwardDecision.number, AwardDecision.issuing_body).where(
            AwardDecision.organization_id == organization_id,
            AwardDecision.year == year,
            AwardDecision.number != "",
        )
    )
    body = " ".join(issuing_body.split()).casefold()
    for other_id, other_number, other_body in others:
        same_body = " ".join(other_body.split()).casefold() == body
        same_number = other_number.strip().casefold() == number.casefold()
        if other_id != own_id and same_body and same_number:
            raise RuleError(
                _(
                    "Số quyết định %(number)s của %(body)s năm %(year)s đã có trong danh sách "
                    "quyết định khen thưởng.",
                    number=number,
                    body=issuing_body,
                    year=year,
                ),
                "number",
            )


def _title_of(organization_id: int, title_id: int | None) -> AwardTitle | None:
    if not title_id:
        return None
    title = db.session.get(AwardTitle, title_id)
    if title is None or title.organization_id != organization_id:
        raise RuleError(_("Danh hiệu, hình thức khen thưởng không hợp lệ."), "award_title_id")
    return title


def _movement_of(organization_id: int, movement_id: int | None) -> Movement | None:
    if not movement_id:
        return None
    movement = db.session.get(Movement, movement_id)
    if movement is None or movement.organization_id != organization_id:
        raise RuleError(_("Phong trào thi đua không hợp lệ."), "movement_id")
    return movement


def _apply(decision: AwardDecision, data: DecisionInput) -> None:
    title = _title_of(decision.organization_id, data.award_title_id)
    movement = _movement_of(decision.organization_id, data.movement_id)
    form_name = data.form_name.strip() or (title.name if title else "")
    if not form_name:
        raise RuleError(
            _("Chọn danh hiệu trong danh mục hoặc nhập tên hình thức khen thưởng."), "form_name"
        )
    if not data.issuing_body.strip():
        raise RuleError(_("Nhập cơ quan, người ban hành quyết định."), "issuing_body")
    require_unique_number(
        decision.organization_id, data.number, data.issuing_body, data.year, decision.id
    )
    decision.number = data.number.strip()
    decision.decided_on = data.decided_on
    decision.issuing_body = " ".join(data.issuing_body.split())
    decision.level = data.level
    decision.signer_name = data.signer_name.strip()
    decision.signer_position = data.signer_position.strip()
    decision.award_title_id = title.id if title else None
    decision.movement_id = movement.id if movement else None
    decision.form_name = form_name
    decision.year = data.year
    decision.summary = data.summary.strip()


def record_decision(
    organization_id: int, data: DecisionInput, actor: User, source: DecisionSource
) -> AwardDecision:
    """A new draft decision (recorded by hand, or its header for a draft)."""
    decision = AwardDecision(organization_id=organization_id, source=source, created_by_id=actor.id)
    _apply(decision, data)
    db.session.add(decision)
    db.session.flush()
    return decision


def update_decision(decision: AwardDecision, data: DecisionInput) -> None:
    require_draft(decision)
    _apply(decision, data)


def issue_decision(
    decision: AwardDecision, number: str, decided_on: date | None, actor: User
) -> None:
    """Mark a draft issued: it needs its number and a date not in the future, and at
    least one recipient; from then on it is locked."""
    require_draft(decision)
    if not number.strip():
        raise RuleError(_("Nhập số quyết định trước khi đánh dấu đã ban hành."), "number")
    if decided_on is None:
        raise RuleError(_("Nhập ngày ký quyết định trước khi đánh dấu đã ban hành."), "decided_on")
    if decided_on > today_vn():
        raise RuleError(_("Ngày quyết định không được sau ngày hôm nay."), "decided_on")
    if not decision.recipients:
        raise RuleError(_("Quyết định chưa có tập thể, cá nhân nào được khen thưởng."), "number")
    require_unique_number(
        decision.organization_id, number, decision.issuing_body, decision.year, decision.id
    )
    decision.number = number.strip()
    decision.decided_on = decided_on
    decision.status = DecisionStatus.ISSUED
    decision.issued_at = utcnow()
    decision.issued_by_id = actor.id


# -- Recipients ------------------------------------------------------------------------


def _not_in_org() -> RuleError:
    return RuleError(
        _("Tập thể, cá nhân này không thuộc các đơn vị của Sở; hãy chọn lại trong danh sách."),
        "target",
    )


def resolve_target(organization_id: int, target: str) -> dict[str, object]:
    """The recipient named by a choice "unit:ID", "exemplar:ID" or "user:ID": its kind,
    unit, account or exemplar and name; refused unless it belongs to the organization."""
    kind_text, _sep, raw_id = (target or "").partition(":")
    if not raw_id.isdigit():
        raise _not_in_org()
    row_id = int(raw_id)
    if kind_text == "unit":
        unit = db.session.get(Unit, row_id)
        if unit is None or unit.organization_id != organization_id:
            raise _not_in_org()
        return {"kind": ExemplarKind.COLLECTIVE, "unit_id": unit.id, "name": unit.name}
    if kind_text == "exemplar":
        exemplar = db.session.get(Exemplar, row_id)
        if exemplar is None or exemplar.unit.organization_id != organization_id:
            raise _not_in_org()
        return {
            "kind": exemplar.kind,
            "unit_id": exemplar.unit_id,
            "exemplar_id": exemplar.id,
            "user_id": exemplar.person_user_id,
            "name": exemplar.name,
            "position": exemplar.position,
        }
    if kind_text == "user":
        user = db.session.get(User, row_id)
        unit_id = user.primary_unit_id if user is not None else None
        if user is None or user.organization_id != organization_id or unit_id is None:
            raise _not_in_org()
        return {
            "kind": ExemplarKind.INDIVIDUAL,
            "unit_id": unit_id,
            "user_id": user.id,
            "name": user.full_name,
        }
    raise _not_in_org()


def require_amount(amount: int | None, field: str = "amount_vnd") -> None:
    if amount is not None and amount < 0:
        raise RuleError(_("Số tiền thưởng không được nhỏ hơn 0."), field)


def add_recipient(
    decision: AwardDecision,
    target: str,
    name: str = "",
    position: str = "",
    amount_vnd: int | None = None,
) -> AwardRecipient:
    require_draft(decision)
    values = resolve_target(decision.organization_id, target)
    require_amount(amount_vnd)
    values["name"] = " ".join(name.split()) or values["name"]
    values["position"] = position.strip() or values.get("position", "")
    recipient = AwardRecipient(
        **values,
        name_key=fold(str(values["name"])),
        amount_vnd=amount_vnd,
        position_in_list=len(decision.recipients) + 1,
    )
    decision.recipients.append(recipient)
    db.session.flush()
    return recipient


@dataclass
class RecipientChange:
    """One row of the recipients form: its new name, position and amount, or removed."""

    recipient_id: int
    name: str
    position: str
    amount_vnd: int | None
    remove: bool = False


def update_recipients(decision: AwardDecision, changes: list[RecipientChange]) -> None:
    """Apply the rows of the recipients form to the draft (rows of other decisions are
    refused: a crafted form)."""
    require_draft(decision)
    own = {r.id: r for r in decision.recipients}
    for number, change in enumerate(changes):
        recipient = own.get(change.recipient_id)
        if recipient is None:
            raise _not_in_org()
        if change.remove:
            decision.recipients.remove(recipient)
            continue
        require_amount(change.amount_vnd, f"rows-{number}-amount_vnd")
        name = " ".join(change.name.split())
        if not name:
            raise RuleError(_("Nhập tên tập thể, cá nhân."), f"rows-{number}-name")
        recipient.name, recipient.name_key = name, fold(name)
        recipient.position = change.position.strip()
        recipient.amount_vnd = change.amount_vnd


def unit_people_choices(organization_id: int) -> list[tuple[int, str, str]]:
    """(user id, name, unit name) of the people holding a role in the organization's
    units, for the recipient choices."""
    rows = db.session.execute(
        select(User.id, User.full_name, Unit.name)
        .join(RoleMembership, RoleMembership.user_id == User.id)
        .join(Unit, Unit.id == RoleMembership.unit_id)
        .where(
            Unit.organization_id == organization_id,
            RoleMembership.role.in_([Role.COORDINATOR, Role.STAFF]),
        )
        .order_by(User.full_name, User.id)
    )
    seen: dict[int, tuple[int, str, str]] = {}
    for user_id, name, unit_name in rows:
        seen.setdefault(user_id, (user_id, name, unit_name))
    return list(seen.values())


def issued_under_movement(movement: Movement, reader: User) -> Select:
    """The issued decisions made under `movement`, newest first; a reader who does not
    see the whole organization sees those naming someone of their units only."""
    query = (
        select(AwardDecision)
        .where(
            AwardDecision.movement_id == movement.id,
            AwardDecision.status == DecisionStatus.ISSUED,
        )
        .options(selectinload(AwardDecision.recipients))
        .order_by(AwardDecision.decided_on.desc(), AwardDecision.id.desc())
    )
    if not sees_whole_organization(reader):
        theirs = select(AwardRecipient.decision_id).where(
            in_ids(AwardRecipient.unit_id, visible_unit_ids(reader))
        )
        query = query.where(AwardDecision.id.in_(theirs))
    return query
