"""Importing staff from a CSV or XLSX file: read, check every row, then save the good ones.

Nothing is saved when the file is uploaded: its rows are kept in a private file
under the instance directory, keyed by a random token, until the Office
confirms the preview. Every row is checked again on confirmation.
"""

from __future__ import annotations

import csv
import io
import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

from email_validator import EmailNotValidError, validate_email
from flask_babel import gettext as _
from sqlalchemy import func, select

from portal.accounts.models import Role, User
from portal.accounts.services import normalise_email, send_account_setup
from portal.admin import services
from portal.extensions import db
from portal.organizations.models import Unit
from portal.pending_uploads import PendingUploads
from portal.rules import RuleError

MAX_ROWS = 2000
PENDING = PendingUploads("staff")

# Accepted column headings, compared without accents, case or punctuation.
HEADERS = {
    "full_name": {"full name", "fullname", "name", "ho va ten", "ho ten", "ten", "ten can bo"},
    "email": {"email", "e mail", "thu dien tu", "dia chi email", "dia chi thu dien tu"},
    "unit": {"unit", "unit name", "don vi", "ten don vi", "phong don vi", "phong"},
    "role": {"role", "vai tro", "quyen", "chuc nang"},
}
ROLE_ALIASES = {
    Role.OFFICE_ADMIN: {"van phong so", "van phong", "office admin", "office"},
    Role.COUNCIL_MEMBER: {"thanh vien hoi dong", "hoi dong", "hoi dong tdkt", "council member"},
    Role.COORDINATOR: {"can bo thi dua", "thi dua", "coordinator"},
    Role.STAFF: {"can bo nhan vien", "can bo", "nhan vien", "chuyen vien", "staff"},
    Role.VIEWER: {"lanh dao", "lanh dao chi xem", "chi xem", "viewer"},
}


@dataclass
class ImportRow:
    line: int
    full_name: str
    email: str
    unit_name: str
    role_text: str
    role: Role | None = None
    unit: Unit | None = None
    errors: list[str] = field(default_factory=list)

    @property
    def valid(self) -> bool:
        return not self.errors


def fold(text: object) -> str:
    """Lower case, no accents (đ -> d), punctuation as spaces, single spaces."""
    value = unicodedata.normalize("NFD", str(text or "")).replace("đ", "d").replace("Đ", "D")
    value = "".join(ch for ch in value if not unicodedata.combining(ch)).lower()
    return " ".join(re.sub(r"[^0-9a-z]+", " ", value).split())


# -- Reading the file ---------------------------------------------------------------


def read_table(filename: str, data: bytes) -> list[list[str]]:
    """The cells of the file's first sheet as text, row by row."""
    suffix = Path(filename or "").suffix.lower()
    if suffix == ".xlsx":
        return _read_xlsx(data)
    if suffix == ".csv":
        return _read_csv(data)
    raise RuleError(_("Chỉ nhận tệp CSV hoặc Excel (.xlsx)."), "file")


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
        return [
            ["" if cell is None else str(cell).strip() for cell in row]
            for row in sheet.iter_rows(values_only=True)
        ]
    finally:
        workbook.close()


def _read_csv(data: bytes) -> list[list[str]]:
    for encoding in ("utf-8-sig", "cp1258"):
        try:
            text = data.decode(encoding)
            break
        except UnicodeDecodeError:
            continue
    else:  # pragma: no cover - cp1258 decodes almost anything
        raise RuleError(_("Không đọc được tệp CSV: hãy lưu với bảng mã UTF-8."), "file")
    # Windows-1258 (and some Mac exports) write tone marks as separate characters.
    text = unicodedata.normalize("NFC", text)
    sample = text[:4096]
    try:
        dialect = csv.Sniffer().sniff(sample, delimiters=",;\t")
    except csv.Error:
        dialect = csv.excel
    return [[cell.strip() for cell in row] for row in csv.reader(io.StringIO(text), dialect)]


def parse_rows(table: list[list[str]]) -> list[list]:
    """[line, full name, email, unit, role] for every non-empty row after the headings."""
    rows = [(n, r) for n, r in enumerate(table, start=1) if any(c.strip() for c in r)]
    if not rows:
        raise RuleError(_("Tệp không có dữ liệu."), "file")
    header = rows[0][1]
    columns = _columns(header)
    required = {"full_name": _("Họ và tên"), "email": "Email"}
    missing = [label for key, label in required.items() if key not in columns]
    if missing:
        raise RuleError(
            _(
                "Không tìm thấy cột bắt buộc: %(names)s. Dòng tiêu đề cần có các cột "
                "Họ và tên, Email, Đơn vị, Vai trò.",
                names=", ".join(missing),
            ),
            "file",
        )
    data = rows[1:]
    if len(data) > MAX_ROWS:
        raise RuleError(_("Tệp có quá nhiều dòng (tối đa %(n)d).", n=MAX_ROWS), "file")

    def cell(row: list[str], key: str) -> str:
        index = columns.get(key)
        return row[index].strip() if index is not None and index < len(row) else ""

    return [
        [line, cell(r, "full_name"), cell(r, "email"), cell(r, "unit"), cell(r, "role")]
        for line, r in data
    ]


def _columns(header: list[str]) -> dict[str, int]:
    columns: dict[str, int] = {}
    for index, title in enumerate(header):
        name = fold(title)
        for key, accepted in HEADERS.items():
            if name in accepted and key not in columns:
                columns[key] = index
    return columns


# -- Checking the rows --------------------------------------------------------------


def role_lookup() -> dict[str, Role]:
    lookup: dict[str, Role] = {}
    for role in Role.in_organization():
        names = {role.value, fold(role.value), fold(role.label)} | ROLE_ALIASES[role]
        for name in names:
            lookup[fold(name)] = role
    return lookup


def check_rows(organization_id: int, raw: list[list]) -> list[ImportRow]:
    """Every row with what is wrong with it (an empty list when it can be saved)."""
    rows = [ImportRow(int(r[0]), *(str(v) for v in r[1:5])) for r in raw]
    units = db.session.scalars(select(Unit).where(Unit.organization_id == organization_id)).all()
    exact = {u.name.casefold(): u for u in units}
    folded: dict[str, list[Unit]] = {}
    for unit in units:
        folded.setdefault(fold(unit.name), []).append(unit)
    existing = _existing_emails({normalise_email(r.email) for r in rows if r.email})
    roles = role_lookup()
    first_line: dict[str, int] = {}
    for row in rows:
        _check_person(row, existing, first_line)
        _check_role_and_unit(row, organization_id, roles, exact, folded)
    return rows


def _existing_emails(emails: set[str]) -> set[str]:
    if not emails:
        return set()
    query = select(func.lower(User.email)).where(func.lower(User.email).in_(emails))
    return set(db.session.scalars(query))


def _check_person(row: ImportRow, existing: set[str], first_line: dict[str, int]) -> None:
    row.full_name = " ".join(row.full_name.split())
    if not row.full_name:
        row.errors.append(_("Thiếu họ và tên."))
    # The same limits as the account's columns (and the people form): checked in the
    # preview, so that the confirmation never meets them.
    name_limit = User.__table__.c.full_name.type.length
    if len(row.full_name) > name_limit:
        row.errors.append(_("Họ và tên dài quá %(limit)d ký tự.", limit=name_limit))
    email_limit = User.__table__.c.email.type.length
    if len(row.email) > email_limit:
        row.errors.append(_("Email dài quá %(limit)d ký tự.", limit=email_limit))
        return
    if not row.email:
        row.errors.append(_("Thiếu email."))
        return
    try:
        row.email = validate_email(row.email, check_deliverability=False).normalized.lower()
    except EmailNotValidError:
        row.errors.append(_("Email không hợp lệ: %(email)s.", email=row.email))
        return
    if row.email in first_line:
        row.errors.append(_("Trùng email với dòng %(line)d.", line=first_line[row.email]))
    else:
        first_line[row.email] = row.line
    if row.email in existing:
        row.errors.append(_("Đã có tài khoản với email này."))


def _check_role_and_unit(
    row: ImportRow,
    organization_id: int,
    roles: dict[str, Role],
    exact: dict[str, Unit],
    folded: dict[str, list[Unit]],
) -> None:
    # An empty role means an ordinary member of staff.
    row.role = roles.get(fold(row.role_text)) if row.role_text else Role.STAFF
    if row.role is None:
        row.errors.append(_("Vai trò không hợp lệ: %(role)s.", role=row.role_text))
    if row.unit_name:
        candidates = folded.get(fold(row.unit_name), [])
        row.unit = exact.get(" ".join(row.unit_name.split()).casefold()) or (
            candidates[0] if len(candidates) == 1 else None
        )
        if row.unit is None:
            row.errors.append(_("Không có đơn vị tên %(name)s.", name=row.unit_name))
            return
    if row.role is not None:
        try:
            services.check_role(organization_id, row.role, row.unit.id if row.unit else None)
        except RuleError as exc:
            row.errors.append(str(exc))


# -- Keeping the rows between preview and confirmation -----------------------------


def upload(actor: User, filename: str, data: bytes) -> str:
    """Read and parse the Office's file and keep its rows for the preview: the token."""
    raw = parse_rows(read_table(filename, data))
    return PENDING.store(actor.organization_id, actor.id, filename, raw)


# -- Saving -------------------------------------------------------------------------


def save_valid_rows(organization_id: int, rows: list[ImportRow]) -> list[User]:
    """Create an account for every valid row and queue its set-your-password email.

    The caller commits; the emails go out in one batch after the commit.
    """
    from portal.mail.services import enqueue_send_batches

    users = []
    for row in rows:
        if not row.valid:
            continue
        user = services.create_user(
            organization_id,
            row.full_name,
            row.email,
            role=row.role,
            unit_id=row.unit.id if row.unit else None,
        )
        users.append(user)
    message_ids = [send_account_setup(user, send=False).id for user in users]
    enqueue_send_batches(message_ids)  # each records its job, for the recovery
    return users
