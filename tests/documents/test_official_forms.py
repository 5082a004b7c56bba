"""The official form of each kind is chosen by the document's date: Decree 98/2023's
up to 30/06/2025, Decree 152/2025's from 01/07/2025 (its Article 59)."""

from __future__ import annotations

from datetime import date

import pytest
from docx import Document

from portal.documents.official_forms import FORMS, FormKind, form_for
from portal.documents.proposal import build_unit_proposal
from tests.documents.kinds import records

LAST_DAY_98 = date(2025, 6, 30)
FIRST_DAY_152 = date(2025, 7, 1)


@pytest.mark.parametrize("kind", list(FormKind))
def test_the_form_changes_on_1_july_2025(kind):
    before, after = form_for(kind, LAST_DAY_98), form_for(kind, FIRST_DAY_152)
    assert before.decree == "98/2023/NĐ-CP" and after.decree == "152/2025/NĐ-CP"
    assert form_for(kind, date(2024, 1, 1)) == before
    assert form_for(kind, date(2030, 1, 1)) == after


def test_every_kind_has_exactly_one_form_on_every_day_around_the_change():
    for day in (date(2024, 1, 1), LAST_DAY_98, FIRST_DAY_152, date(2026, 12, 31)):
        for kind in FormKind:
            assert sum(1 for f in FORMS if f.kind == kind and f.applies_on(day)) == 1


def test_every_form_records_its_source():
    for form in FORMS:
        assert form.source and "30-2020" in form.source  # the layout's source, at least
        assert form.verified is False or form.form_number


def _grounds(path) -> list[str]:
    return [p.text for p in Document(path).paragraphs if p.text.startswith("Căn cứ")]


def test_a_proposal_cites_the_decree_in_force_on_its_date(world, tmp_path):
    record, issuer, cycle = records(world)
    before = build_unit_proposal(record, issuer, cycle, LAST_DAY_98, tmp_path / "a.docx")
    after = build_unit_proposal(record, issuer, cycle, FIRST_DAY_152, tmp_path / "b.docx")
    assert "98/2023/NĐ-CP" in _grounds(before)[1]
    assert "152/2025/NĐ-CP" in _grounds(after)[1]
    head = Document(after).tables[0].rows[2].cells[1].text
    assert head == "Quảng Bình, ngày 01 tháng 7 năm 2025"
