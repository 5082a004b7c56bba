"""The achievement reports follow the Decree 98/2023 forms: a collective's section I
(address, telephone, history, functions, organisation, staff, Party and mass
organisations) and the three parts of section II; an individual's particulars; the
head of the unit's certification instead of an empty "Nơi nhận"; the initiatives
printed once; no internal evaluation score."""

from __future__ import annotations

from datetime import date

from docx import Document

from portal.congress import services
from portal.congress.records import cycle_record, issuer_of, load_submission, submission_record
from portal.documents.achievement_report import build_achievement_report
from portal.exemplars.models import ExemplarKind
from portal.extensions import db
from portal.profiles.services import person_profile, unit_profile
from tests.factories import add_evaluation, make_congress_exemplar, make_submission, make_title

ON = date(2025, 6, 5)


def _reports(world, tmp_path):
    person = make_congress_exemplar(world.unit_a, "Nguyễn Thị Hoa")
    add_evaluation(person)  # its scores go to the nominee's prefilled text
    team = make_congress_exemplar(world.unit_a, "Tổ Quan trắc", kind=ExemplarKind.COLLECTIVE)
    submission = make_submission(world.unit_a, world.period, make_title(world.org), [person, team])
    profile = unit_profile(world.unit_a.id)
    profile.organisations_work = "Chi bộ nhiều năm đạt trong sạch vững mạnh."
    profile.youth_union = "Chi đoàn 9 đoàn viên"
    particulars = person_profile(person.person_user_id)
    particulars.party_position = "Bí thư Chi bộ"
    particulars.government_position = "Phó Trưởng phòng"
    particulars.academic_title = "Thạc sĩ"
    db.session.commit()
    assert "Đánh giá gần nhất" in submission.nominees[0].achievements
    record = submission_record(load_submission(submission.id), with_profiles=True)
    issuer = issuer_of(world.org)
    cycle = cycle_record(services.cycle_for(world.period))
    texts = {}
    for row in record.nominees:
        doc = Document(build_achievement_report(row, issuer, cycle, ON, tmp_path / "r.docx"))
        parts = [p.text for p in doc.paragraphs]
        parts += [c.text for t in doc.tables for r in t.rows for c in r.cells]
        texts[row.name] = "\n".join(parts)
    return texts["Nguyễn Thị Hoa"], texts["Tổ Quan trắc"]


def test_the_collective_report_has_sections_one_and_two_of_the_form(world, tmp_path):
    _person, text = _reports(world, tmp_path)
    assert "I. SƠ LƯỢC ĐẶC ĐIỂM, TÌNH HÌNH" in text
    assert "Địa điểm trụ sở chính: Số 10 Quang Trung, Đồng Hới, Quảng Bình" in text
    assert "điện thoại: 0232 3822 111" in text
    assert "Quá trình thành lập và phát triển: Thành lập năm 2008" in text
    assert "Tổng số cán bộ, công chức, viên chức, người lao động: 25 người" in text
    assert "Tổ chức Đảng: Chi bộ 18 đảng viên" in text and "Đoàn Thanh niên: Chi đoàn" in text
    assert "2. Chức năng, nhiệm vụ\nTham mưu quản lý nhà nước về môi trường." in text
    assert "1. Kết quả thực hiện chức năng, nhiệm vụ được giao" in text
    assert "2. Các biện pháp, giải pháp công tác, đổi mới, sáng kiến" in text
    assert "công tác xây dựng Đảng và các đoàn thể" in text
    assert "Chi bộ nhiều năm đạt trong sạch vững mạnh." in text
    assert "THỦ TRƯỞNG ĐƠN VỊ" in text and "XÁC NHẬN CỦA CẤP TRÌNH KHEN" in text
    assert "Nơi nhận" not in text


def test_the_individual_report_has_the_particulars_once_each(world, tmp_path):
    text, _team = _reports(world, tmp_path)
    assert "Sinh ngày, tháng, năm: 14/03/1982; giới tính: Nữ." in text
    assert "Quê quán: Xã Quảng Phú, huyện Quảng Trạch, tỉnh Quảng Bình." in text
    assert "Trú quán: Phường Đồng Phú, thành phố Đồng Hới." in text
    assert "Chức vụ (Đảng, chính quyền, đoàn thể): Bí thư Chi bộ; Phó Trưởng phòng." in text
    assert "Trình độ chuyên môn, nghiệp vụ: Thạc sĩ Khoa học môi trường." in text
    assert "Trình độ lý luận chính trị: Trung cấp." in text
    assert "Học hàm, học vị: Thạc sĩ." in text
    assert text.count("Số hóa hồ sơ đất đai") == 1  # the initiative, once
    assert "Đánh giá gần nhất" not in text and "/5" not in text  # no internal scores
    assert "NGƯỜI BÁO CÁO THÀNH TÍCH" in text and "THỦ TRƯỞNG ĐƠN VỊ XÁC NHẬN, ĐỀ NGHỊ" in text
    assert "Nơi nhận" not in text
