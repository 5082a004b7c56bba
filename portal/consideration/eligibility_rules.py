"""Where the law ties a title to titles received before: dated rules with their legal
basis, read by the eligibility hints (portal/consideration/eligibility.py).

Each rule names the titles it applies to and those it requires (catalogue codes,
portal/consideration/catalogue.py), how many years of them, and where it was
checked. A rule that could not be checked against a text keeps `to_verify`: the
pages show it with a "cần kiểm tra" flag. Hints never block a vote.

Checked (search of stored public pages, December 2026):
- Luật Thi đua, khen thưởng số 06/2022/QH15 (in force from 01/01/2024), Điều 21:
  Chiến sĩ thi đua cơ sở (đạt tiêu chuẩn Lao động tiên tiến, Điều 24), Chiến sĩ thi
  đua cấp bộ, ban, ngành, tỉnh (03 lần liên tục Chiến sĩ thi đua cơ sở) and Chiến sĩ
  thi đua toàn quốc (02 lần liên tục Chiến sĩ thi đua cấp bộ, tỉnh): viendaotaogiaoduc.edu.vn
  "Tiêu chuẩn chiến sĩ thi đua các cấp từ 01/01/2024", baoyenbai.com.vn "Tiêu chuẩn danh
  hiệu Chiến sĩ thi đua cơ sở, Lao động tiên tiến...", laodong.vn (Điều 21, toàn quốc).
- Before 2024, Luật Thi đua, khen thưởng 2003 (sửa đổi 2013) Điều 22, 23 and Nghị định
  số 91/2017/NĐ-CP Điều 9 khoản 2, 3: thuvienphapluat.vn "Điều kiện để được công nhận
  Chiến sĩ thi đua cấp bộ", thiduakhenthuong.langson.gov.vn (Điều 23), tdkt.toaan.gov.vn
  (Điều 22).
Checked and found to need no rule on earlier titles (so none is listed below):
- Tập thể lao động xuất sắc, Luật số 06/2022/QH15 Điều 27 khoản 1: hoàn thành xuất sắc
  nhiệm vụ, phong trào thi đua, 100 % cá nhân hoàn thành nhiệm vụ with at least 70 %
  Lao động tiên tiến, a member who is Chiến sĩ thi đua cơ sở, nội bộ đoàn kết (the
  text as Sở Tư pháp Thừa Thiên Huế quotes it from the administrative procedure under
  Nghị định số 98/2023/NĐ-CP, stp.thuathienhue.gov.vn, 08/05/2024): conditions on the
  members' titles of the same year, not on the collective's history.
- Cờ thi đua cấp bộ, ban, ngành, tỉnh: the leading collective of its emulation
  cluster or block (Luật 2003 Điều 26 and Nghị định số 91/2017/NĐ-CP Điều 12, as
  thuvienphapluat.vn quotes them; Luật 2022 Điều 26 khoản 1, 2 as Thông tư số
  29/2023/TT-BGDĐT Điều 4 cites it, hethongphapluat.vn): chosen by the cluster's
  comparison, not by earlier titles.
- Bằng khen cấp bộ, ban, ngành, tỉnh (the Chairman of the provincial People's
  Committee's): Luật số 06/2022/QH15 Điều 74 khoản 1 điểm d, "Có 02 lần liên tục được
  tặng danh hiệu Chiến sĩ thi đua cơ sở hoặc ... 02 năm ... hoàn thành xuất sắc nhiệm
  vụ ... 02 sáng kiến", as the Ministry of Home Affairs quotes it
  (chinhsachonline.chinhphu.vn); one of the article's alternative criteria, so a
  "chưa đủ" hint names point d only. The law is the same under Nghị định số
  98/2023/NĐ-CP and 152/2025/NĐ-CP, which detail it.
Not checked (kept "cần kiểm tra"): how "02 lần liên tục" counts for Chiến sĩ thi đua
toàn quốc.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

LAW_2022_FROM = date(2024, 1, 1)
LAW_2013_TO = date(2023, 12, 31)

LAW_2022 = "Luật Thi đua, khen thưởng số 06/2022/QH15"
LAW_2013 = "Luật Thi đua, khen thưởng 2003 (sửa đổi, bổ sung 2013)"
DECREE_91 = "Nghị định số 91/2017/NĐ-CP"


@dataclass(frozen=True)
class EligibilityRule:
    """Nominees for one of `titles` should hold one of `requires` in each of the
    `years` consecutive years ending with the year considered (`consecutive`), or
    at least `years` times within the last `within` years (not `consecutive`)."""

    key: str
    titles: tuple[str, ...]
    requires: tuple[str, ...]
    years: int
    basis: str  # the article, as the pages cite it
    valid_from: date
    valid_to: date | None = None
    consecutive: bool = True
    within: int = 0
    kind: str = ""  # "individual" / "collective": only nominees of that kind; "" any
    to_verify: bool = False
    source: str = ""  # where the article was checked
    other_conditions: str = ""  # what the rule also asks and the portal cannot see

    def in_force(self, on: date) -> bool:
        return self.valid_from <= on and (self.valid_to is None or on <= self.valid_to)


RULES: tuple[EligibilityRule, ...] = (
    EligibilityRule(
        key="cstd_cs_2022",
        titles=("CSTD_CS",),
        requires=("LDTT",),
        years=1,
        basis=f"Điều 21 {LAW_2022}",
        valid_from=LAW_2022_FROM,
        source="viendaotaogiaoduc.edu.vn; baoyenbai.com.vn",
        other_conditions="Hoàn thành xuất sắc nhiệm vụ hoặc có sáng kiến, đề tài được công nhận.",
    ),
    EligibilityRule(
        key="cstd_cs_2013",
        titles=("CSTD_CS",),
        requires=("LDTT",),
        years=1,
        basis=f"Điều 23 {LAW_2013}; Điều 9 khoản 3 {DECREE_91}",
        valid_from=date(2017, 9, 15),
        valid_to=LAW_2013_TO,
        source="thiduakhenthuong.langson.gov.vn; thuvienphapluat.vn",
        other_conditions="Có sáng kiến được cơ sở công nhận.",
    ),
    EligibilityRule(
        key="cstd_tinh_2022",
        titles=("CSTD_TINH",),
        requires=("CSTD_CS",),
        years=3,
        basis=f"Điều 21 {LAW_2022}",
        valid_from=LAW_2022_FROM,
        source="baoyenbai.com.vn; viendaotaogiaoduc.edu.vn",
        other_conditions="Có sáng kiến được áp dụng hiệu quả, có khả năng nhân rộng trong tỉnh.",
    ),
    EligibilityRule(
        key="cstd_tinh_2013",
        titles=("CSTD_TINH",),
        requires=("CSTD_CS",),
        years=3,
        basis=f"Điều 22 {LAW_2013}; Điều 9 khoản 2 {DECREE_91}",
        valid_from=date(2017, 9, 15),
        valid_to=LAW_2013_TO,
        source="tdkt.toaan.gov.vn; thuvienphapluat.vn",
    ),
    EligibilityRule(
        key="cstd_tq_2022",
        titles=("CSTD_TQ",),
        requires=("CSTD_TINH",),
        years=2,
        consecutive=False,
        within=6,
        basis=f"Điều 21 {LAW_2022}",
        valid_from=LAW_2022_FROM,
        to_verify=True,
        source="laodong.vn; baoyenbai.com.vn",
        other_conditions=(
            "“02 lần liên tục” được tính gần đúng là 02 lần trong 6 năm gần nhất; "
            "có sáng kiến có phạm vi ảnh hưởng toàn quốc."
        ),
    ),
    EligibilityRule(
        key="bk_tinh_2022",
        titles=("BK_UBND",),
        requires=("CSTD_CS",),
        years=2,
        kind="individual",
        basis=f"Điều 74 khoản 1 điểm d {LAW_2022}",
        valid_from=LAW_2022_FROM,
        source=(
            "chinhsachonline.chinhphu.vn (Bộ Nội vụ trả lời: "
            "“Tiêu chuẩn đề nghị xét tặng Bằng khen của Bộ, ngành”)"
        ),
        other_conditions=(
            "Đây là một trong các tiêu chuẩn của khoản 1 Điều 74; điểm d cũng chấp nhận "
            "02 năm liên tục hoàn thành xuất sắc nhiệm vụ với 02 sáng kiến hoặc 02 đề tài "
            "được áp dụng trong phạm vi cơ sở (xếp loại và sáng kiến không có trên Cổng)."
        ),
    ),
)


def rules_for(code: str, kind: str, on: date) -> list[EligibilityRule]:
    """The rules in force on `on` for a nominee of `kind` proposed for title `code`."""
    return [
        rule
        for rule in RULES
        if code in rule.titles and rule.in_force(on) and (not rule.kind or rule.kind == kind)
    ]
