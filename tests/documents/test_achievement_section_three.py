"""Section III of the achievement reports: the titles and commendations from the award
history, in the two tables of the Decree 98/2023 forms."""

from __future__ import annotations

from datetime import date

from docx import Document

from portal.congress.records import load_submission, submission_record
from portal.documents.achievement_report import build_achievement_report
from portal.documents.congress_records import Cycle, Issuer
from portal.exemplars.models import ExemplarKind
from tests.factories import (
    award_to,
    make_award,
    make_congress_exemplar,
    make_submission,
    make_title,
)

ISSUER = Issuer("UBND TỈNH QUẢNG BÌNH", "Sở Tài nguyên và Môi trường", "STNMT", "Quảng Bình")
CYCLE = Cycle("2020-2025", "2025-2030", "Đại hội ngành", "Đại hội tỉnh", "KT. GIÁM ĐỐC", "", "")


def _tables(document) -> list[list[list[str]]]:
    return [[[c.text for c in row.cells] for row in t.rows] for t in document.tables]


def test_the_collectives_report_lists_its_titles_and_commendations(world, tmp_path):
    team = make_congress_exemplar(world.unit_a, "Tổ Quan trắc", kind=ExemplarKind.COLLECTIVE)
    person = make_congress_exemplar(world.unit_a, "Nguyễn Thị Hoa", person_user_id=world.staff_a.id)
    make_award(
        world.org,
        award_to(world.unit_a, "Tổ Quan trắc", "collective", exemplar=team),
        number="45/QĐ-STNMT",
        issuing_body="Giám đốc Sở Tài nguyên và Môi trường",
        form_name="Tập thể lao động xuất sắc",
        year=2022,
        decided_on=date(2023, 1, 10),
    )
    make_award(world.org, award_to(world.unit_a, "Tổ Quan trắc", "collective", exemplar=team))
    # on the person's account, not as the exemplar: still theirs
    make_award(
        world.org,
        award_to(world.unit_a, "Trần Thị Bình", user=world.staff_a),
        number="7/QĐ-STNMT",
        form_name="Chiến sĩ thi đua cơ sở",
        year=2024,
    )
    make_award(
        world.org,
        award_to(world.unit_a, "Tổ Quan trắc", "collective", exemplar=team),
        number="",
        status="draft",
        form_name="Cờ thi đua (dự thảo)",
    )
    submission = make_submission(world.unit_a, world.period, make_title(world.org), [team, person])
    record = submission_record(load_submission(submission.id))
    ours = next(n for n in record.nominees if n.collective)
    path = build_achievement_report(ours, ISSUER, CYCLE, date(2025, 6, 5), tmp_path / "t.docx")
    document = Document(path)
    text = "\n".join(p.text for p in document.paragraphs)
    assert "III. CÁC HÌNH THỨC KHEN THƯỞNG ĐÃ ĐƯỢC GHI NHẬN" in text
    assert "1. Danh hiệu thi đua" in text and "2. Hình thức khen thưởng" in text
    tables = _tables(document)
    titles = next(t for t in tables if t[0][1] == "Danh hiệu thi đua")
    forms = next(t for t in tables if t[0][1] == "Hình thức khen thưởng")
    assert titles[0][2].startswith("Số, ngày, tháng, năm của quyết định công nhận")
    assert titles[1:] == [
        [
            "2022",
            "Tập thể lao động xuất sắc",
            "Quyết định số 45/QĐ-STNMT ngày 10/01/2023 của Giám đốc Sở Tài nguyên và Môi trường",
        ]
    ]
    assert forms[1:] == [
        [
            "2023",
            "Bằng khen của Chủ tịch UBND tỉnh",
            "Quyết định số 125/QĐ-UBND ngày 15/03/2024 của Chủ tịch UBND tỉnh Quảng Bình",
        ]
    ]
    assert "dự thảo" not in text + str(tables)

    individual = next(n for n in record.nominees if not n.collective)
    assert [(a.name, a.is_title) for a in individual.past_awards] == [
        ("Chiến sĩ thi đua cơ sở", True)
    ]


def test_no_awards_yet(world, tmp_path):
    person = make_congress_exemplar(world.unit_a, "Hoàng Văn Nam")
    submission = make_submission(world.unit_a, world.period, make_title(world.org), [person])
    (nominee,) = submission_record(load_submission(submission.id)).nominees
    document = Document(
        build_achievement_report(nominee, ISSUER, CYCLE, date(2025, 6, 5), tmp_path / "p.docx")
    )
    text = "\n".join(p.text for p in document.paragraphs)
    assert "III. CÁC HÌNH THỨC ĐÃ ĐƯỢC KHEN THƯỞNG" in text
    assert text.count("Chưa có.") == 2
