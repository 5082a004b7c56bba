"""The congress documents: achievement reports, proposals and the Excel lists."""

from __future__ import annotations

from datetime import date

from docx import Document
from openpyxl import load_workbook

from portal.congress import services
from portal.congress.records import cycle_record, issuer_of, load_submission, submission_record
from portal.documents.achievement_report import build_achievement_report
from portal.documents.congress_lists import build_lists
from portal.documents.congress_records import CouncilDecision, CouncilMeeting, PassedNominee
from portal.documents.proposal import build_department_proposal, build_unit_proposal
from portal.exemplars.models import ExemplarKind, RecognitionLevel
from tests.documents import decree30
from tests.factories import (
    award_to,
    make_award,
    make_congress_exemplar,
    make_submission,
    make_title,
)

ON = date(2025, 6, 5)


def _records(world):
    title = make_title(world.org)
    person = make_congress_exemplar(
        world.unit_a,
        "Nguyễn Thị Hoa",
        position="Phó Trưởng phòng",
        year_recognised=2023,
        level=RecognitionLevel.DEPARTMENT,
    )
    team = make_congress_exemplar(
        world.unit_a,
        "Tổ Quan trắc môi trường",
        kind=ExemplarKind.COLLECTIVE,
        field_of_work="Quan trắc",
    )
    submission = make_submission(world.unit_a, world.period, title, [person, team])
    make_award(world.org, award_to(world.unit_a, "Nguyễn Thị Hoa", exemplar=person))
    services.save_cycle(
        world.period,
        {
            "term_label": "2020-2025",
            "next_term_label": "2025-2030",
            "sector_congress": "Đại hội Thi đua yêu nước ngành TN&MT lần thứ V",
            "provincial_congress": "Đại hội Thi đua yêu nước tỉnh Quảng Bình lần thứ VI",
            "signer_name": "Nguyễn Huệ",
        },
    )
    record = submission_record(load_submission(submission.id), with_profiles=True)
    return record, issuer_of(world.org), cycle_record(services.cycle_for(world.period))


def _text(document):
    parts = [p.text for p in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            parts.extend(cell.text for cell in row.cells)
    return "\n".join(parts)


def _check_format(document, number=None, signers=()):
    decree30.check_document(
        document,
        place_date="Quảng Bình, ngày 05 tháng 6 năm 2025",
        number=number,
        signers=list(signers),
    )
    return decree30.header_cells(document)


def test_individual_and_collective_achievement_reports(world, tmp_path):
    record, issuer, cycle = _records(world)
    person, team = sorted(record.nominees, key=lambda n: n.collective)
    doc = Document(
        build_achievement_report(person, issuer, cycle, ON, tmp_path / "p.docx", record.signers)
    )
    _check_format(doc, signers=["Hoàng Minh Tâm", "Nguyễn Thị Hoa"])
    text = _text(doc)
    assert "BÁO CÁO THÀNH TÍCH" in text and "I. SƠ LƯỢC LÝ LỊCH" in text
    assert "II. THÀNH TÍCH ĐẠT ĐƯỢC" in text and "III. CÁC HÌNH THỨC ĐÃ ĐƯỢC KHEN THƯỞNG" in text
    assert "Chức vụ (Đảng, chính quyền, đoàn thể): Phó Trưởng phòng." in text
    assert "Nguyễn Thị Hoa dẫn đầu phong trào" in text
    assert "Bằng khen của Chủ tịch UBND tỉnh" in text
    # Section III from the award history (tests/documents/test_achievement_section_three.py)
    assert "Quyết định số 125/QĐ-UBND ngày 15/03/2024 của Chủ tịch UBND tỉnh Quảng Bình" in text
    assert "lần thứ VI" in text  # provincial delegate
    doc2 = Document(
        build_achievement_report(team, issuer, cycle, ON, tmp_path / "t.docx", record.signers)
    )
    _check_format(doc2, signers=["Hoàng Minh Tâm"])
    text2 = _text(doc2)
    assert "TRƯỞNG PHÒNG" in text2  # signed by the unit's head, by name and position
    assert "I. SƠ LƯỢC ĐẶC ĐIỂM, TÌNH HÌNH" in text2 and "Lĩnh vực hoạt động: Quan trắc." in text2
    assert "Người đại diện dự Đại hội: Nguyễn Văn An." in text2  # a person, of the unit


def test_unit_and_department_proposals(world, tmp_path):
    record, issuer, cycle = _records(world)
    unit_doc = Document(build_unit_proposal(record, issuer, cycle, ON, tmp_path / "u.docx"))
    _check_format(unit_doc, number="Số: .../TTr-PMT", signers=["Hoàng Minh Tâm"])
    text = _text(unit_doc)
    assert "TỜ TRÌNH" in text and "20/05/2025" in text and "85 người" in text
    assert "Kính gửi: Giám đốc Sở Tài nguyên và Môi trường tỉnh Quảng Bình." in text
    assert "Căn cứ Luật Thi đua, khen thưởng năm 2022;" in text
    assert "Căn cứ Nghị định số 98/2023/NĐ-CP" in text  # in force on 05/06/2025
    assert "THỦ TRƯỞNG ĐƠN VỊ" not in text
    meeting = CouncilMeeting("Xét đề nghị Đại hội", date(2025, 6, 2), "7/BB-HĐTĐKT")
    hoa = next(n for n in record.nominees if n.award_title)
    decision = CouncilDecision(
        unit_count=1,
        meetings=[meeting],
        passed=[PassedNominee(hoa, "80,0%", meeting)],
        failed=0,
        undecided=0,
        delegates=record.nominees,
    )
    dept = Document(build_department_proposal(decision, issuer, cycle, ON, tmp_path / "d.docx"))
    head = _check_format(dept, number="Số: .../TTr-STNMT", signers=["Nguyễn Huệ"])
    assert head[0][0].text == "UBND TỈNH QUẢNG BÌNH"
    assert head[1][0].paragraphs[0].text == "SỞ TÀI NGUYÊN VÀ MÔI TRƯỜNG TỈNH QUẢNG BÌNH"
    assert "Kính gửi: Ban Thi đua - Khen thưởng tỉnh Quảng Bình." in _text(dept)
    table = dept.tables[1]
    assert [c.text for c in table.rows[0].cells] == [
        "STT",
        "Tên tập thể, cá nhân",
        "Đơn vị",
        "Tỷ lệ đồng ý",
        "Biên bản số",
    ]
    rows = [[c.text for c in row.cells] for row in table.rows[1:]]
    assert rows == [
        ["1", "Nguyễn Thị Hoa", "Phòng Môi trường", "80,0%", "7/BB-HĐTĐKT ngày 02/06/2025"]
    ]
    text = _text(dept)
    assert "số 7/BB-HĐTĐKT ngày 02/06/2025 (Xét đề nghị Đại hội)" in text
    assert "1. Bằng khen của Chủ tịch UBND tỉnh: 1 (0 tập thể, 1 cá nhân)." in text
    assert "danh sách 2 đại biểu được đề xuất kèm theo" in text
    assert "KT. GIÁM ĐỐC" in text and "Nơi nhận:" in text and "Nguyễn Huệ" in text


def test_excel_lists(world, tmp_path):
    record, _issuer, cycle = _records(world)
    workbook = load_workbook(build_lists([record], cycle, tmp_path / "l.xlsx"))
    commendation = workbook["Đề nghị khen thưởng"]
    assert [c.value for c in commendation[1]][:3] == ["STT", "Đơn vị", "Tên tập thể, cá nhân"]
    assert commendation.max_row == 2  # only the first nominee has an award title
    assert commendation["C2"].value == "Nguyễn Thị Hoa"
    # both are sector delegates; the first is also a provincial delegate
    sector, provincial = workbook["Đại biểu Đại hội ngành"], workbook["Đại biểu Đại hội tỉnh"]
    assert sector.max_row == 3 and provincial.max_row == 2
    names = {row[1] for row in sector.iter_rows(min_row=2, values_only=True)}
    assert names == {"Nguyễn Thị Hoa", "Nguyễn Văn An"}  # a collective sends a person
    assert provincial["B2"].value == "Nguyễn Thị Hoa" and provincial["C2"].value == 1980
    assert provincial["C2"].data_type == "n"  # the year of birth is a number
    team = [r for r in sector.iter_rows(min_row=2, values_only=True) if r[9]]
    assert team[0][9] == "Tổ Quan trắc môi trường"


def test_same_records_give_same_bytes(world, tmp_path):
    record, issuer, cycle = _records(world)
    a = build_unit_proposal(record, issuer, cycle, ON, tmp_path / "a.docx").read_bytes()
    b = build_unit_proposal(record, issuer, cycle, ON, tmp_path / "b.docx").read_bytes()
    assert a == b


def test_minutes_with_vote_results(world, tmp_path):
    from portal.documents.minutes import AbsentMember, MinutesRecord, Person, VoteRow, build_minutes

    _record, issuer, _cycle = _records(world)
    minutes = MinutesRecord(
        "Phiên bình xét khen thưởng năm 2024",
        date(2025, 1, 8),
        "Phòng họp tầng 3",
        [
            VoteRow("Nguyễn Thị Hoa", "Bằng khen của Chủ tịch UBND tỉnh", 9, 8, 1, 0, True),
            VoteRow(
                "Tổ Quan trắc",
                "Giấy khen của Giám đốc Sở",
                9,
                4,
                2,
                1,
                False,
                conflict=1,
                not_voted=1,
                threshold="Trên 50% tổng số thành viên Hội đồng",
                legal_basis="Quy chế",
                to_verify=True,
                conflicted=("Lê Văn Ba",),
            ),
        ],
        minutes_number="02/BB-HĐTĐKT",
        chair=Person("Trần Chủ Tịch", "Giám đốc Sở"),
        secretary=Person("Phạm Thư Ký", "Chánh Văn phòng"),
        members_total=9,
        present=[Person(f"Thành viên {n}") for n in range(8)],
        absent=[AbsentMember("Vũ Vắng", written_opinion=True)],
    )
    doc = Document(build_minutes(minutes, issuer, tmp_path / "m.docx"))
    decree30.check_document(
        doc,
        place_date="Quảng Bình, ngày 08 tháng 01 năm 2025",
        number="Số: 02/BB-HĐTĐKT",
        signers=["Phạm Thư Ký", "Trần Chủ Tịch"],
    )
    text = "\n".join(p.text for p in doc.paragraphs)
    assert "Chủ trì: Trần Chủ Tịch - Giám đốc Sở" in text and "Thư ký: Phạm Thư Ký" in text
    assert "Vũ Vắng: có ý kiến bằng văn bản" in text
    assert "Lê Văn Ba: đề nghị “Tổ Quan trắc”" in text and "cần kiểm tra" in text
    rows = [[c.text for c in r.cells] for r in doc.tables[1].rows]
    assert rows[1][:8] == [
        "1",
        "Nguyễn Thị Hoa",
        "Bằng khen của Chủ tịch UBND tỉnh",
        "9",
        "8",
        "1",
        "0",
        "0",
    ]
    assert rows[2][-1] == "Không đạt" and "CẦN KIỂM TRA" in rows[2][-2]
    signers = [c.text for c in doc.tables[2].rows[0].cells]
    assert "Phạm Thư Ký" in signers[0] and "Trần Chủ Tịch" in signers[1]
    assert "Kết luận: 1/2 đề nghị đạt" in _text(doc)
