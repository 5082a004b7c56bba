"""Every Excel download is reproducible: its ZIP entries carry a fixed time, so the
same data gives the same bytes whenever it is exported."""

from __future__ import annotations

import io
import zipfile

import pytest

from portal.documents.reproducible import FIXED_ZIP_TIME

EXPORTS = [
    "/exemplars/export.xlsx",
    "/propagation/export.xlsx",
    "/training/export.xlsx",
    "/inspections/findings/export.xlsx",
    "/assessments/matrix.xlsx",
    "/deadlines/matrix.xlsx",
    "/dashboards/export.xlsx",
]


@pytest.mark.parametrize("url", EXPORTS)
def test_excel_downloads_have_fixed_entry_times(world, login_as, url):
    client = login_as(world.office)
    response = client.get(url)
    assert response.status_code == 200, url
    assert response.headers["Cache-Control"] == "private, no-store"  # unit data
    with zipfile.ZipFile(io.BytesIO(response.data)) as archive:
        times = {info.date_time for info in archive.infolist()}
        core = archive.read("docProps/core.xml")
    assert times == {FIXED_ZIP_TIME}
    assert core.count(b"2000-01-01T00:00:00Z") == 2  # created and modified, never the clock
    assert client.get(url).data == response.data


def test_typed_text_is_never_a_formula_in_headers_or_rows():
    """Deadline titles become column headers: "=..." typed there stays text too."""
    from portal.documents.excel import build_workbook

    workbook = build_workbook([("Tiến độ", ["Đơn vị", "=HYPERLINK(1)"], [["=1+1", 2]])])
    sheet = workbook["Tiến độ"]
    assert sheet["B1"].data_type == "s" and sheet["B1"].value == "=HYPERLINK(1)"
    assert sheet["A2"].data_type == "s" and sheet["A2"].value == "=1+1"
    assert sheet["B2"].data_type == "n"
