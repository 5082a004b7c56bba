"""The official forms, as dated data: each kind of document the portal writes takes
the form in force on the document's date, the way a council's voting rule is chosen
by the meeting's date (portal.consideration.rules.applicable_rule).

Decree 98/2023/NĐ-CP (detailing the Law on Emulation and Commendation 2022) applied
until 30/06/2025; Decree 152/2025/NĐ-CP applies from 01/07/2025 and repealed it
(its Article 59). Each form records where its text was read and whether that was
verified; an unverified form shows "mẫu cần kiểm tra" on the Office's document
settings page (portal.documents.routes), never inside a document.

Sources read (Dec 2026):
- Decree 30/2020/NĐ-CP, Appendix I (layout of every form below):
  https://thuvienphapluat.vn/van-ban/Bo-may-hanh-chinh/Nghi-dinh-30-2020-ND-CP-cong-tac-van-thu-437498.aspx
  (text read in the copy github.com/ericphan28/van-ban-plus,
  docs/van-ban-phap-quy/nghi-dinh/30-2020-ND-CP/van-ban-goc/30.2020.NĐ-CP/Phuluc1.md).
- Decree 152/2025/NĐ-CP, "Phụ lục mẫu văn bản áp dụng trong hồ sơ thủ tục khen
  thưởng", 11 achievement-report forms, in force 01/07/2025 (Article 59), read in
  github.com/tnt305/tai_lieu_noi_bo, src/etl/dataset/0a2c9cdccc620fd0.md; the forms'
  titles are verified, their numbers and full text are not.
- Decree 98/2023/NĐ-CP, Appendix (forms of achievement reports): the text was not
  found; the structure kept is the one in use before (I. đặc điểm / sơ lược lý lịch,
  II. thành tích, III. hình thức khen thưởng đã đạt), to be checked.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from portal.msgids import N_

DECREE_98 = "98/2023/NĐ-CP"
DECREE_152 = "152/2025/NĐ-CP"
CHANGEOVER = date(2025, 7, 1)
LAW = "Căn cứ Luật Thi đua, khen thưởng năm 2022"
DECREE_GROUNDS = {
    DECREE_98: "Căn cứ Nghị định số 98/2023/NĐ-CP ngày 31 tháng 12 năm 2023 của Chính phủ "
    "quy định chi tiết thi hành một số điều của Luật Thi đua, khen thưởng",
    DECREE_152: "Căn cứ Nghị định số 152/2025/NĐ-CP của Chính phủ quy định chi tiết "
    "một số điều của Luật Thi đua, khen thưởng",
}
DECREE_30_URL = (
    "https://thuvienphapluat.vn/van-ban/Bo-may-hanh-chinh/"
    "Nghi-dinh-30-2020-ND-CP-cong-tac-van-thu-437498.aspx"
)
# Not found: no address is recorded rather than a guessed one.
DECREE_98_SOURCE = "Nghị định 98/2023/NĐ-CP, Phụ lục: chưa tìm được văn bản để đối chiếu"
DECREE_152_SOURCE = "github.com/tnt305/tai_lieu_noi_bo: src/etl/dataset/0a2c9cdccc620fd0.md"


class FormKind(StrEnum):
    PROPOSAL = "proposal"  # tờ trình đề nghị khen thưởng
    COLLECTIVE_REPORT = "collective_report"  # báo cáo thành tích của tập thể
    INDIVIDUAL_REPORT = "individual_report"  # báo cáo thành tích của cá nhân
    COUNCIL_MINUTES = "council_minutes"  # biên bản họp Hội đồng Thi đua - Khen thưởng
    CONFERENCE_MINUTES = "conference_minutes"  # biên bản Hội nghị của đơn vị
    UNIT_YEARLY_REPORT = "unit_yearly_report"  # báo cáo năm của đơn vị
    YEARLY_REPORT = "yearly_report"  # báo cáo tổng hợp năm của Sở


KIND_NAMES = {
    FormKind.PROPOSAL: N_("Tờ trình đề nghị khen thưởng"),
    FormKind.COLLECTIVE_REPORT: N_("Báo cáo thành tích của tập thể"),
    FormKind.INDIVIDUAL_REPORT: N_("Báo cáo thành tích của cá nhân"),
    FormKind.COUNCIL_MINUTES: N_("Biên bản họp Hội đồng Thi đua - Khen thưởng"),
    FormKind.CONFERENCE_MINUTES: N_("Biên bản Hội nghị điển hình tiên tiến của đơn vị"),
    FormKind.UNIT_YEARLY_REPORT: N_("Báo cáo năm của đơn vị"),
    FormKind.YEARLY_REPORT: N_("Báo cáo tổng hợp năm của Sở"),
}


@dataclass(frozen=True)
class Form:
    """One official form of one kind, in force from `valid_from` to `valid_to`."""

    kind: FormKind
    decree: str  # the decree whose form (or whose procedure) the document follows
    valid_from: date | None
    valid_to: date | None
    form_number: str  # "Mẫu số 01" / "Phụ lục I" ...
    source: str  # where the text was read (URL, appendix)
    verified: bool
    type_code: str  # the abbreviation of the type in the number: TTr, BC, BB
    addressed: bool  # sent upwards: "Kính gửi"
    sections: tuple[str, ...] = ()

    def applies_on(self, on: date) -> bool:
        starts = self.valid_from is None or self.valid_from <= on
        return starts and (self.valid_to is None or on <= self.valid_to)

    def grounds(self) -> list[str]:
        """The law and the decree in force, the first two 'Căn cứ' of a tờ trình."""
        return [LAW, DECREE_GROUNDS[self.decree]]


COLLECTIVE_SECTIONS = (
    "I. ĐẶC ĐIỂM, TÌNH HÌNH",
    "II. THÀNH TÍCH ĐẠT ĐƯỢC",
    "III. CÁC HÌNH THỨC KHEN THƯỞNG ĐÃ ĐƯỢC GHI NHẬN",
)
INDIVIDUAL_SECTIONS = (
    "I. SƠ LƯỢC LÝ LỊCH",
    "II. THÀNH TÍCH ĐẠT ĐƯỢC",
    "III. CÁC HÌNH THỨC ĐÃ ĐƯỢC KHEN THƯỞNG",
)
UNTIL_98 = date(2025, 6, 30)


def _pair(kind: FormKind, code: str, addressed: bool, sections=(), numbers=("", "")) -> tuple:
    """The form under Decree 98/2023 (until 30/06/2025) and under Decree 152/2025."""
    before, after = numbers
    return (
        Form(
            kind, DECREE_98, None, UNTIL_98, before or "Phụ lục I (thể thức)",
            f"{DECREE_98_SOURCE}; thể thức: {DECREE_30_URL}", False, code, addressed, sections,
        ),
        Form(
            kind, DECREE_152, CHANGEOVER, None, after or "Phụ lục I (thể thức)",
            f"{DECREE_152_SOURCE}; thể thức: {DECREE_30_URL}", False, code, addressed, sections,
        ),
    )  # fmt: skip


# Documents with no form of their own in either decree (tờ trình, minutes, yearly
# reports) follow Decree 30's layout, verified; what they must cite changes with the
# decree in force. Their "verified" stays False until the decree's appendix is read.
FORMS: tuple[Form, ...] = (
    *_pair(FormKind.PROPOSAL, "TTr", True),
    *_pair(
        FormKind.COLLECTIVE_REPORT,
        "BC",
        False,
        COLLECTIVE_SECTIONS,
        ("Mẫu số 01", "Phụ lục: Báo cáo thành tích đề nghị khen thưởng công trạng cho tập thể"),
    ),
    *_pair(
        FormKind.INDIVIDUAL_REPORT,
        "BC",
        False,
        INDIVIDUAL_SECTIONS,
        ("Mẫu số 02", "Phụ lục: Báo cáo thành tích đề nghị khen thưởng công trạng cho cá nhân"),
    ),
    *_pair(FormKind.COUNCIL_MINUTES, "BB", False),
    *_pair(FormKind.CONFERENCE_MINUTES, "BB", False),
    *_pair(FormKind.UNIT_YEARLY_REPORT, "BC", True),
    *_pair(FormKind.YEARLY_REPORT, "BC", True),
)


def form_for(kind: FormKind, on: date) -> Form:
    """The form of `kind` in force on `on` (LookupError when none: the list is data
    and a gap in it is a mistake to be told, not guessed around)."""
    for form in FORMS:
        if form.kind == kind and form.applies_on(on):
            return form
    raise LookupError(f"no form of {kind} on {on.isoformat()}")
