"""Biên bản (minutes) of the council's consideration round: attendance, the vote on
each nomination with the rule applied, and the signatures of the chair and the
secretary (names from the council seats). The same record feeds the web page."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, time
from decimal import Decimal
from pathlib import Path

from portal.documents import word
from portal.documents.congress_records import Issuer
from portal.documents.official_forms import FormKind, form_for
from portal.formatting import format_date, format_number


@dataclass(frozen=True)
class Person:
    name: str
    title: str = ""

    def __str__(self) -> str:
        return f"{self.name} - {self.title}" if self.title else self.name


@dataclass(frozen=True)
class AbsentMember(Person):
    written_opinion: bool = False


@dataclass(frozen=True)
class VoteRow:
    nominee: str
    award_title: str
    total: int
    agree: int
    disagree: int
    abstain: int
    passed: bool
    conflict: int = 0
    not_voted: int = 0
    unit: str = ""
    base: int | None = None  # the members the percentage is taken on (the rule's base)
    threshold: str = ""  # "Từ 80% trở lên tổng số thành viên Hội đồng"
    legal_basis: str = ""
    to_verify: bool = False
    conflicted: tuple[str, ...] = ()  # members who declared a conflict and did not vote

    @property
    def base_members(self) -> int:
        return self.total if self.base is None else self.base

    @property
    def percent(self) -> Decimal:
        if not self.base_members:
            return Decimal(0)
        return (Decimal(self.agree) * 100 / self.base_members).quantize(Decimal("0.1"))

    @property
    def adds_up(self) -> bool:
        counted = self.agree + self.disagree + self.abstain + self.conflict + self.not_voted
        return counted == self.total


@dataclass(frozen=True)
class MinutesRecord:
    title: str
    meeting_date: date
    location: str
    rows: list[VoteRow]
    minutes_number: str = ""
    meeting_time: time | None = None
    chair: Person | None = None
    secretary: Person | None = None
    members_total: int = 0
    present: list[Person] = field(default_factory=list)
    absent: list[AbsentMember] = field(default_factory=list)
    # (nominee, title, reason): nominated without registering at the start of the year.
    unregistered: list[tuple[str, str, str]] = field(default_factory=list)

    @property
    def passed(self) -> int:
        return sum(1 for r in self.rows if r.passed)

    @property
    def to_verify(self) -> bool:
        return any(r.to_verify for r in self.rows)


TO_VERIFY = "Quy định áp dụng đang được đánh dấu “cần kiểm tra” đối chiếu văn bản pháp luật."


def unregistered_lines(minutes: MinutesRecord) -> list[str]:
    return [
        f"- {nominee} ({title}): Không đăng ký thi đua đầu năm; lý do: {reason}"
        for nominee, title, reason in minutes.unregistered
    ]


def when_text(minutes: MinutesRecord) -> str:
    hour = (
        f"{minutes.meeting_time:%H} giờ {minutes.meeting_time:%M}, " if minutes.meeting_time else ""
    )
    return f"{hour}ngày {format_date(minutes.meeting_date)}"


def build_minutes(minutes: MinutesRecord, issuer: Issuer, path: Path) -> Path:
    """Refused (ValueError) when a row's counts do not add up to the members in total."""
    wrong = [r.nominee for r in minutes.rows if not r.adds_up]
    if wrong:
        raise ValueError(f"counts do not add up for: {', '.join(wrong)}")
    form = form_for(FormKind.COUNCIL_MINUTES, minutes.meeting_date)
    document = word.new_document()
    number_line = (
        f"Số: {minutes.minutes_number}"
        if minutes.minutes_number
        else word.number_line(form.type_code, issuer.code)
    )
    word.add_letterhead(
        document,
        word.Letterhead(
            issuer.parent_body, issuer.name, number_line, issuer.place, minutes.meeting_date
        ),
    )
    word.add_title(document, "Biên bản", f"Họp Hội đồng Thi đua - Khen thưởng: {minutes.title}")
    word.add_body(
        document,
        f"Thời gian: {when_text(minutes)}.\nĐịa điểm: {minutes.location or issuer.name}.",
    )
    chair = str(minutes.chair) if minutes.chair else "(chưa có Chủ tịch Hội đồng)"
    secretary = str(minutes.secretary) if minutes.secretary else "(chưa có Thư ký Hội đồng)"
    word.add_body(document, f"Chủ trì: {chair}, Chủ tịch Hội đồng.\nThư ký: {secretary}.")
    word.add_body(
        document,
        f"Thành phần: tổng số thành viên Hội đồng là {minutes.members_total} người; "
        f"có mặt {len(minutes.present)} người, vắng mặt {len(minutes.absent)} người.",
    )
    word.add_heading(document, f"Thành viên có mặt ({len(minutes.present)}):")
    word.add_body(document, "\n".join(f"{i}. {p}" for i, p in enumerate(minutes.present, 1)))
    word.add_heading(document, f"Thành viên vắng mặt ({len(minutes.absent)}):")
    word.add_body(
        document,
        "\n".join(
            f"{i}. {a}: "
            + ("có ý kiến bằng văn bản" if a.written_opinion else "không có ý kiến bằng văn bản")
            for i, a in enumerate(minutes.absent, 1)
        )
        or "Không có.",
    )
    conflicts = [
        f"- {name}: đề nghị “{r.nominee}” ({r.award_title})"
        for r in minutes.rows
        for name in r.conflicted
    ]
    word.add_heading(document, "Thành viên có xung đột lợi ích, không bỏ phiếu:")
    word.add_body(document, "\n".join(conflicts) or "Không có.")
    if minutes.unregistered:
        word.add_heading(document, "Đề nghị không có trong đăng ký thi đua đầu năm:")
        word.add_body(document, "\n".join(unregistered_lines(minutes)))
    word.add_body(
        document,
        "Hội đồng biểu quyết bằng phiếu kín; ý kiến bằng văn bản của thành viên vắng mặt "
        "được tính là phiếu của thành viên đó. Kết quả như sau:",
    )
    rows = [
        [
            i,
            f"{r.nominee} ({r.unit})" if r.unit else r.nominee,
            r.award_title,
            r.total,
            r.agree,
            r.disagree,
            r.abstain,
            r.conflict + r.not_voted,
            f"{format_number(r.percent, 1)}% / {r.base_members}",
            f"{r.threshold} ({r.legal_basis})" + (" - CẦN KIỂM TRA" if r.to_verify else ""),
            "Đạt" if r.passed else "Không đạt",
        ]
        for i, r in enumerate(minutes.rows, 1)
    ]
    word.add_table(
        document,
        [
            "STT",
            "Tập thể, cá nhân",
            "Hình thức",
            "Tổng số thành viên",
            "Đồng ý",
            "Không đồng ý",
            "Không biểu quyết",
            "Không bỏ phiếu",
            "Tỷ lệ đồng ý / cơ sở tính",
            "Tỷ lệ yêu cầu, căn cứ",
            "Kết quả",
        ],
        rows,
        [1.0, 2.5, 2.0, 1.2, 1.2, 1.3, 1.3, 1.3, 1.5, 2.0, 1.2],
        size=9,
    )
    word.add_body(
        document,
        "Ghi chú: “Không bỏ phiếu” gồm thành viên có xung đột lợi ích và thành viên vắng mặt "
        "không có ý kiến bằng văn bản; mỗi dòng: Đồng ý + Không đồng ý + Không biểu quyết "
        "+ Không bỏ phiếu = Tổng số thành viên.",
    )
    if minutes.to_verify:
        word.add_body(document, TO_VERIFY)
    word.add_body(
        document,
        f"Kết luận: {minutes.passed}/{len(minutes.rows)} đề nghị đạt tỷ lệ theo quy định và được "
        "Hội đồng thống nhất đề nghị cấp có thẩm quyền xem xét, khen thưởng.",
    )
    word.add_signatures(
        document,
        [
            word.Signature(
                "", "Thư ký Hội đồng", minutes.secretary.name if minutes.secretary else ""
            ),
            word.Signature("", "Chủ tịch Hội đồng", minutes.chair.name if minutes.chair else ""),
        ],
    )
    return word.save(document, path)
