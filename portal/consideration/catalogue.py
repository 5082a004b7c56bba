"""The starting catalogue of award titles and voting rules an organization receives.

The rules cover every date of the plan period 2023-2025 and after:
- before 01/01/2024, Decree 91/2017/NĐ-CP (rows marked "cần kiểm tra": its
  thresholds could not be checked against the text when they were entered, see
  DECREE_91_SOURCE);
- 01/01/2024 - 30/06/2025, Decree 98/2023/NĐ-CP: 80% of all council members for
  Chiến sĩ thi đua cơ sở and the emulation flags, 90% for Chiến sĩ thi đua cấp
  tỉnh / toàn quốc and Anh hùng;
- from 01/07/2025, Decree 152/2025/NĐ-CP, which replaced it; its rows start with
  the same thresholds and are marked for the Office to verify against the text.
Each rule also carries its quorum (share of members present) and whether a
member with a conflict of interest stays in the base of the percentage, each
with its stated basis: rules are data, the Office edits them.
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
    VoteBase,
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

DECREE_91 = "Nghị định số 91/2017/NĐ-CP ngày 31/07/2017 của Chính phủ"
# Where the decree's number and date were checked (its thresholds were not found in any
# text reachable when this was written, hence the "cần kiểm tra" flag on its rows):
DECREE_91_SOURCE = (
    "Số hiệu, ngày ban hành đối chiếu tại phần căn cứ của Quyết định số 31/2020/QĐ-UBND "
    "tỉnh Phú Yên (https://phapluatcongdong.vn/van-ban/"
    "quyet-dinh-31-2020-qd-ubnd-ban-hanh-tinh-phu-yen-nam-2020-p43558.htm), cùng "
    "Thông tư số 12/2019/TT-BNV hướng dẫn Nghị định."
)
DECREE_91_NOTE = (
    "Tỷ lệ tạm lấy như Nghị định số 98/2023/NĐ-CP: chưa đối chiếu được với văn bản "
    "Nghị định số 91/2017/NĐ-CP và Thông tư số 12/2019/TT-BNV. Văn phòng Sở cần đối chiếu, "
    "sửa lại nếu khác, rồi bỏ dấu “cần kiểm tra”. " + DECREE_91_SOURCE
)
DECREE_91_FROM = date(2017, 9, 15)
DECREE_91_TO = date(2023, 12, 31)
DECREE_98 = "Nghị định số 98/2023/NĐ-CP ngày 31/12/2023 của Chính phủ"
DECREE_152 = "Nghị định số 152/2025/NĐ-CP của Chính phủ (thay thế Nghị định số 98/2023/NĐ-CP)"
DECREE_98_FROM = date(2024, 1, 1)
DECREE_98_TO = date(2025, 6, 30)
DECREE_152_FROM = date(2025, 7, 1)
DEFAULT_BASIS = "Quy chế hoạt động của Hội đồng Thi đua - Khen thưởng (đa số thành viên)"
# The percentage is of all council members: a member who declares a conflict of
# interest does not vote and stays in the base (the decrees count "tổng số thành viên").
BASE_BASIS = "{basis}: tỷ lệ tính trên tổng số thành viên Hội đồng"
# Quorum: at least half of the members present (the council's working rules).
QUORUM_PERCENT = 50
QUORUM_BASIS = (
    "Quy chế hoạt động của Hội đồng Thi đua - Khen thưởng: cuộc họp hợp lệ khi có "
    "ít nhất một nửa tổng số thành viên dự họp (cần kiểm tra theo Quy chế của Sở)"
)
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


def _rule(organization_id: int, title_id: int | None, **fields) -> VotingRule:
    """A rule with the catalogue's base and quorum, each with its basis."""
    fields.setdefault("comparison", ThresholdComparison.AT_LEAST)
    return VotingRule(
        organization_id=organization_id,
        award_title_id=title_id,
        base=VoteBase.ALL_MEMBERS,
        base_basis=BASE_BASIS.format(basis=fields["legal_basis"]),
        quorum_percent=QUORUM_PERCENT,
        quorum_basis=QUORUM_BASIS,
        **fields,
    )


def _default_rule(organization_id: int) -> VotingRule:
    return _rule(
        organization_id,
        None,
        comparison=ThresholdComparison.MORE_THAN,
        threshold_percent=50,
        effective_from=DECREE_91_FROM,
        effective_to=None,
        legal_basis=DEFAULT_BASIS,
        note=DEFAULT_NOTE,
    )


def _decree_91_rule(organization_id: int, title_id: int, percent: int) -> VotingRule:
    return _rule(
        organization_id,
        title_id,
        threshold_percent=percent,
        effective_from=DECREE_91_FROM,
        effective_to=DECREE_91_TO,
        legal_basis=DECREE_91,
        needs_verification=True,
        note=DECREE_91_NOTE,
    )


def _starting_rules(organization_id: int, titles: dict[str, AwardTitle]) -> list[VotingRule]:
    rules = [_default_rule(organization_id)]
    for code, percent in STATUTORY_THRESHOLDS.items():
        title_id = titles[code].id
        rules.append(_decree_91_rule(organization_id, title_id, percent))
        rules.append(
            _rule(
                organization_id,
                title_id,
                threshold_percent=percent,
                effective_from=DECREE_98_FROM,
                effective_to=DECREE_98_TO,
                legal_basis=DECREE_98,
            )
        )
        rules.append(
            _rule(
                organization_id,
                title_id,
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


def complete_rules(organization_id: int) -> int:
    """Give an organization whose catalogue predates them the rules before 01/01/2024
    (Decree 91/2017/NĐ-CP) and the quorum and base of its existing rules. Nothing the
    Office entered is overwritten: a title (or the default) that already has a rule in
    force on a day of 2023 keeps it. Returns the number of rules added or completed; the
    caller commits.
    """
    changed = 0
    rules = list(
        db.session.scalars(select(VotingRule).where(VotingRule.organization_id == organization_id))
    )
    for rule in rules:
        if not rule.quorum_basis and not rule.quorum_percent:
            rule.quorum_percent, rule.quorum_basis = QUORUM_PERCENT, QUORUM_BASIS
            changed += 1
        if not rule.base_basis and rule.base == VoteBase.ALL_MEMBERS:
            rule.base_basis = BASE_BASIS.format(basis=rule.legal_basis)
            changed += 1

    def covers_2023(title_id: int | None) -> bool:
        return any(
            r.award_title_id == title_id
            and r.effective_from <= DECREE_91_TO
            and (r.effective_to is None or r.effective_to >= date(2023, 1, 1))
            for r in rules
        )

    added = []
    if not covers_2023(None):
        default = next(
            (r for r in rules if r.award_title_id is None and r.effective_from == DECREE_98_FROM),
            None,
        )
        if default is not None:  # the catalogue's default rule: it starts earlier now
            default.effective_from = DECREE_91_FROM
            changed += 1
        else:
            default_rule = _default_rule(organization_id)
            default_rule.effective_to = DECREE_91_TO
            added.append(default_rule)
    titles = db.session.scalars(
        select(AwardTitle).where(
            AwardTitle.organization_id == organization_id,
            AwardTitle.code.in_(STATUTORY_THRESHOLDS),
        )
    )
    for title in titles:
        if not covers_2023(title.id):
            added.append(
                _decree_91_rule(organization_id, title.id, STATUTORY_THRESHOLDS[title.code])
            )
    db.session.add_all(added)
    db.session.flush()
    return changed + len(added)
