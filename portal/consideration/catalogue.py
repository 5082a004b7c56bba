"""The starting catalogue of award titles and voting rules an organization receives.

Decree 98/2023/NĐ-CP (in force 01/01/2024 - 30/06/2025) sets the thresholds of
all council members: 80% for Chiến sĩ thi đua cơ sở and the emulation flags, 90%
for Chiến sĩ thi đua cấp tỉnh / toàn quốc and Anh hùng. Decree 152/2025/NĐ-CP
replaced it from 01/07/2025; its rows start with the same thresholds and are
marked for the Office to verify against the text.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from flask_babel import gettext as _
from sqlalchemy import func, select

from portal.consideration.models import (
    AwardTitle,
    ThresholdComparison,
    TitleAudience,
    VotingRule,
)
from portal.exemplars.models import ExemplarKind
from portal.extensions import db
from portal.rules import RuleError

# (code, name, audience)
AWARD_TITLES = (
    ("CSTD_CS", "Chiến sĩ thi đua cơ sở", TitleAudience.INDIVIDUAL),
    ("CSTD_TINH", "Chiến sĩ thi đua cấp tỉnh (cấp Bộ)", TitleAudience.INDIVIDUAL),
    ("CSTD_TQ", "Chiến sĩ thi đua toàn quốc", TitleAudience.INDIVIDUAL),
    ("LDTT", "Lao động tiên tiến", TitleAudience.INDIVIDUAL),
    ("TTLDTT", "Tập thể lao động tiên tiến", TitleAudience.COLLECTIVE),
    ("TTLDXS", "Tập thể lao động xuất sắc", TitleAudience.COLLECTIVE),
    ("CO_TINH", "Cờ thi đua cấp tỉnh", TitleAudience.COLLECTIVE),
    ("CO_CP", "Cờ thi đua của Chính phủ", TitleAudience.COLLECTIVE),
    ("BK_UBND", "Bằng khen của Chủ tịch UBND tỉnh", TitleAudience.BOTH),
    ("BK_BO", "Bằng khen của Bộ trưởng", TitleAudience.BOTH),
    ("GK_GD", "Giấy khen của Giám đốc Sở", TitleAudience.BOTH),
    ("AHLD", "Anh hùng Lao động", TitleAudience.BOTH),
)

# Title codes with a statutory threshold (percent of all council members).
STATUTORY_THRESHOLDS = {
    "CSTD_CS": 80,
    "CO_TINH": 80,
    "CO_CP": 80,
    "CSTD_TINH": 90,
    "CSTD_TQ": 90,
    "AHLD": 90,
}

DECREE_98 = "Nghị định số 98/2023/NĐ-CP ngày 31/12/2023 của Chính phủ"
DECREE_152 = "Nghị định số 152/2025/NĐ-CP của Chính phủ (thay thế Nghị định số 98/2023/NĐ-CP)"
DECREE_98_FROM = date(2024, 1, 1)
DECREE_98_TO = date(2025, 6, 30)
DECREE_152_FROM = date(2025, 7, 1)
DEFAULT_BASIS = "Quy chế hoạt động của Hội đồng Thi đua - Khen thưởng (đa số thành viên)"
VERIFY_NOTE = (
    "Tỷ lệ tạm lấy theo Nghị định số 98/2023/NĐ-CP. Văn phòng Sở cần đối chiếu với "
    "văn bản Nghị định số 152/2025/NĐ-CP và sửa lại nếu khác, rồi bỏ dấu “cần kiểm tra”."
)
DEFAULT_NOTE = (
    "Áp dụng cho danh hiệu, hình thức khen thưởng mà pháp luật không quy định tỷ lệ: "
    "quá nửa tổng số thành viên Hội đồng đồng ý, trừ khi Văn phòng Sở quy định khác."
)


def ensure_catalogue(organization_id: int) -> bool:
    """Give the organization the starting titles and rules if it has none. The caller commits.

    Returns True when something was created. An organization that already has
    titles keeps its own catalogue untouched.
    """
    existing = db.session.scalar(
        select(func.count(AwardTitle.id)).where(AwardTitle.organization_id == organization_id)
    )
    if existing:
        return False
    titles = {}
    for order, (code, name, audience) in enumerate(AWARD_TITLES, start=1):
        titles[code] = AwardTitle(
            organization_id=organization_id,
            code=code,
            name=name,
            audience=audience,
            sort_order=order * 10,
        )
    db.session.add_all(titles.values())
    db.session.flush()
    db.session.add_all(_starting_rules(organization_id, titles))
    db.session.flush()
    return True


def _starting_rules(organization_id: int, titles: dict[str, AwardTitle]) -> list[VotingRule]:
    rules = [
        VotingRule(
            organization_id=organization_id,
            award_title_id=None,
            comparison=ThresholdComparison.MORE_THAN,
            threshold_percent=50,
            effective_from=DECREE_98_FROM,
            effective_to=None,
            legal_basis=DEFAULT_BASIS,
            note=DEFAULT_NOTE,
        )
    ]
    for code, percent in STATUTORY_THRESHOLDS.items():
        title_id = titles[code].id
        rules.append(
            VotingRule(
                organization_id=organization_id,
                award_title_id=title_id,
                comparison=ThresholdComparison.AT_LEAST,
                threshold_percent=percent,
                effective_from=DECREE_98_FROM,
                effective_to=DECREE_98_TO,
                legal_basis=DECREE_98,
            )
        )
        rules.append(
            VotingRule(
                organization_id=organization_id,
                award_title_id=title_id,
                comparison=ThresholdComparison.AT_LEAST,
                threshold_percent=percent,
                effective_from=DECREE_152_FROM,
                effective_to=None,
                legal_basis=DECREE_152,
                needs_verification=True,
                note=VERIFY_NOTE,
            )
        )
    return rules


# --- who a title is for: the one rule every form, service and document uses ----------


def _kind_of(nominee) -> ExemplarKind:
    """An exemplar, a nomination, or a kind itself: collective or individual."""
    if isinstance(nominee, ExemplarKind):
        return nominee
    kind = getattr(nominee, "kind", None) or getattr(nominee, "nominee_kind", None)
    return ExemplarKind(kind)


def title_fits(title: AwardTitle, nominee) -> bool:
    """Whether `title` may be proposed for `nominee` (an exemplar, a nomination or an
    `ExemplarKind`): a title is for collectives, for individuals, or for both."""
    return TitleAudience(title.audience).admits(_kind_of(nominee))


def titles_for(titles: Iterable[AwardTitle], nominee) -> list[AwardTitle]:
    """The titles among `titles` that fit `nominee`, in their order."""
    return [t for t in titles if title_fits(t, nominee)]


def require_title_fits(title: AwardTitle, nominee, name: str, field: str = "award_title_id"):
    """Refuse (RuleError on `field`) a title that does not fit the nominee named `name`."""
    if title_fits(title, nominee):
        return
    kind = _kind_of(nominee)
    raise RuleError(
        _(
            "Danh hiệu “%(title)s” chỉ dành cho %(audience)s, không áp dụng cho đối tượng "
            "là %(kind)s: “%(name)s”.",
            title=title.name,
            audience=str(TitleAudience(title.audience).label).lower(),
            kind=str(kind.label).lower(),
            name=name,
        ),
        field,
    )


def why_no_title(nominee, name: str) -> str:
    """The explanation shown when no active title fits the nominee."""
    return _(
        "Không có danh hiệu, hình thức khen thưởng nào dành cho %(kind)s “%(name)s” trong "
        "danh mục của Sở; Văn phòng Sở bổ sung danh mục nếu cần.",
        kind=str(_kind_of(nominee).label).lower(),
        name=name,
    )
