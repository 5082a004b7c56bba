"""The checks of an award import that look at several rows, or at the database: rows
repeated in the file, rows of one decision that disagree, decisions already recorded."""

from __future__ import annotations

from typing import Any

from flask_babel import gettext as _
from sqlalchemy import select

from portal.awards.models import AwardDecision
from portal.extensions import db
from portal.formatting import format_date
from portal.textsearch import fold

# The rows are `portal.awards.importer.ImportRow`s (not imported: the importer uses this).
ImportRow = Any


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
