"""The dashboard's Excel export: one workbook, the matrix and one sheet per chart."""

from __future__ import annotations

from io import BytesIO

from openpyxl import load_workbook

SHEETS = [
    "Ma trận",
    "Điển hình theo trạng thái",
    "Điển hình theo năm",
    "Tuyên truyền theo tháng",
    "Kết luận kiểm tra",
    "Nhắc hạn theo tuần",
]


def _workbook(client, url):
    response = client.get(url)
    assert response.status_code == 200
    assert response.mimetype == "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    return response, load_workbook(BytesIO(response.data))


def _rows(sheet) -> list[list]:
    return [list(row) for row in sheet.iter_rows(values_only=True)]


def test_organization_export(programme, login_as):
    world = programme.world
    response, book = _workbook(login_as(world.viewer), "/dashboards/export.xlsx?year=2024")
    assert "tong-quan-2023-2025-2024.xlsx" in response.headers["Content-Disposition"]
    assert book.sheetnames == SHEETS
    matrix = _rows(book["Ma trận"])
    assert matrix[0][0] == "Đơn vị" and matrix[0][-1] == "Số mục đạt"
    assert matrix[0][1] == "Điển hình trong năm (chỉ tiêu 1-2): tình trạng"
    a, b, totals = matrix[1], matrix[2], matrix[3]
    assert a[:3] == ["Phòng Môi trường", "Đạt (1-2)", 2]  # a number adds up in Excel
    assert a[5:7] == ["Chưa lập", "Quá hạn, chưa nộp"]  # the annual report
    assert a[7:9] == ["Đã kiểm tra", "1 / 1"] and a[-1] == "3/7"
    assert b[:3] == ["Thanh tra Sở", "Chưa đạt (dưới 1)", 0] and b[-1] == "4/7"
    assert totals[:3] == ["Tổng", "1/2 đạt", 2]
    propagation = _rows(book["Tuyên truyền theo tháng"])
    assert propagation[0] == ["Tháng", "Truyền thống", "Trực tuyến", "Tổng"]
    assert propagation[3] == ["Tháng 3", 2, 1, 3] and len(propagation) == 13
    by_year = _rows(book["Điển hình theo năm"])
    assert by_year[1:] == [["2023", 2, 0, 2], ["2024", 2, 1, 3], ["2025", 1, 0, 1]]
    statuses = _rows(book["Điển hình theo trạng thái"])
    assert statuses[1] == ["Phòng Môi trường", 1, 1, 1, 0, 1, 4]
    findings = _rows(book["Kết luận kiểm tra"])
    assert findings[2] == ["Tồn tại nhỏ", 1, 0, 0, 0, 1]
    reminders = _rows(book["Nhắc hạn theo tuần"])
    assert reminders[0] == ["Tuần bắt đầu ngày", "Đã gửi", "Gửi lỗi", "Đang chờ gửi", "Tổng"]
    assert sum(r[1] for r in reminders[1:]) == 3 and sum(r[2] for r in reminders[1:]) == 1


def test_unit_export_has_its_row_only(programme, login_as):
    world = programme.world
    url = f"/dashboards/units/{world.unit_b.id}/export.xlsx?year=2024"
    _response, book = _workbook(login_as(world.coordinator_b), url)
    matrix = _rows(book["Ma trận"])
    assert len(matrix) == 2 and matrix[1][0] == "Thanh tra Sở"
    statuses = _rows(book["Điển hình theo trạng thái"])
    assert statuses[1:] == [["Thanh tra Sở", 1, 0, 0, 0, 0, 1]]


def test_export_is_reproducible(programme, login_as):
    client = login_as(programme.world.office)
    first = client.get("/dashboards/export.xlsx?year=2024").data
    second = client.get("/dashboards/export.xlsx?year=2024").data
    assert first == second
