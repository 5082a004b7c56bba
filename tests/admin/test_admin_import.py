"""Importing staff from CSV or XLSX: a preview of every row's errors, then confirmation."""

from __future__ import annotations

import io
import json
import unicodedata
from pathlib import Path

import pytest
from openpyxl import Workbook
from sqlalchemy import func, select

from portal.accounts.models import Role, User
from portal.admin import staff_import
from portal.extensions import db
from portal.mail.models import MailMessage
from portal.pending_uploads import KEEP_SECONDS
from portal.rules import RuleError

GOOD_AND_BAD = [
    ["Họ và tên", "Email", "Đơn vị", "Vai trò"],
    ["Nguyễn Thị Lan", "lan.nt@example.vn", "Phòng Môi trường", "Cán bộ, nhân viên"],
    ["Trần Quốc Hùng", "hung.tq@example.vn", "thanh tra so", "coordinator"],
    ["Lê Văn Sai", "khong-phai-email", "Phòng Môi trường", "staff"],
    ["Phạm Văn Lạ", "la.pv@example.vn", "Phòng Không Có", "staff"],
    ["Hồ Thị Vai", "vai.ht@example.vn", "Phòng Môi trường", "Giám đốc"],
    ["Nguyễn Thị Lan B", "LAN.NT@example.vn", "Phòng Môi trường", "staff"],
    ["Đã Có", "coord.b@example.vn", "Thanh tra Sở", "staff"],
    ["Ở Sở Khác", "office@other.vn", "", "viewer"],
    ["Ngô Lãnh Đạo", "lanhdao@example.vn", "", "Lãnh đạo (chỉ xem)"],
    ["", "", "", ""],
    ["Thiếu Đơn Vị", "thieu@example.vn", "", "Cán bộ thi đua"],
]


def _csv(rows, delimiter=",", encoding="utf-8-sig") -> bytes:
    text = "\n".join(delimiter.join(f'"{c}"' if "," in c else c for c in r) for r in rows)
    return text.encode(encoding)


def _xlsx(rows) -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    for row in rows:
        sheet.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _upload(client, content: bytes, name: str):
    return client.post(
        "/admin/users/import",
        data={"file": (io.BytesIO(content), name)},
        content_type="multipart/form-data",
    )


def _count_users() -> int:
    return db.session.scalar(select(func.count(User.id)))


@pytest.mark.parametrize("kind", ["csv", "xlsx"])
def test_preview_shows_every_rows_errors_and_saves_nothing(world, login_as, kind):
    client = login_as(world.office)
    before = _count_users()
    content = _csv(GOOD_AND_BAD) if kind == "csv" else _xlsx(GOOD_AND_BAD)
    response = _upload(client, content, f"danh-sach.{kind}")
    assert response.status_code == 302
    preview = client.get(response.headers["Location"])
    body = preview.get_data(as_text=True)
    assert preview.status_code == 200
    assert f"danh-sach.{kind}" in body
    assert 'data-testid="valid-count">3<' in body
    assert 'data-testid="error-count">7<' in body
    for message in (
        "Email không hợp lệ: khong-phai-email.",
        "Không có đơn vị tên Phòng Không Có.",
        "Vai trò không hợp lệ: Giám đốc.",
        "Trùng email với dòng 2.",
        "Đã có tài khoản với email này.",
        "vui lòng chọn đơn vị",
    ):
        assert message in body, message
    assert _count_users() == before


def test_confirm_saves_only_valid_rows_and_mails_them(world, login_as, run_jobs):
    client = login_as(world.office)
    location = _upload(client, _csv(GOOD_AND_BAD), "ds.csv").headers["Location"]
    response = client.post(location)
    assert response.status_code == 302 and response.headers["Location"] == "/admin/users"
    lan = db.session.scalar(select(User).where(User.email == "lan.nt@example.vn"))
    hung = db.session.scalar(select(User).where(User.email == "hung.tq@example.vn"))
    lanhdao = db.session.scalar(select(User).where(User.email == "lanhdao@example.vn"))
    assert {(m.role, m.unit_id) for m in lan.memberships} == {(Role.STAFF, world.unit_a.id)}
    assert {(m.role, m.unit_id) for m in hung.memberships} == {(Role.COORDINATOR, world.unit_b.id)}
    assert lanhdao.roles == {Role.VIEWER}
    for user in (lan, hung, lanhdao):
        assert user.organization_id == world.org.id and user.password_hash == ""
    for email in ("khong-phai-email", "la.pv@example.vn", "vai.ht@example.vn", "thieu@example.vn"):
        assert db.session.scalar(select(User).where(User.email == email)) is None
    mails = db.session.scalars(select(MailMessage).where(MailMessage.category == "account_setup"))
    assert sorted(m.recipient_email for m in mails) == [
        "hung.tq@example.vn",
        "lan.nt@example.vn",
        "lanhdao@example.vn",
    ]
    run_jobs("mail")
    db.session.expire_all()
    statuses = {m.status.value for m in db.session.scalars(select(MailMessage))}
    assert statuses == {"sent"}
    # The stored upload is gone: confirming twice creates nothing more.
    assert client.post(location).status_code == 404


def test_confirmation_checks_the_rows_again(world, login_as):
    client = login_as(world.office)
    location = _upload(client, _csv(GOOD_AND_BAD[:2]), "ds.csv").headers["Location"]
    # Someone creates the account between the preview and the confirmation.
    from tests.factories import make_user

    make_user(world.org, "lan.nt@example.vn", (Role.STAFF, world.unit_b))
    client.post(location)
    [lan] = db.session.scalars(select(User).where(User.email == "lan.nt@example.vn")).all()
    assert {m.unit_id for m in lan.memberships} == {world.unit_b.id}


def test_english_headers_semicolons_and_default_role(world, login_as):
    rows = [
        ["full name", "e-mail", "unit", "role"],
        ["Võ Thị Mai", "mai@example.vn", "Phòng Môi trường", ""],
    ]
    client = login_as(world.office)
    location = _upload(client, _csv(rows, delimiter=";"), "ds.csv").headers["Location"]
    client.post(location)
    mai = db.session.scalar(select(User).where(User.email == "mai@example.vn"))
    assert mai.roles == {Role.STAFF}


TONE_MARKS = {"\u0300", "\u0301", "\u0303", "\u0309", "\u0323"}


def _cp1258(text: str) -> bytes:
    """Encode as Windows-1258 does: letters precomposed, tone marks as separate characters."""
    out = b""
    for ch in text:
        parts = unicodedata.normalize("NFD", ch)
        tones = "".join(c for c in parts if c in TONE_MARKS)
        base = unicodedata.normalize("NFC", "".join(c for c in parts if c not in TONE_MARKS))
        out += (base + tones).encode("cp1258")
    return out


def test_windows_vietnamese_csv_is_read():
    data = _cp1258("Họ và tên,Email\nBùi Văn Tâm,tam@example.vn\n")
    assert "Họ và tên".encode() not in data
    table = staff_import.read_table("ds.csv", data)
    assert staff_import.parse_rows(table) == [[2, "Bùi Văn Tâm", "tam@example.vn", "", ""]]


@pytest.mark.parametrize(
    "name,content,message",
    [
        ("ds.csv", b"", "Tệp không có dữ liệu."),
        ("ds.csv", "Tên đơn vị,Ghi chú\nA,B\n".encode(), "Không tìm thấy cột bắt buộc"),
        ("ds.xlsx", b"not really excel", "Không đọc được tệp Excel"),
        ("ds.xls", b"old excel", "Chỉ nhận tệp CSV hoặc Excel (.xlsx)."),
    ],
)
def test_unreadable_files_are_refused_on_the_upload_form(world, login_as, name, content, message):
    response = _upload(login_as(world.office), content, name)
    assert response.status_code == 200
    assert message in response.get_data(as_text=True)


def test_too_many_rows_are_refused(monkeypatch):
    monkeypatch.setattr(staff_import, "MAX_ROWS", 2)
    table = [["Họ và tên", "Email"]] + [[f"N{n}", f"n{n}@example.vn"] for n in range(3)]
    with pytest.raises(RuleError, match="quá nhiều dòng") as error:
        staff_import.parse_rows(table)
    assert error.value.field == "file"


def test_upload_requires_a_file(world, login_as):
    response = login_as(world.office).post("/admin/users/import", data={})
    assert "Vui lòng chọn tệp." in response.get_data(as_text=True)


def test_stored_upload_belongs_to_its_uploader(world, login_as, client):
    location = _upload(login_as(world.office), _csv(GOOD_AND_BAD[:2]), "ds.csv").headers["Location"]
    second_office = _second_office(world)
    login_as(second_office)
    assert client.get(location).status_code == 404
    assert client.post(location).status_code == 404
    login_as(world.foreign_office)
    assert client.get(location).status_code == 404
    assert db.session.scalar(select(User).where(User.email == "lan.nt@example.vn")) is None


def _second_office(world):
    from tests.factories import make_user

    return make_user(world.org, "office2@example.vn", (Role.OFFICE_ADMIN, None))


def test_bad_or_unknown_tokens_are_404(world, login_as):
    client = login_as(world.office)
    assert client.get("/admin/users/import/..%2F..%2Fsecret").status_code == 404
    assert client.get("/admin/users/import/" + "a" * 32).status_code == 404


def test_cancel_discards_the_upload(app, world, login_as):
    client = login_as(world.office)
    location = _upload(client, _csv(GOOD_AND_BAD[:2]), "ds.csv").headers["Location"]
    token = location.rsplit("/", 1)[1]
    stored = Path(app.config["INSTANCE_DIR"]) / "imports" / "staff" / f"{token}.json"
    assert json.loads(stored.read_text("utf-8"))["rows"][0][2] == "lan.nt@example.vn"
    assert client.post(f"{location}/cancel").status_code == 302
    assert not stored.exists()
    assert client.get(location).status_code == 404


def test_old_uploads_expire(world, login_as, monkeypatch):
    client = login_as(world.office)
    location = _upload(client, _csv(GOOD_AND_BAD[:2]), "ds.csv").headers["Location"]
    import time

    later = time.time() + KEEP_SECONDS + 10
    monkeypatch.setattr(time, "time", lambda: later)
    assert client.get(location).status_code == 404


def test_role_names_and_codes_are_recognised():
    lookup = staff_import.role_lookup()
    assert lookup[staff_import.fold("Văn phòng Sở")] == Role.OFFICE_ADMIN
    assert lookup[staff_import.fold("THÀNH VIÊN HỘI ĐỒNG TĐKT")] == Role.COUNCIL_MEMBER
    assert lookup[staff_import.fold("can bo thi dua")] == Role.COORDINATOR
    assert lookup[staff_import.fold("office_admin")] == Role.OFFICE_ADMIN
    assert lookup[staff_import.fold("Lãnh đạo (chỉ xem)")] == Role.VIEWER


def test_the_template_filled_in_is_imported(world, login_as):
    """The Office downloads the template from the import page, fills in a person with a
    unit and a role copied from its other sheets, and uploads it."""
    from openpyxl import load_workbook

    client = login_as(world.office)
    assert 'data-testid="import-template"' in client.get("/admin/users/import").get_data(
        as_text=True
    )
    response = client.get("/admin/users/import/template.xlsx")
    assert response.status_code == 200
    workbook = load_workbook(io.BytesIO(response.data))
    sheet, units, roles = workbook.worksheets
    assert [c.value for c in sheet[1]] == ["Họ và tên", "Email", "Đơn vị", "Vai trò"]
    assert sheet.freeze_panes == "A2"
    unit_names = [r[1] for r in units.iter_rows(min_row=2, values_only=True)]
    assert "Phòng Môi trường" in unit_names
    assert "Phòng Tổ chức" not in unit_names  # another organization's units are not listed
    role = next(r[0] for r in roles.iter_rows(min_row=2, values_only=True) if r[1] == "staff")
    sheet.append(["Đỗ Thị Lan", "lan.dt@example.vn", "Phòng Môi trường", role])
    buffer = io.BytesIO()
    workbook.save(buffer)
    preview = client.get(_upload(client, buffer.getvalue(), "mau.xlsx").headers["Location"])
    body = preview.get_data(as_text=True)
    assert 'data-testid="valid-count">1<' in body and 'data-testid="error-count">0<' in body
    assert login_as(world.coordinator_a).get("/admin/users/import/template.xlsx").status_code == 403
