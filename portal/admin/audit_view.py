"""The audit log as people read it: records and fields by their Vietnamese names,
values formatted as the pages format them, references by the name of what they
point to, and the entries of one request (or job) shown together."""

from __future__ import annotations

import enum
import json
from dataclasses import dataclass, field
from datetime import date, datetime, time
from decimal import Decimal, InvalidOperation
from itertools import groupby
from typing import Any

from flask_babel import gettext as _
from sqlalchemy import (
    JSON,
    Boolean,
    Date,
    DateTime,
    Integer,
    Numeric,
    String,
    Table,
    Time,
    cast,
    literal,
    select,
    union_all,
)
from sqlalchemy import Enum as SqlEnum

from portal.audit import AuditLog
from portal.audit_labels import code_label, field_label, record_label
from portal.enums import LabelledEnum, translate
from portal.extensions import db
from portal.formatting import format_date, format_datetime, format_number, format_vnd

# Columns that identify rather than describe: shown with the record, not as changes
# (the organization is the reader's own: the log shows no other).
HIDDEN_FIELDS = {"id", "organization_id"}
EMPTY = "∅"
# The column that names a row of a table, in this order of preference.
NAME_COLUMNS = ("full_name", "name", "title", "original_name", "course", "person_name")
LONG_TEXT = 300  # longer values are cut on the page (the toggle keeps them whole)


@dataclass
class ChangeLine:
    label: str
    before: str
    after: str


@dataclass
class EntryView:
    entry: AuditLog
    record: str  # "Điển hình tiên tiến"
    name: str  # what the record is called ("Tổ quan trắc"), else ""
    unit: str  # the unit's name, else ""
    changes: list[ChangeLine]
    technical: str  # the raw row, for the Office's "Chi tiết kỹ thuật"


@dataclass
class RequestGroup:
    """The entries one request (or job) made, newest first."""

    at: datetime
    actor: Any
    entries: list[EntryView] = field(default_factory=list)


def _models_by_name() -> dict[str, type]:
    """Model class name (the log's object_type) -> model."""
    return {m.class_.__name__: m.class_ for m in db.Model.registry.mappers}


def _column(model: type | None, key: str):
    table = getattr(model, "__table__", None)
    return table.columns.get(key) if table is not None else None


def _name_column(table: Table):
    return next((table.columns[c] for c in NAME_COLUMNS if c in table.columns), None)


def _target_table(column) -> Table | None:
    """The table a foreign-key column points to."""
    for foreign_key in column.foreign_keys:
        return foreign_key.column.table
    return None


def _text(value: Any) -> str:
    text = str(value)
    return text if len(text) <= LONG_TEXT else text[:LONG_TEXT] + "…"


def _enum_label(enum_class: type[enum.Enum], value: Any) -> str:
    try:
        member = enum_class(value)
    except ValueError:
        return str(value)
    return str(member.label) if isinstance(member, LabelledEnum) else str(member.value)


def _decimal(value: Any) -> str:
    try:
        number = Decimal(str(value))
    except InvalidOperation:
        return str(value)
    digits = max(0, -number.as_tuple().exponent) if number % 1 else 0
    return format_number(number, min(digits, 2))


def _scalar(column, value: Any) -> str:
    """A stored value as the pages show it, by the column's type."""
    kind = column.type
    if isinstance(kind, SqlEnum) and kind.enum_class is not None:
        return _enum_label(kind.enum_class, value)
    if isinstance(kind, Boolean):
        return _("Có") if value else _("Không")
    if isinstance(kind, DateTime) and isinstance(value, str):
        return format_datetime(datetime.fromisoformat(value))
    if isinstance(kind, Date) and isinstance(value, str):
        return format_date(date.fromisoformat(value))
    if isinstance(kind, Time) and isinstance(value, str):
        return time.fromisoformat(value).strftime("%H:%M")
    if isinstance(kind, Numeric) and not isinstance(kind, Integer):
        return _decimal(value)
    if isinstance(kind, Integer) and column.key.endswith("_vnd"):
        return format_vnd(value)
    if isinstance(kind, Integer) and "year" not in column.key and isinstance(value, int):
        return format_number(value)  # 1.500 people; a year stays 2024
    if isinstance(kind, JSON) or isinstance(value, dict | list):
        return _("(dữ liệu kỹ thuật, %(count)s mục)", count=len(value or ()))
    return _text(value)


class Formatter:
    """Formats one page of entries; the names of what they refer to are read in one
    query for the whole page (the same number of queries however many entries)."""

    def __init__(self, entries: list[AuditLog]) -> None:
        self.models = _models_by_name()
        self.names = _reference_names(self._references(entries))

    def _references(self, entries: list[AuditLog]) -> set[tuple[Table, int]]:
        wanted: set[tuple[Table, int]] = set()
        for entry in entries:
            model = self.models.get(entry.object_type)
            if model is not None and entry.object_id.isdigit():
                wanted.add((model.__table__, int(entry.object_id)))
            for key, values in (entry.changes or {}).items():
                column = _column(model, key)
                target = _target_table(column) if column is not None else None
                if target is None or not isinstance(values, list | tuple):
                    continue
                wanted |= {(target, v) for v in values if isinstance(v, int)}
        if entry_units := {e.unit_id for e in entries if e.unit_id}:
            units = self.models["Unit"].__table__
            wanted |= {(units, unit_id) for unit_id in entry_units}
        return {(t, i) for t, i in wanted if _name_column(t) is not None}

    def value(self, model: type | None, key: str, value: Any) -> str:
        if value is None or value == "":
            return EMPTY
        column = _column(model, key)
        if column is None:
            code = code_label(model.__name__, key, str(value)) if model is not None else None
            return str(translate(code)) if code else _text(value)
        target = _target_table(column)
        if target is not None and isinstance(value, int):
            return self.names.get((target.name, value)) or f"#{value}"
        try:
            return _scalar(column, value)
        except (ValueError, TypeError):  # written before the column changed type
            return _text(value)

    def entry(self, entry: AuditLog) -> EntryView:
        model = self.models.get(entry.object_type)
        label = record_label(entry.object_type)
        changes = [
            ChangeLine(
                str(translate(field_label(entry.object_type, key) or key)),
                self.value(model, key, values[0] if len(values) > 0 else None),
                self.value(model, key, values[1] if len(values) > 1 else None),
            )
            for key, values in (entry.changes or {}).items()
            if key not in HIDDEN_FIELDS and isinstance(values, list | tuple)
        ]
        # A new row's empty fields, or a deleted row's, say nothing: leave them out.
        if entry.action == "create":
            changes = [c for c in changes if c.after != EMPTY]
        elif entry.action == "delete":
            changes = [c for c in changes if c.before != EMPTY]
        table = getattr(model, "__table__", None)
        name = ""
        if table is not None and entry.object_id.isdigit():
            name = self.names.get((table.name, int(entry.object_id)), "")
        if not name:  # a deleted row: the name it had
            name = _name_in_changes(entry.changes or {})
        return EntryView(
            entry=entry,
            record=str(translate(label)) if label else entry.object_type,
            name=name,
            unit=self.names.get(("units", entry.unit_id), "") if entry.unit_id else "",
            changes=changes,
            technical=_technical(entry),
        )


def _name_in_changes(changes: dict) -> str:
    """The name a row no longer in the database had: as the change left it, else before."""
    for key in NAME_COLUMNS:
        values = changes.get(key)
        if isinstance(values, list | tuple):
            named = [str(v) for v in reversed(values) if v]
            if named:
                return named[0]
    return ""


def _reference_names(wanted: set[tuple[Table, int]]) -> dict[tuple[str, int], str]:
    """(table name, id) -> the row's name, for every reference of the page, in one query."""
    by_table: dict[Table, set[int]] = {}
    for table, row_id in wanted:
        by_table.setdefault(table, set()).add(row_id)
    if not by_table:
        return {}
    parts = [
        select(
            literal(table.name).label("tbl"),
            table.c.id.label("id"),
            cast(_name_column(table), String).label("name"),
        ).where(table.c.id.in_(sorted(ids)))
        for table, ids in sorted(by_table.items(), key=lambda item: item[0].name)
    ]
    rows = db.session.execute(union_all(*parts)).all()
    return {(row.tbl, row.id): row.name for row in rows}


def _technical(entry: AuditLog) -> str:
    raw = {
        "id": entry.id,
        "object": f"{entry.object_type} #{entry.object_id}",
        "action": entry.action,
        "request_id": entry.request_id,
        "changes": entry.changes,
    }
    return json.dumps(raw, ensure_ascii=False, indent=1, default=str)


def grouped(entries: list[AuditLog]) -> list[RequestGroup]:
    """The page's entries as groups of one request each (an entry without a request,
    made from the command line, is a group of its own)."""
    formatter = Formatter(entries)
    groups = []
    for _request, run in groupby(entries, key=lambda e: e.request_id or f"entry-{e.id}"):
        run = list(run)
        group = RequestGroup(at=run[0].at, actor=run[0].actor)
        group.entries = [formatter.entry(e) for e in run]
        groups.append(group)
    return groups
