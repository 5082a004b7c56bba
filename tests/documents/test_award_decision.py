"""The award decision document: Decree 30 letterhead, number line, articles and the
appended list of recipients, built from plain records."""

from __future__ import annotations

from datetime import date

import docx

from portal.documents.award_decision import (
    DecisionRecord,
    RecipientLine,
    build_award_decision,
    number_line,
)


def record(**fields) -> DecisionRecord:
    values = {
        "parent_body": "UBND tỉnh Quảng Bình",
        "organization": "Sở Tài nguyên và Môi trường",
        "code": "STNMT",
        "place": "Quảng Bình",
        "number": "",
        "decided_on": None,
        "issuing_body": "Giám đốc Sở Tài nguyên và Môi trường",
        "signer_name": "Nguyễn Văn Giám",
        "signer_position": "Giám đốc",
        "form_name": "Giấy khen của Giám đốc Sở",
        "year": 2024,
        "summary": "Căn cứ kết quả bình xét ngày 18/12/2024.",
        "recipients": [
            RecipientLine("Phòng Môi trường", "", "Phòng Môi trường", True, 2_000_000),
            RecipientLine("Nguyễn Văn An", "Trưởng phòng", "Phòng Môi trường", False, None),
        ],
    } | fields
    return DecisionRecord(**values)


def test_the_number_line_of_a_draft_and_of_an_issued_decision():
    assert number_line(record()) == "Số: .../QĐ-STNMT"
    assert number_line(record(number="15")) == "Số: 15/QĐ-STNMT"
    assert number_line(record(number="15/QĐ-STNMT")) == "Số: 15/QĐ-STNMT"


def test_the_issued_decision_names_its_date_counts_and_total(tmp_path):
    path = build_award_decision(
        record(number="15", decided_on=date(2025, 1, 5)), date(2026, 1, 1), tmp_path / "qd.docx"
    )
    document = docx.Document(str(path))
    head = "\n".join(c.text for c in document.tables[0].rows[0].cells)
    assert "SỞ TÀI NGUYÊN VÀ MÔI TRƯỜNG" in head and "Số: 15/QĐ-STNMT" in head
    assert "Quảng Bình, ngày 05 tháng 01 năm 2025" in head
    body = "\n".join(p.text for p in document.paragraphs)
    assert "cho 1 tập thể và 1 cá nhân" in body
    assert "tổng số tiền thưởng là 2.000.000 ₫" in body
    assert "(Kèm theo Quyết định số 15/QĐ-STNMT ngày 05/01/2025" in body
    signature = "\n".join(c.text for c in document.tables[1].rows[0].cells)
    assert "GIÁM ĐỐC" in signature and "Nguyễn Văn Giám" in signature
    rows = [[c.text for c in row.cells] for row in document.tables[-1].rows]
    assert rows[1] == ["1", "Phòng Môi trường", "", "Phòng Môi trường", "2.000.000 ₫"]
    assert rows[2] == ["2", "Nguyễn Văn An", "Trưởng phòng", "Phòng Môi trường", ""]
