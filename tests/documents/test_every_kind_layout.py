"""Every kind of document read back with python-docx against Decree 30/2020/NĐ-CP:
paper, margins, fonts, sizes, bold and italics, vi-VN, the heading table's aligned
rows, the drawn rules' widths (1/3-1/2 of the body's name and of the summary, the
motto's own length), repeated header rows, rows that do not split, signers by name."""

from __future__ import annotations

import pytest
from docx import Document

from tests.documents import decree30
from tests.documents.kinds import NUMBERS, SIGNERS, build_all

PLACE_DATE = "Quảng Bình, ngày 05 tháng 6 năm 2025"


@pytest.fixture
def documents(world, tmp_path):
    return {kind: Document(path) for kind, path in build_all(world, tmp_path, rows=3).items()}


@pytest.mark.parametrize("kind", sorted(SIGNERS))
def test_each_kind_follows_decree_30(documents, kind):
    decree30.check_document(
        documents[kind], place_date=PLACE_DATE, number=NUMBERS.get(kind), signers=SIGNERS[kind]
    )


def _texts(document) -> list[str]:
    return [p.text for p in document.paragraphs]


@pytest.mark.parametrize("kind", ["to-trinh-don-vi", "to-trinh-cua-so", "bao-cao-nam"])
def test_documents_sent_upwards_say_kinh_gui(documents, kind):
    assert any(t.startswith("Kính gửi: ") for t in _texts(documents[kind]))


@pytest.mark.parametrize("kind", ["to-trinh-don-vi", "to-trinh-cua-so"])
def test_proposals_cite_the_law_the_decree_the_plan_and_the_result(documents, kind):
    grounds = [t for t in _texts(documents[kind]) if t.startswith("Căn cứ")]
    assert grounds[0] == "Căn cứ Luật Thi đua, khen thưởng năm 2022;"
    assert grounds[1].startswith("Căn cứ Nghị định số 98/2023/NĐ-CP")
    assert grounds[2].startswith("Căn cứ Kế hoạch tổ chức")
    assert "Hội nghị điển hình tiên tiến" in grounds[3] or "Biên bản họp Hội đồng" in grounds[3]
    assert grounds[-1].endswith(".") and all(g.endswith(";") for g in grounds[:-1])


def test_unit_documents_are_signed_by_the_head_by_name(documents):
    for kind in ("to-trinh-don-vi", "bao-cao-tap-the", "bao-cao-ca-nhan"):
        cells = documents[kind].tables[-1].rows[0].cells
        text = [p.text for c in cells for p in c.paragraphs]
        assert "TRƯỞNG PHÒNG" in text and "Hoàng Minh Tâm" in text, kind
        assert "THỦ TRƯỞNG ĐƠN VỊ" not in text


def test_long_tables_repeat_their_header(world, tmp_path):
    paths = build_all(world, tmp_path, rows=40)
    document = Document(paths["bien-ban-hoi-dong"])
    table = document.tables[1]
    assert len(table.rows) == 41
    decree30.check_tables(document)
