"""Who signs, from data: the Office's document settings page (the dated forms, the
organization's abbreviation and signers), a unit's signers page (the Office and the
unit's coordinator), and the congress submission refused while the unit has no head."""

from __future__ import annotations

from datetime import date

from docx import Document

from portal.audit import AuditLog
from portal.congress.records import issuer_of
from portal.documents.models import DocumentSigner
from portal.documents.official_forms import FORMS
from portal.documents.yearly_report import build_yearly_report
from portal.extensions import db
from portal.reviews.states import ReviewState
from tests.factories import make_congress_exemplar, make_submission, make_title


def _settings(**overrides) -> dict:
    data = {
        "document_code": "stnmt",
        "proposal_authority": "",
        "proposal_position": "Giám đốc",
        "proposal_name": "Nguyễn Huệ",
        "yearly_report_authority": "KT. Giám đốc",
        "yearly_report_position": "Phó Giám đốc",
        "yearly_report_name": "Trần Văn Sơn",
        "certification_authority": "",
        "certification_position": "Giám đốc",
        "certification_name": "Nguyễn Huệ",
    }
    return data | overrides


def test_office_sees_every_form_with_its_decree_and_the_ones_to_check(world, login_as):
    page = login_as(world.office).get("/van-ban/cai-dat")
    assert page.status_code == 200
    text = page.get_data(as_text=True)
    assert text.count('data-testid="to-check"') == sum(1 for f in FORMS if not f.verified)
    assert "Nghị định 98/2023/NĐ-CP" in text and "Nghị định 152/2025/NĐ-CP" in text
    assert "30/06/2025" in text and "01/07/2025" in text
    assert "Báo cáo thành tích của tập thể" in text and "Mẫu số 01" in text


def test_only_the_office_opens_the_settings(world, login_as):
    assert login_as(world.coordinator_a).get("/van-ban/cai-dat").status_code == 403
    assert login_as(world.staff_a).post("/van-ban/cai-dat", data=_settings()).status_code == 403


def test_office_sets_the_abbreviation_and_signers_used_by_the_documents(world, login_as, tmp_path):
    client = login_as(world.office)
    response = client.post("/van-ban/cai-dat", data=_settings(document_code="stnmt-qb"))
    assert response.status_code == 302
    assert world.org.document_code == "STNMT-QB"
    signer = db.session.scalar(db.select(DocumentSigner).filter_by(kind="yearly_report"))
    assert (signer.authority, signer.position, signer.name) == (
        "KT. GIÁM ĐỐC",
        "PHÓ GIÁM ĐỐC",
        "Trần Văn Sơn",
    )
    assert db.session.scalar(db.select(AuditLog).filter_by(object_type="DocumentSigner"))
    path = build_yearly_report(
        [], issuer_of(world.org), 2024, date(2025, 1, 5), tmp_path / "y.docx"
    )
    document = Document(path)
    assert document.tables[0].rows[2].cells[0].text == "Số: .../BC-STNMT-QB"
    signature = [p.text for c in document.tables[-1].rows[0].cells for p in c.paragraphs]
    assert {"KT. GIÁM ĐỐC", "PHÓ GIÁM ĐỐC", "Trần Văn Sơn"} <= set(signature)
    page = client.get("/van-ban/cai-dat").get_data(as_text=True)
    assert "Trần Văn Sơn" in page  # the form shows what was saved


def test_a_stale_settings_form_does_not_overwrite_a_newer_save(world, login_as):
    client = login_as(world.office)
    version = world.org.lock_version
    client.post("/van-ban/cai-dat", data=_settings(lock_version=version))
    stale = client.post(
        "/van-ban/cai-dat", data=_settings(proposal_name="Ai Đó", lock_version=version)
    )
    assert stale.status_code == 200  # shown again with the newer values
    signer = db.session.scalar(db.select(DocumentSigner).filter_by(kind="proposal"))
    assert signer.name == "Nguyễn Huệ"


def test_coordinator_names_the_head_of_their_own_unit_only(world, login_as):
    client = login_as(world.coordinator_a)
    data = {
        "document_code": "pmt",
        "head_name": "Lê Thị Hạnh",
        "head_position": "Trưởng phòng",
        "deputy_name": "Võ Văn Phó",
        "deputy_position": "Phó Trưởng phòng",
    }
    response = client.post(f"/van-ban/don-vi/{world.unit_a.id}/nguoi-ky", data=data)
    assert response.status_code == 302
    assert (world.unit_a.document_code, world.unit_a.head_name) == ("PMT", "Lê Thị Hạnh")
    assert world.unit_a.deputy_name == "Võ Văn Phó"
    assert client.get(f"/van-ban/don-vi/{world.unit_b.id}/nguoi-ky").status_code in (403, 404)
    other = f"/van-ban/don-vi/{world.foreign_unit.id}/nguoi-ky"
    assert client.post(other, data=data).status_code == 404
    assert world.foreign_unit.head_name == "Phan Thị Lan"
    assert (
        login_as(world.staff_a)
        .post(f"/van-ban/don-vi/{world.unit_a.id}/nguoi-ky", data=data)
        .status_code
        == 403
    )
    home = login_as(world.coordinator_a).get(f"/units/{world.unit_a.id}")
    assert f"/van-ban/don-vi/{world.unit_a.id}/nguoi-ky" in home.get_data(as_text=True)


def test_office_reaches_every_units_signers_from_the_unit_list(world, login_as):
    page = login_as(world.office).get("/admin/units").get_data(as_text=True)
    assert f"/van-ban/don-vi/{world.unit_b.id}/nguoi-ky" in page


def test_a_unit_without_a_named_head_cannot_submit_until_it_has_one(world, login_as):
    world.unit_a.head_name = ""
    db.session.commit()
    title = make_title(world.org)
    exemplar = make_congress_exemplar(world.unit_a, "Nguyễn Thị Hoa")
    submission = make_submission(world.unit_a, world.period, title, [exemplar])
    client = login_as(world.coordinator_a)
    page = client.post(f"/congress/{submission.id}/actions/submit", follow_redirects=True)
    db.session.refresh(submission)
    assert submission.state == ReviewState.DRAFT
    assert "chưa có họ tên Thủ trưởng" in page.get_data(as_text=True)
    client.post(
        f"/van-ban/don-vi/{world.unit_a.id}/nguoi-ky",
        data={"head_name": "Hoàng Minh Tâm", "head_position": "Trưởng phòng"},
    )
    client.post(f"/congress/{submission.id}/actions/submit")
    db.session.refresh(submission)
    assert submission.state == ReviewState.SUBMITTED


def test_the_deputy_signs_on_the_heads_behalf_when_the_unit_says_so(world, login_as, tmp_path):
    from portal.documents.proposal import build_unit_proposal
    from tests.documents.kinds import ON, records

    login_as(world.coordinator_a).post(
        f"/van-ban/don-vi/{world.unit_a.id}/nguoi-ky",
        data={
            "document_code": "PMT",
            "head_name": "Hoàng Minh Tâm",
            "head_position": "Trưởng phòng",
            "deputy_name": "Võ Văn Phó",
            "deputy_position": "Phó Trưởng phòng",
            "deputy_signs": "y",
        },
    )
    assert world.unit_a.deputy_signs
    record, issuer, cycle = records(world)  # read after the save: the deputy signs
    path = build_unit_proposal(record, issuer, cycle, ON, tmp_path / "kt.docx")
    cells = Document(path).tables[-1].rows[0].cells
    text = [p.text for p in cells[1].paragraphs if p.text]
    assert text == ["KT. TRƯỞNG PHÒNG", "PHÓ TRƯỞNG PHÒNG", "Võ Văn Phó"]
