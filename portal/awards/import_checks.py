"""The checks of an award import that look at several rows, or at the database: rows
repeated in the file, rows of one decision that disagree, decisions already recorded,
and the unit, person or collective each row names."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from flask_babel import gettext as _
from sqlalchemy import select

from portal.accounts.models import Role, RoleMembership, User
from portal.awards.models import AwardDecision
from portal.exemplars.models import Exemplar, ExemplarKind
from portal.extensions import db
from portal.formatting import format_date
from portal.organizations.models import Unit
from portal.textsearch import fold

# The rows are `portal.awards.importer.ImportRow`s (not imported: the importer uses this).
ImportRow = Any


def plain(text: object) -> str:
    """Folded, with punctuation as spaces: how headings and choices are compared."""
    return " ".join(re.sub(r"[^0-9a-z]+", " ", fold(str(text or ""))).split())


def check_together(rows: list[ImportRow]) -> None:
    """A recipient twice on one decision, or a decision whose rows disagree."""
    first_of_decision: dict[tuple, ImportRow] = {}
    first_of_recipient: dict[tuple, int] = {}
    for row in rows:
        if row.year is None or not row.cells["number"] or row.unit is None:
            continue
        key = row.decision_key
        first = first_of_decision.setdefault(key, row)
        if first is not row and _shared(first) != _shared(row):
            row.errors.append(
                _(
                    "Cùng số quyết định với dòng %(line)d nhưng khác ngày, cấp, danh hiệu "
                    "hoặc người ký.",
                    line=first.line,
                )
            )
        who = (key, row.kind, row.unit.id, row.user_id, row.exemplar_id, fold(row.cells["name"]))
        if who in first_of_recipient:
            row.errors.append(_("Trùng với dòng %(line)d.", line=first_of_recipient[who]))
        else:
            first_of_recipient[who] = row.line


def _shared(row: ImportRow) -> tuple:
    """What every row of one decision must repeat alike."""
    return (row.decided_on, row.level, fold(row.cells["form_name"]), fold(row.cells["signer"]))


def check_existing(organization_id: int, rows: list[ImportRow]) -> None:
    """A decision number already recorded for the same issuing body and year."""
    years = {row.year for row in rows if row.year is not None}
    if not years:
        return
    found = db.session.execute(
        select(
            AwardDecision.number,
            AwardDecision.issuing_body,
            AwardDecision.year,
            AwardDecision.decided_on,
        ).where(
            AwardDecision.organization_id == organization_id,
            AwardDecision.year.in_(sorted(years)),
        )
    )
    existing = {(fold(n), fold(b), y): d for n, b, y, d in found}
    for row in rows:
        if row.decision_key in existing:
            row.errors.append(
                _(
                    "Quyết định số %(number)s của %(body)s năm %(year)s đã có trên cổng "
                    "(ngày %(date)s).",
                    number=row.cells["number"],
                    body=row.cells["issuing_body"],
                    year=row.year,
                    date=format_date(existing[row.decision_key]) or "—",
                )
            )


# -- Who the rows name -----------------------------------------------------------------


@dataclass
class People:
    units: dict[str, list[Unit]]
    users: dict[tuple[int, str], list[int]]  # (unit id, folded name) -> user ids
    exemplars: dict[tuple[int, str, ExemplarKind], list[Exemplar]]


def load_people(organization_id: int) -> People:
    """Units, their people and their exemplars, by folded name (three queries)."""
    units = db.session.scalars(select(Unit).where(Unit.organization_id == organization_id))
    by_name: dict[str, list[Unit]] = {}
    for unit in units:
        by_name.setdefault(plain(unit.name), []).append(unit)
    users: dict[tuple[int, str], list[int]] = {}
    memberships = db.session.execute(
        select(RoleMembership.unit_id, User.id, User.full_name)
        .join(User, User.id == RoleMembership.user_id)
        .where(
            User.organization_id == organization_id,
            RoleMembership.role.in_([Role.COORDINATOR, Role.STAFF]),
        )
    )
    for unit_id, user_id, full_name in memberships:
        ids = users.setdefault((unit_id, plain(full_name)), [])
        if user_id not in ids:
            ids.append(user_id)
    exemplars: dict[tuple[int, str, ExemplarKind], list[Exemplar]] = {}
    found = db.session.scalars(
        select(Exemplar).join(Unit).where(Unit.organization_id == organization_id)
    )
    for exemplar in found:
        key = (exemplar.unit_id, plain(exemplar.name), ExemplarKind(exemplar.kind))
        exemplars.setdefault(key, []).append(exemplar)
    return People(by_name, users, exemplars)


def check_recipient(row: ImportRow, people: People) -> None:
    unit_name = row.cells["unit"]
    if not unit_name:
        return
    candidates = people.units.get(plain(unit_name), [])
    if len(candidates) != 1:
        row.errors.append(_("Không có đơn vị tên %(name)s.", name=unit_name))
        return
    row.unit = unit = candidates[0]
    name = row.cells["name"]
    if row.kind == ExemplarKind.COLLECTIVE:
        if not name or plain(name) == plain(unit.name):
            return  # the unit itself
        found = people.exemplars.get((unit.id, plain(name), ExemplarKind.COLLECTIVE), [])
        if len(found) == 1:
            row.exemplar_id = found[0].id
        else:
            row.errors.append(
                _(
                    "Đơn vị %(unit)s không có tập thể (điển hình) tên %(name)s.",
                    unit=unit.name,
                    name=name,
                )
            )
    elif row.kind == ExemplarKind.INDIVIDUAL:
        _match_person(row, people, unit, name)


def _match_person(row: ImportRow, people: People, unit: Unit, name: str) -> None:
    if not name:
        row.errors.append(_("Thiếu họ tên của cá nhân."))
        return
    users = people.users.get((unit.id, plain(name)), [])
    exemplars = people.exemplars.get((unit.id, plain(name), ExemplarKind.INDIVIDUAL), [])
    if len(users) > 1:
        row.errors.append(
            _("Đơn vị %(unit)s có nhiều người tên %(name)s.", unit=unit.name, name=name)
        )
    elif users:
        row.user_id = users[0]
        own = [e for e in exemplars if e.person_user_id == row.user_id]
        row.exemplar_id = own[0].id if len(own) == 1 else None
    elif len(exemplars) == 1:
        row.exemplar_id = exemplars[0].id
        row.user_id = exemplars[0].person_user_id
    else:
        row.errors.append(
            _(
                "Đơn vị %(unit)s không có cán bộ hoặc điển hình cá nhân tên %(name)s.",
                unit=unit.name,
                name=name,
            )
        )
