"""A decision made elsewhere, recorded by the Office from the web with its scan; its
recipients; and each bad input refused on its field with nothing half-saved."""

from __future__ import annotations

import io

import docx
from sqlalchemy import select

from portal.awards.models import (
    AwardDecision,
    AwardLevel,
    AwardRecipient,
    DecisionSource,
    DecisionStatus,
)
from portal.consideration.models import AwardTitle
from portal.extensions import db
from tests.awards.conftest import count_decisions, count_recipients, decision_form
from tests.factories import award_title, make_decision, make_exemplar, pdf_file


def _record(client, **overrides):
    data = decision_form(**overrides)
    return client.post("/awards/new", data=data, content_type="multipart/form-data")


def test_the_office_records_a_decision_with_its_scan_and_recipients(world, login_as):
    client = login_as(world.office)
    assert "Chủ tịch Ủy ban nhân dân tỉnh" in client.get("/awards/new").get_data(as_text=True)
    response = _record(client, scan=pdf_file("qd-25.pdf"))
    assert response.status_code == 302
    decision = db.session.scalar(select(AwardDecision))
    assert decision.source == DecisionSource.RECORDED
    assert decision.status == DecisionStatus.DRAFT
    assert decision.scan_name == "qd-25.pdf"
    scan = client.get(f"/awards/{decision.id}/scan")
    assert scan.status_code == 200 and scan.data.startswith(b"%PDF")
    assert scan.headers["Content-Type"] == "application/pdf"
    added = client.post(
        f"/awards/{decision.id}/recipients",
        data={"target": f"user:{world.coordinator_a.id}", "position": "Trưởng phòng",
              "amount_vnd": "1.500.000"},
    )  # fmt: skip
    assert added.status_code == 302
    client.post(f"/awards/{decision.id}/recipients", data={"target": f"unit:{world.unit_a.id}"})
    recipients = db.session.scalars(select(AwardRecipient).order_by(AwardRecipient.id)).all()
    assert [(r.name, r.amount_vnd, r.user_id) for r in recipients] == [
        ("Nguyễn Văn An", 1_500_000, world.coordinator_a.id),
        ("Phòng Môi trường", None, None),
    ]
    assert recipients[0].name_key == "nguyen van an" and recipients[0].unit_id == world.unit_a.id
    page = client.get(f"/awards/{decision.id}").get_data(as_text=True)
    assert "Nguyễn Văn An" in page and "1.500.000 ₫" in page and "qd-25.pdf" in page


def test_the_scan_must_be_a_pdf_or_an_image(world, login_as):
    client = login_as(world.office)
    content = io.BytesIO()
    docx.Document().save(content)
    content.seek(0)
    response = _record(client, scan=(content, "qd.docx"))
    page = response.get_data(as_text=True)
    assert response.status_code == 200
    assert "phải là tệp PDF hoặc ảnh (JPEG, PNG): qd.docx" in page
    assert count_decisions() == 0
    assert 'value="25/QĐ-UBND"' in page  # what was typed is kept


def test_a_duplicate_number_of_the_same_body_and_year_is_refused_on_the_number(world, login_as):
    make_decision(world, number="12/QĐ-UBND", issuing_body="Chủ tịch UBND tỉnh Quảng Bình")
    client = login_as(world.office)
    response = _record(client, number="12/qđ-ubnd", issuing_body="chủ tịch ubnd tỉnh quảng bình")
    page = response.get_data(as_text=True)
    assert response.status_code == 200
    assert "đã có trong danh sách quyết định khen thưởng" in page
    assert 'id="number"' in page and "is-invalid" in page
    assert count_decisions() == 1
    # The same number from another body, or of another year, is another decision.
    assert _record(client, number="12/QĐ-UBND", issuing_body="Giám đốc Sở").status_code == 302
    assert _record(client, number="12/QĐ-UBND", year="2023").status_code == 302
    assert count_decisions() == 3


def test_editing_a_draft_to_a_taken_number_is_refused(world, login_as):
    make_decision(world, number="12/QĐ-UBND")
    other = make_decision(world, number="13/QĐ-UBND")
    client = login_as(world.office)
    data = decision_form(number="12/QĐ-UBND", issuing_body="Chủ tịch UBND tỉnh Quảng Bình")
    data["lock_version"] = str(other.lock_version)
    response = client.post(f"/awards/{other.id}/edit", data=data)
    assert response.status_code == 200
    assert "đã có trong danh sách" in response.get_data(as_text=True)
    db.session.refresh(other)
    assert other.number == "13/QĐ-UBND"


def test_a_recipient_outside_the_organization_is_refused(world, login_as):
    decision = make_decision(world, recipients=[])
    foreign_exemplar = make_exemplar(world.foreign_unit, name="Tổ ngoài Sở")
    client = login_as(world.office)
    crafted = (
        f"unit:{world.foreign_unit.id}",
        f"exemplar:{foreign_exemplar.id}",
        f"user:{world.foreign_coordinator.id}",
        f"user:{world.office.id}",  # in the organization but in no unit
        "unit:999999",
        "anything",
    )
    for target in crafted:
        response = client.post(f"/awards/{decision.id}/recipients", data={"target": target})
        assert response.status_code == 200, target
        assert "không thuộc các đơn vị của Sở" in response.get_data(as_text=True), target
    assert count_recipients() == 0


def test_an_amount_below_zero_is_refused_and_nothing_is_added(world, login_as):
    decision = make_decision(world, recipients=[])
    client = login_as(world.office)
    response = client.post(
        f"/awards/{decision.id}/recipients",
        data={"target": f"unit:{world.unit_a.id}", "amount_vnd": "-500000"},
    )
    assert response.status_code == 200
    assert "số nguyên không âm" in response.get_data(as_text=True)
    assert count_recipients() == 0


def test_the_amounts_are_edited_together_and_a_negative_one_saves_nothing(world, login_as):
    decision = make_decision(world)
    first, second = decision.recipients
    client = login_as(world.office)
    assert client.get(f"/awards/{decision.id}/recipients/edit").status_code == 200
    rows = {
        "lock_version": str(decision.lock_version),
        "rows-0-recipient_id": str(first.id), "rows-0-name": "Phòng Môi trường",
        "rows-0-amount_vnd": "2.000.000",
        "rows-1-recipient_id": str(second.id), "rows-1-name": "Nguyễn Văn An",
        "rows-1-amount_vnd": "-1",
    }  # fmt: skip
    refused = client.post(f"/awards/{decision.id}/recipients/edit", data=rows)
    assert refused.status_code == 200
    db.session.expire_all()
    assert [r.amount_vnd for r in decision.recipients] == [1_000_000, 1_000_000]
    rows["rows-1-amount_vnd"] = "0"
    rows["rows-1-remove"] = ""
    saved = client.post(f"/awards/{decision.id}/recipients/edit", data=rows)
    assert saved.status_code == 302
    db.session.expire_all()
    assert [r.amount_vnd for r in decision.recipients] == [2_000_000, 0]


def test_a_stale_edit_does_not_overwrite_a_newer_save(world, login_as):
    decision = make_decision(world)
    client = login_as(world.office)
    stale = str(decision.lock_version)
    first = decision_form(summary="Lần sửa thứ nhất", number="12/QĐ-UBND", lock_version=stale)
    assert client.post(f"/awards/{decision.id}/edit", data=first).status_code == 302
    second = decision_form(summary="Lần sửa thứ hai", number="12/QĐ-UBND", lock_version=stale)
    response = client.post(f"/awards/{decision.id}/edit", data=second)
    assert response.status_code == 200
    assert "người khác đã lưu" in response.get_data(as_text=True)
    db.session.refresh(decision)
    assert decision.summary == "Lần sửa thứ nhất"


def test_the_record_form_sent_twice_creates_one_decision(world, login_as):
    client = login_as(world.office)
    data = decision_form(submission_token="t" * 32)
    assert client.post("/awards/new", data=data).status_code == 302
    again = client.post("/awards/new", data=data)
    assert again.status_code == 303
    assert count_decisions() == 1


def test_the_list_filters_by_year_level_and_status(world, login_as):
    make_decision(world, number="1/QĐ", year=2023, issued=True)
    make_decision(world, number="2/QĐ", year=2024)
    make_decision(world, number="3/QĐ", year=2024, level=AwardLevel.DEPARTMENT)
    client = login_as(world.office)

    def numbers(query: str) -> set[str]:
        page = client.get(f"/awards/?{query}").get_data(as_text=True)
        return {n for n in ("1/QĐ", "2/QĐ", "3/QĐ") if f">{n}</a>" in page}

    assert numbers("") == {"1/QĐ", "2/QĐ", "3/QĐ"}
    assert numbers("year=2024") == {"2/QĐ", "3/QĐ"}
    assert numbers("level=department") == {"3/QĐ"}
    assert numbers("status=issued") == {"1/QĐ"}
    assert numbers("status=nonsense") == {"1/QĐ", "2/QĐ", "3/QĐ"}


def test_a_title_of_another_organization_is_refused_and_ours_names_the_form(world, login_as):
    from portal.consideration.catalogue import ensure_catalogue

    ensure_catalogue(world.other_org.id)
    db.session.commit()
    foreign = db.session.scalar(
        select(AwardTitle).where(AwardTitle.organization_id == world.other_org.id)
    )
    client = login_as(world.office)
    response = _record(client, award_title_id=str(foreign.id))
    assert response.status_code == 200
    assert "Danh hiệu, hình thức khen thưởng không hợp lệ" in response.get_data(as_text=True)
    assert count_decisions() == 0
    ours = award_title(world, "CSTD_CS")
    assert _record(client, award_title_id=str(ours.id), form_name="").status_code == 302
    decision = db.session.scalar(select(AwardDecision))
    assert decision.award_title_id == ours.id and decision.form_name == "Chiến sĩ thi đua cơ sở"
