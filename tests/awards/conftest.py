"""Helpers of the award decision tests: the recipient choices as the page offers them."""

from __future__ import annotations

from sqlalchemy import func, select

from portal.awards.models import AwardDecision, AwardRecipient
from portal.extensions import db


def count_decisions() -> int:
    return db.session.scalar(select(func.count(AwardDecision.id)))


def count_recipients() -> int:
    return db.session.scalar(select(func.count(AwardRecipient.id)))


def decision_form(**overrides) -> dict:
    return {
        "number": "25/QĐ-UBND",
        "decided_on": "20/01/2025",
        "level": "province",
        "issuing_body": "Chủ tịch UBND tỉnh Quảng Bình",
        "signer_name": "Trần Thắng",
        "signer_position": "Chủ tịch",
        "award_title_id": "",
        "form_name": "Bằng khen của Chủ tịch UBND tỉnh",
        "year": "2024",
        "summary": "Căn cứ Tờ trình số 10/TTr-STNMT",
    } | overrides
