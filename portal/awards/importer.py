"""Importing award decisions made elsewhere from an Excel file: read, check every row,
then save the whole file or nothing.

One row is one recipient; rows with the same decision number, issuing body and year
make one decision (recorded as imported and issued). As with the staff import, the
upload is kept in a private file under the instance directory until the Office
confirms the preview, and every row is checked again on confirmation. Unlike it, one
bad row refuses the whole file: a decision is never saved with part of its list.
"""

from __future__ import annotations

import io
import re
from dataclasses import dataclass, field
from datetime import date, datetime

from flask_babel import gettext as _
from sqlalchemy import select

from portal.accounts.models import User
from portal.awards import import_checks
from portal.awards.import_checks import plain
from portal.awards.models import (
    AwardDecision,
    AwardLevel,
    AwardRecipient,
    DecisionSource,
    DecisionStatus,
)
from portal.consideration.models import AwardTitle
from portal.exemplars.models import ExemplarKind
from portal.extensions import db
from portal.formatting import format_date, today_vn
from portal.models_base import utcnow
from portal.organizations.models import Unit
from portal.rules import RuleError
from portal.textsearch import fold

MAX_ROWS = 2000

# (key, heading in the template, accepted headings folded without punctuation, required)
COLUMNS = (
    ("number", "Số QĐ", {"so qd", "so quyet dinh", "so hieu quyet dinh"}, True),
    ("decided_on", "Ngày QĐ", {"ngay qd", "ngay quyet dinh", "ngay ky"}, True),
    ("issuing_body", "Cơ quan ban hành", {"co quan ban hanh", "co quan quyet dinh"}, True),
    ("level", "Cấp", {"cap", "cap khen thuong"}, True),
    ("signer", "Người ký", {"nguoi ky"}, False),
    (
        "form_name",
        "Danh hiệu/Hình thức",
        {"danh hieu hinh thuc", "danh hieu", "hinh thuc", "hinh thuc khen thuong"},
        True,
    ),
    ("year", "Năm", {"nam", "nam thanh tich"}, True),
    ("unit", "Đơn vị", {"don vi", "ten don vi"}, True),
    ("kind", "Tập thể/Cá nhân", {"tap the ca nhan", "loai", "doi tuong"}, True),
    ("name", "Họ tên/Tên tập thể", {"ho ten ten tap the", "ho ten", "ho va ten", "ten"}, False),
    ("position", "Chức vụ", {"chuc vu"}, False),
    ("amount", "Số tiền", {"so tien", "so tien thuong", "tien thuong"}, False),
)
HEADINGS = [heading for _key, heading, _names, _required in COLUMNS]
LEVEL_NAMES = {
    AwardLevel.DEPARTMENT: {"so", "cap so", "department"},
    AwardLevel.PROVINCE: {"tinh", "cap tinh", "province"},
    AwardLevel.MINISTRY: {"bo", "cap bo", "bo nganh", "cap bo nganh", "ministry"},
    AwardLevel.GOVERNMENT: {"nha nuoc", "cap nha nuoc", "chinh phu", "government"},
    AwardLevel.OTHER: {"khac", "other"},
}
KIND_NAMES = {
    ExemplarKind.COLLECTIVE: {"tap the", "collective"},
    ExemplarKind.INDIVIDUAL: {"ca nhan", "individual"},
}
DATE_PATTERN = re.compile(r"^(\d{1,2})/(\d{1,2})/(\d{4})$")
AMOUNT_PATTERN = re.compile(r"^-?\d{1,3}(\.\d{3})+$|^-?\d+$")


@dataclass
class ImportRow:
    line: int
    cells: dict[str, str]
    decided_on: date | None = None
    level: AwardLevel | None = None
    year: int | None = None
    kind: ExemplarKind | None = None
    amount: int | None = None
    unit: Unit | None = None
    user_id: int | None = None
    exemplar_id: int | None = None
    errors: list[str] = field(default_factory=list)

    @property
    def valid(self) -> bool:
        return not self.errors

    @property
    def decision_key(self) -> tuple[str, str, int | None]:
        return fold(self.cells["number"]), fold(self.cells["issuing_body"]), self.year

    @property
    def recipient_name(self) -> str:
        return self.cells["name"] or (self.unit.name if self.unit else self.cells["unit"])


# -- Reading the file ---------------------------------------------------------------


def read_rows(filename: str, data: bytes) -> list[list]:
    """[line, {column: text}] for every non-empty row after the headings, dates
    written dd/mm/yyyy (an Excel date cell as well as a typed one)."""
    if not (filename or "").lower().endswith(".xlsx"):
        raise RuleError(_("Chỉ nhận tệp Excel (.xlsx)."), "file")
    table = _read_xlsx(data)
    rows = [(n, r) for n, r in enumerate(table, start=1) if any(c for c in r)]
    if not rows:
        raise RuleError(_("Tệp không có dữ liệu."), "file")
    columns = _columns(rows[0][1])
    missing = [heading for key, heading, _n, required in COLUMNS if required and key not in columns]
    if missing:
        raise RuleError(
            _(
                "Không tìm thấy cột bắt buộc: %(names)s. Hãy dùng tệp mẫu.",
                names=", ".join(missing),
            ),
            "file",
        )
    if len(rows) - 1 > MAX_ROWS:
        raise RuleError(_("Tệp có quá nhiều dòng (tối đa %(n)d).", n=MAX_ROWS), "file")

    def cell(row: list[str], key: str) -> str:
        index = columns.get(key)
        return row[index] if index is not None and index < len(row) else ""

    return [[line, {key: cell(r, key) for key, *_rest in COLUMNS}] for line, r in rows[1:]]


def _read_xlsx(data: bytes) -> list[list[str]]:
    from openpyxl import load_workbook

    try:
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many kinds for a damaged file
        raise RuleError(
            _("Không đọc được tệp Excel. Hãy lưu lại dưới dạng .xlsx."), "file"
        ) from exc
    try:
        sheet = workbook.worksheets[0]
        return [[_text(v) for v in row] for row in sheet.iter_rows(values_only=True)]
    finally:
        workbook.close()


def _text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime | date):
        return format_date(value if isinstance(value, date) else value.date())
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return " ".join(str(value).split())


def _columns(header: list[str]) -> dict[str, int]:
    columns: dict[str, int] = {}
    for index, title in enumerate(header):
        name = plain(title)
        for key, _heading, accepted, _required in COLUMNS:
            if name in accepted and key not in columns:
                columns[key] = index
    return columns


# -- Checking the rows --------------------------------------------------------------


def check_rows(organization_id: int, raw: list[list]) -> list[ImportRow]:
    """Every row with what is wrong with it (an empty list when it can be saved)."""
    rows = [ImportRow(int(n), {k: str(v or "") for k, v in cells.items()}) for n, cells in raw]
    people = import_checks.load_people(organization_id)
    for row in rows:
        _check_fields(row)
        import_checks.check_recipient(row, people)
    import_checks.check_together(rows)
    import_checks.check_existing(organization_id, rows)
    return rows


def _check_fields(row: ImportRow) -> None:
    cells = row.cells
    for key, heading, _names, required in COLUMNS:
        if required and not cells[key]:
            row.errors.append(_("Thiếu %(column)s.", column=heading))
    limits = {"number": 64, "issuing_body": 255, "signer": 255, "form_name": 500}
    limits |= {"name": 255, "position": 255}
    headings = {key: heading for key, heading, _names, _required in COLUMNS}
    for key, limit in limits.items():
        if len(cells[key]) > limit:
            row.errors.append(
                _("Cột %(column)s dài quá %(n)d ký tự.", column=headings[key], n=limit)
            )
    row.decided_on = _date(row)
    row.level = _choice(row, "level", LEVEL_NAMES, _("Cấp khen thưởng không hợp lệ: %(value)s."))
    row.kind = _choice(row, "kind", KIND_NAMES, _("Cột Tập thể/Cá nhân không hợp lệ: %(value)s."))
    row.year = _year(row)
    row.amount = _amount(row)


def _date(row: ImportRow) -> date | None:
    text = row.cells["decided_on"]
    match = DATE_PATTERN.match(text)
    if not text:
        return None
    try:
        if not match:
            raise ValueError
        day, month, year = (int(part) for part in match.groups())
        value = date(year, month, day)
    except ValueError:
        row.errors.append(_("Ngày quyết định không đúng dạng dd/mm/yyyy: %(value)s.", value=text))
        return None
    if value > today_vn():
        row.errors.append(_("Ngày quyết định ở trong tương lai: %(value)s.", value=text))
    return value


def _choice(row: ImportRow, key: str, names: dict, message: str):
    text = row.cells[key]
    if not text:
        return None
    for choice, accepted in names.items():
        if plain(text) in accepted or plain(text) == plain(choice.label):
            return choice
    row.errors.append(message % {"value": text})
    return None


def _year(row: ImportRow) -> int | None:
    text = row.cells["year"]
    if not text:
        return None
    if not text.isdigit() or not 1945 <= int(text) <= 2100:
        row.errors.append(_("Năm không hợp lệ: %(value)s.", value=text))
        return None
    return int(text)


def _amount(row: ImportRow) -> int | None:
    text = row.cells["amount"].replace(" ", "").removesuffix("đ").removesuffix("đồng")
    if not text:
        return None
    if not AMOUNT_PATTERN.match(text):
        row.errors.append(
            _("Số tiền phải là số nguyên (đồng): %(value)s.", value=row.cells["amount"])
        )
        return None
    value = int(text.replace(".", ""))
    if value < 0:
        row.errors.append(_("Số tiền không được âm: %(value)s.", value=row.cells["amount"]))
        return None
    return value


# -- Saving -------------------------------------------------------------------------


def save(actor: User, rows: list[ImportRow]) -> list[AwardDecision]:
    """Every row, grouped into issued decisions; refuses (saving nothing) when any row
    has an error. The caller commits."""
    if not rows or any(not row.valid for row in rows):
        raise RuleError(_("Tệp còn dòng có lỗi: chưa có gì được lưu."))
    titles = {
        fold(t.name): t.id
        for t in db.session.scalars(
            select(AwardTitle).where(AwardTitle.organization_id == actor.organization_id)
        )
    }
    decisions: dict[tuple, AwardDecision] = {}
    for row in rows:
        decision = decisions.get(row.decision_key)
        if decision is None:
            decision = decisions[row.decision_key] = _decision(actor, row, titles)
            db.session.add(decision)
        decision.recipients.append(
            AwardRecipient(
                unit_id=row.unit.id,
                kind=row.kind,
                user_id=row.user_id,
                exemplar_id=row.exemplar_id,
                name=row.recipient_name,
                name_key=fold(row.recipient_name),
                position=row.cells["position"],
                amount_vnd=row.amount,
                position_in_list=len(decision.recipients) + 1,
            )
        )
    db.session.flush()
    return list(decisions.values())


def _decision(actor: User, row: ImportRow, titles: dict[str, int]) -> AwardDecision:
    return AwardDecision(
        organization_id=actor.organization_id,
        number=row.cells["number"],
        decided_on=row.decided_on,
        issuing_body=row.cells["issuing_body"],
        level=row.level,
        signer_name=row.cells["signer"],
        award_title_id=titles.get(fold(row.cells["form_name"])),
        form_name=row.cells["form_name"],
        year=row.year,
        status=DecisionStatus.ISSUED,
        source=DecisionSource.IMPORTED,
        issued_at=utcnow(),
        issued_by_id=actor.id,
        created_by_id=actor.id,
    )
